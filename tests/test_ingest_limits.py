"""Limits and safety when reading sources: files and folders, structured data, text repair, encodings.

Each crash class of issue 16 that lives in source reading has a test here (tracebacks) or in
test_ingest_linear.py (hangs and blow-ups); URLs are in test_ingest_urls.py.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from dyad.ingest.items import IngestError
from dyad.ingest.normalize import document_id, normalize_text
from dyad.ingest.sources import iter_documents
from dyad.records import Document
from dyad.settings import Settings
from ingest_strategies import BOMB, time_budget

STORY = "Valdoria and Kestrel reopened the Tarn crossing to trucks on Sunday after a week of talks."


def read(*inputs: Path | str, manifest: Path | None = None, **limits: object) -> list[Document | IngestError]:
    with time_budget(60):  # a FIFO or a loop must not block the run: fail instead of hanging the suite
        return list(iter_documents([str(i) for i in inputs], Settings(**limits), manifest))


def problems(items: list[Document | IngestError], root: Path | None = None) -> dict[str, str]:
    return {(str(Path(i.source).relative_to(root)) if root else i.source): i.problem
            for i in items if isinstance(i, IngestError)}


def docs(items: list[Document | IngestError]) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


# -- files and folders ------------------------------------------------------------------------------


def test_symlink_leaving_the_folder_is_refused_and_one_inside_is_read(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "story.txt").write_text(STORY)
    (tmp_path / "secret.txt").write_text("The password is swordfish.")
    (corpus / "passwd.txt").symlink_to("/etc/passwd")
    (corpus / "secret.txt").symlink_to(tmp_path / "secret.txt")
    (corpus / "alias.txt").symlink_to(corpus / "story.txt")
    items = read(corpus)
    assert problems(items, corpus) == {
        "passwd.txt": "symbolic link to a place outside the folder; not followed",
        "secret.txt": "symbolic link to a place outside the folder; not followed",
    }
    assert sorted(d.source for d in docs(items)) == [str(corpus / "alias.txt"), str(corpus / "story.txt")]


def test_symlink_loops_and_links_back_into_the_folder(tmp_path: Path, caplog: pytest.LogCaptureFixture):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "story.txt").write_text(STORY)
    (tmp_path / "sub" / "up").symlink_to(tmp_path)  # a cycle through a folder link
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    items = read(tmp_path)
    assert problems(items, tmp_path) == {"a": "cannot read (Too many levels of symbolic links)",
                                         "b": "cannot read (Too many levels of symbolic links)"}
    assert [d.source for d in docs(items)] == [str(tmp_path / "sub" / "story.txt")]
    assert "folder already read" in caplog.text


def test_fifo_socket_and_device_are_never_opened(tmp_path: Path):
    os.mkfifo(tmp_path / "pipe.txt")  # opening it for reading would block for ever
    (tmp_path / "story.txt").write_text(STORY)
    items = read(tmp_path, tmp_path / "pipe.txt", "/dev/zero")
    assert problems(items) == {
        str(tmp_path / "pipe.txt"): "a FIFO, not a regular file; not read",
        "/dev/zero": "a character device, not a regular file; not read",
    }
    assert len(docs(items)) == 1


def test_folder_depth_is_bounded(tmp_path: Path):
    deep = tmp_path.joinpath(*["d"] * 6)
    deep.mkdir(parents=True)
    (deep / "deep.txt").write_text(STORY)
    (tmp_path / "d" / "shallow.txt").write_text(STORY.replace("Sunday", "Monday"))
    items = read(tmp_path, max_folder_depth=3)
    assert problems(items, tmp_path) == {"d/d/d/d": "folder nested deeper than 3 levels; not read"}
    assert [d.source for d in docs(items)] == [str(tmp_path / "d" / "shallow.txt")]


def _nest(top: Path, name: str, levels: int, leaf: str) -> None:
    """`levels` folders called `name` inside each other, and a story at the bottom (made through
    directory descriptors: the full path may be longer than the kernel resolves)."""
    fd = os.open(top, os.O_RDONLY)
    try:
        for _ in range(levels):
            os.mkdir(name, dir_fd=fd)
            child = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = child
        out = os.open("story.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(out, leaf.encode())
        os.close(out)
    finally:
        os.close(fd)


def _unnest(top: Path, name: str) -> None:
    """Remove what _nest made one level at a time (shutil.rmtree recurses, and so does pytest's clean-up)."""
    while (top / name / name).exists():
        os.rename(top / name / name, top / "lifted")
        os.rmdir(top / name)
        os.rename(top / "lifted", top / name)
    shutil.rmtree(top)


@contextmanager
def nested(name: str, levels: int) -> Iterator[Path]:
    """A folder holding the nest, outside pytest's temporary folders (which it removes recursively)."""
    top = Path(tempfile.mkdtemp(prefix="dyad-deep-"))
    try:
        _nest(top, name, levels, STORY)
        yield top
    finally:
        _unnest(top, name)


def test_folders_eleven_hundred_levels_deep_end_with_a_line_not_a_traceback():
    with nested("d", 1100) as top:  # deeper than Python's recursion limit: os.walk raised RecursionError
        assert problems(read(top)) == {str(top.joinpath(*["d"] * 33)): "folder nested deeper than 32 levels; not read"}
        (doc,) = read(top, max_folder_depth=5000)
        assert doc.text == STORY and doc.source == str(top) + "/d" * 1100 + "/story.txt"


def test_paths_longer_than_the_system_allows_are_one_line():
    with nested("n" * 200, 30) as top:
        (problem,) = problems(read(top, max_folder_depth=100)).values()
        assert "File name too long" in problem


# -- structured data ---------------------------------------------------------------------------------


def test_jsonl_long_line_and_deep_nesting_are_one_line_each(tmp_path: Path):
    records = tmp_path / "records.jsonl"
    records.write_text("\n".join([
        json.dumps({"text": "x" * 1500}),
        '{"text": "a", "meta": ' + "[" * 100 + "]" * 100 + "}",
        json.dumps({"text": STORY, "meta": [[["three levels"]]]}),
    ]) + "\n")
    items = read(records, max_line_bytes=1000, max_nesting=4)
    assert problems(items) == {f"{records}:1": "line longer than 1000 bytes; skipped",
                               f"{records}:2": "JSON nested deeper than 4 levels"}
    assert [d.text for d in docs(items)] == [STORY]


def test_json_nested_past_the_recursion_limit(tmp_path: Path):
    deep = '{"text": "a", "meta": ' + "[" * 100_000 + "]" * 100_000 + "}"  # RecursionError in json before
    (tmp_path / "records.jsonl").write_text(deep + "\n")
    (tmp_path / "record.json").write_text(deep)
    assert set(problems(read(tmp_path)).values()) == {"JSON nested deeper than 64 levels"}


def test_yaml_alias_bomb_and_deep_front_matter_are_refused(tmp_path: Path):
    (tmp_path / "bomb.md").write_text(f"---\n{BOMB}---\n{STORY}\n")  # 311 bytes that expand to gigabytes
    (tmp_path / "deep.md").write_text("---\ntitle: " + "[" * 5000 + "]" * 5000 + f"\n---\n{STORY}\n")
    assert problems(read(tmp_path), tmp_path) == {
        "bomb.md": "bad YAML front matter (YAML anchors and aliases are not accepted)",
        "deep.md": "bad YAML front matter (YAML nested deeper than 64 levels)",
    }
    (tmp_path / "big.md").write_text("---\ntitle: " + "x" * 100 + f"\n---\n{STORY}\n")
    assert problems(read(tmp_path / "big.md", max_front_matter_bytes=80)) == {
        str(tmp_path / "big.md"): "YAML front matter larger than 80 bytes"
    }


@pytest.mark.parametrize("field, value, note", [
    ("published", "0000-00-00", "published '0000-00-00' left out (not a date)"),
    ("published", "2025-13-45", "published '2025-13-45' left out (not a date)"),
    ("published", "99999-01-01", "published '99999-01-01' left out (not a date)"),
    ("published", "9999-12-31", "published '9999-12-31' left out (year outside 1000-2999)"),
    ("published", "[2025, 3]", "published (a list) left out (not a date)"),
    ("title", "[a, b]", "title (a list) left out (not text)"),
    ("title", "{a: 1}", "title (a dict) left out (not text)"),
    ("language", "[en]", "language (a list) left out (not a language tag)"),
])
def test_impossible_front_matter_values_are_dropped_with_a_note(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, field: str, value: str, note: str
):
    path = tmp_path / "story.md"
    path.write_text(f"---\n{field}: {value}\noutlet: Tarn Times\n---\n{STORY}\n")
    (doc,) = read(path)
    assert isinstance(doc, Document) and doc.outlet == "Tarn Times" and doc.published is None
    assert f"dyad: {path}: {note}" in caplog.messages


def test_yaml_values_stay_strings(tmp_path: Path):
    path = tmp_path / "story.md"
    path.write_text(f"---\ntitle: no\noutlet: 1984\npublished: 2025-03-14\nurl: ~\n---\n{STORY}\n")
    (doc,) = read(path)
    assert (doc.title, doc.outlet, doc.published.isoformat(), doc.url) == ("no", "1984", "2025-03-14", None)


# -- text repair ---------------------------------------------------------------------------------------


def test_lone_surrogates_and_escaped_emoji_pairs_are_repaired(tmp_path: Path):
    records = tmp_path / "records.jsonl"
    records.write_bytes(b'{"text": "Kestrel \\udfff signed. \\ud83d\\ude00", "title": "Deal \\ud83d"}\n')
    story = tmp_path / "story.md"
    story.write_text('---\ntitle: "Pact \\ud83d\\ude00"\n---\n' + STORY + "\n")  # YAML keeps the halves apart
    first, second = read(records, story)
    assert first.text == "Kestrel \ufffd signed. \U0001f600" and first.title == "Deal \ufffd"
    assert second.title == "Pact \U0001f600"
    assert document_id("a\udfff") == document_id("a\ufffd")  # used to raise UnicodeEncodeError


def test_nul_and_control_characters_are_removed():
    text = "Kestrel\x00 and\x1b[31m Valdoria\x7f met\u2028in Amsel.\x85Talks\u2029went on.\x0bNo\x9b more."
    assert normalize_text(text) == "Kestrel and[31m Valdoria met\nin Amsel.\nTalks\n\nwent on. No more."


def test_form_feeds_in_a_crowded_page():
    """Found by fuzzing (twice): flattening a crowded element, or dropping a script from it, gave
    lxml back a form feed it parsed but cannot hold."""
    from dyad.ingest.items import RawText
    from dyad.ingest.sources import to_document

    crowd = "<div>Kestrel</div>\x0c\ufffe<script>var a;</script>\x0c" * 1500
    page = f"<html><body><article><p>{STORY}</p><div>{crowd}</div></article></body></html>"
    doc = to_document(RawText(source="crowded.html", text=page, html=True))
    assert isinstance(doc, Document) and STORY in doc.text


def test_error_lines_never_carry_control_characters():
    assert IngestError("bad\x1b[2Jname\n", "why\x00").line() == "bad\\x1b[2Jname\\n: why\\x00"


# -- encodings ---------------------------------------------------------------------------------------


def test_cp1252_file_is_read_with_a_note_and_binary_is_one_line(tmp_path: Path, caplog: pytest.LogCaptureFixture):
    (tmp_path / "legacy.txt").write_bytes("Le ministre a déclaré « l’accord est signé » à Amsel.".encode("cp1252"))
    (tmp_path / "noise.txt").write_bytes(bytes(range(128, 256)) * 4)
    items = read(tmp_path)
    assert problems(items, tmp_path) == {"noise.txt": "not text in UTF-8 or any encoding dyad can detect (byte 0)"}
    assert docs(items)[0].text == "Le ministre a déclaré « l’accord est signé » à Amsel."
    assert f"dyad: {tmp_path / 'legacy.txt'}: read as cp1252 (not UTF-8)" in caplog.messages


def test_mostly_utf8_with_a_stray_byte_stays_utf8(tmp_path: Path):
    path = tmp_path / "mixed.txt"
    path.write_bytes(("Künftig prüft Kestrel die Zölle gemäß dem Abkommen. ").encode() * 3 + b"\xff")
    (doc,) = read(path)
    assert doc.text.startswith("Künftig prüft") and doc.text.endswith("\ufffd")


def test_hostile_standard_input(monkeypatch: pytest.MonkeyPatch):
    import io
    import sys

    def stdin(data: bytes) -> list[Document | IngestError]:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
        return read("-")

    deep = b'{"text": "a", "x": ' + b"[" * 50_000 + b"]" * 50_000 + b"}\n" + json.dumps({"text": STORY}).encode()
    first, second = stdin(deep)
    assert first.problem == "JSON nested deeper than 64 levels" and second.text == STORY
    assert problems(stdin(bytes(range(128, 256)) * 4)) == {"-": "not text in UTF-8 or any encoding dyad can detect (byte 0)"}
    assert problems(stdin(f"---\n{BOMB}---\n{STORY}".encode())) == {
        "-": "bad YAML front matter (YAML anchors and aliases are not accepted)"
    }


# -- CSV and TSV -------------------------------------------------------------------------------------


def test_csv_field_past_the_line_limit_stops_the_file_with_one_line(tmp_path: Path):
    table = tmp_path / "table.csv"
    table.write_text(f'text,title\n"{STORY}",One\n"' + "," * 5000 + '",Two\n')
    items = read(table, max_line_bytes=1000)
    assert problems(items) == {f"{table}:3": "line longer than 1000 bytes; the rest of the file is skipped"}
    assert [d.title for d in docs(items)] == ["One"]


def test_unclosed_quote_cannot_swallow_the_file(tmp_path: Path):
    table = tmp_path / "table.csv"
    table.write_text(f'text,title\n"{STORY}",One\n"never closed,Two\n' + f"{STORY},Three\n" * 200)
    items = read(table, max_line_bytes=1000)
    (problem,) = problems(items).values()
    assert problem.startswith("broken CSV (field larger than field limit (1000))")


def test_tsv_of_commas(tmp_path: Path):
    table = tmp_path / "commas.tsv"
    table.write_text("text\ttitle\n" + "," * 200_000 + "\tCommas\n")
    with time_budget(60):
        (doc,) = read(table)
    assert doc.title == "Commas" and set(doc.text) == {","}


# -- manifests ---------------------------------------------------------------------------------------


def test_manifest_cannot_reach_outside_its_folder(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "story.txt").write_text(STORY)
    manifest = corpus / "manifest.jsonl"
    manifest.write_text("\n".join(json.dumps(r) for r in [
        {"file": "story.txt", "title": "Crossing reopens"},
        {"file": "../secret.txt"},
        {"file": "/etc/passwd"},
        {"file": ["a", "b"]},
    ]) + "\n")
    items = read(manifest=manifest)
    assert problems(items) == {f"{manifest}:{n}": "manifest `file` outside the manifest's folder" for n in (2, 3, 4)}
    assert [d.title for d in docs(items)] == ["Crossing reopens"]


def test_every_rejection_is_one_line_on_the_command_line(tmp_path: Path):
    from click.testing import CliRunner

    from dyad.present.cli import main

    (tmp_path / "bomb.md").write_text(f"---\n{BOMB}---\n{STORY}\n")
    (tmp_path / "deep.jsonl").write_text('{"text": "a", "x": ' + "[" * 50_000 + "]" * 50_000 + "}\n")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "passwd.txt").symlink_to("/etc/passwd")
    with time_budget(120):
        result = CliRunner().invoke(main, ["--db", str(tmp_path / "s.duckdb"), "ingest", str(tmp_path), "ftp://x/y"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("dyad: ")]
    assert len(lines) == 5, result.stderr


def test_notes_reach_stderr_without_logging_set_up(tmp_path: Path):
    import subprocess
    import sys

    path = tmp_path / "legacy.txt"
    path.write_bytes("Café talks resumed in Amsel.".encode("cp1252"))
    code = "from dyad.ingest.sources import iter_documents; from dyad.settings import Settings; " \
           f"list(iter_documents([{str(path)!r}], Settings()))"
    logging.shutdown()
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.stderr.strip() == f"dyad: {path}: read as cp1252 (not UTF-8)"
