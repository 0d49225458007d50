"""Fuzzing the source-reading path: whatever the input, documents or one clear error line each.

No uncaught exception, no `internal error` (the safety net in `iter_documents` must never be what
caught a failure), no hang (each example runs under a time budget: a hang guard, not a timing
assertion) and bounded memory (the process's peak resident size stays under a cap).

`make test` runs a small fixed-seed share; `make fuzz` sets DYAD_FUZZ=full for the full counts
(DYAD_FUZZ_EXAMPLES overrides the count per test, DYAD_FUZZ_BUDGET the seconds per example).
"""

from __future__ import annotations

import os
import re
import resource
import tempfile
from collections.abc import Iterable
from pathlib import Path

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyad.ingest.items import IngestError, RawText
from dyad.ingest.markdown import FrontMatterError, read_markdown
from dyad.ingest.sources import INTERNAL, iter_documents, to_document
from dyad.records import Document
from dyad.settings import Settings
from ingest_strategies import (
    encoded,
    html_pages,
    jsonl_files,
    manifests,
    markdown_files,
    table_files,
    texts,
    time_budget,
)

FULL = os.environ.get("DYAD_FUZZ") == "full"
EXAMPLES = int(os.environ.get("DYAD_FUZZ_EXAMPLES", 1500 if FULL else 40))
BUDGET = float(os.environ.get("DYAD_FUZZ_BUDGET", 20))
MEMORY_CAP_MB = 1500  # growth of the peak resident size over the whole module
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=not FULL,  # make test: the same inputs every run
    deadline=None,  # the hang guard below is the time limit
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example,
                           HealthCheck.function_scoped_fixture],
)
LIMITS = Settings(max_bytes=2_000_000, max_line_bytes=3_000_000)
_START_RSS_MB = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
_DB = duckdb.connect()


def check(items: Iterable[Document | IngestError]) -> list[Document | IngestError]:
    """Every item a storable document or one clear error line; memory still bounded."""
    out = []
    with time_budget(BUDGET):
        for item in items:
            out.append(item)
    for item in out:
        if isinstance(item, IngestError):
            line = item.line()
            assert INTERNAL not in item.problem, line
            assert "\n" not in line and "\r" not in line
            line.encode("utf-8")
            continue
        assert isinstance(item, Document), item
        assert re.fullmatch(r"[0-9a-f]{16}", item.id)
        for value in (item.text, item.title, item.outlet, item.url, item.source):
            if value is not None:
                value.encode("utf-8")  # no lone surrogate
                assert not re.search(r"[\x00-\x08\x0e-\x1f\x7f]", value), repr(value)
        _DB.execute("SELECT ?::VARCHAR, ?::VARCHAR", [item.text, item.title])
        item.model_dump_json()
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - _START_RSS_MB
    assert grown < MEMORY_CAP_MB, f"peak memory grew by {grown:.0f} MB"
    return out


def read_bytes_as(data: bytes, name: str, **extra: object) -> list[Document | IngestError]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        return check(iter_documents([str(path)], LIMITS.model_copy(update=extra)))


@FUZZ
@given(text=texts, html=st.booleans())
def test_any_text_becomes_a_document_or_a_clear_error(text: str, html: bool) -> None:
    check([to_document(RawText(source="fuzz", text=text, html=html))])


@FUZZ
@given(data=encoded(), suffix=st.sampled_from([".txt", ".md", ".html", ".json", ""]))
def test_any_bytes_in_any_encoding(data: bytes, suffix: str) -> None:
    read_bytes_as(data, "input" + suffix)


@FUZZ
@given(page=html_pages(), as_bytes=st.booleans())
def test_html(page: str, as_bytes: bool) -> None:
    if as_bytes:
        read_bytes_as(page.encode("utf-8", "surrogatepass"), "page.html")
    else:
        check([to_document(RawText(source="fuzz.html", text=page, html=True))])


@FUZZ
@given(text=markdown_files())
def test_markdown_front_matter(text: str) -> None:
    with time_budget(BUDGET):
        try:
            read_markdown(text, LIMITS, [])
        except FrontMatterError as exc:
            assert "\n" not in str(exc)
    read_bytes_as(text.encode("utf-8", "surrogatepass"), "story.md")


@FUZZ
@given(data=jsonl_files(), small=st.booleans())
def test_json_lines(data: bytes, small: bool) -> None:
    extra = {"max_line_bytes": 64, "max_nesting": 3} if small else {}
    read_bytes_as(data, "records.jsonl", **extra)
    read_bytes_as(data, "records.json", **extra)


@FUZZ
@given(data=table_files(), suffix=st.sampled_from([".csv", ".tsv"]), small=st.booleans())
def test_csv_and_tsv(data: bytes, suffix: str, small: bool) -> None:
    read_bytes_as(data, "records" + suffix, **({"max_line_bytes": 100} if small else {}))


@FUZZ
@given(manifest=manifests(), story=texts)
def test_manifests(manifest: bytes, story: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "sub").mkdir()
        (root / "a.txt").write_text(story, encoding="utf-8", errors="surrogatepass")
        (root / "sub" / "b.md").write_text("---\ntitle: B\n---\n" + story, encoding="utf-8", errors="surrogatepass")
        (root / "manifest.jsonl").write_bytes(manifest)
        check(iter_documents([], LIMITS, root / "manifest.jsonl"))
        check(iter_documents([str(root)], LIMITS, root / "manifest.jsonl"))


KINDS = {".txt": encoded(), ".md": markdown_files().map(lambda t: t.encode("utf-8", "surrogatepass")),
         ".html": html_pages().map(lambda t: t.encode("utf-8", "surrogatepass")), ".jsonl": jsonl_files(),
         ".csv": table_files(), ".json": jsonl_files()}


@FUZZ
@given(data=st.data())
def test_a_whole_folder(data: st.DataObject) -> None:
    """A folder of every kind of file, with links inside and out, a FIFO and nested folders."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "corpus"
        current = root
        current.mkdir()
        for index in range(data.draw(st.integers(1, 6))):
            suffix = data.draw(st.sampled_from(sorted(KINDS)))
            (current / f"f{index}{suffix}").write_bytes(data.draw(KINDS[suffix]))
            extra = data.draw(st.sampled_from(["", "dir", "link-in", "link-out", "loop", "fifo"]))
            if extra == "dir":
                current = current / f"d{index}"
                current.mkdir()
            elif extra == "link-in":
                (current / f"in{index}.txt").symlink_to(current / f"f{index}{suffix}")
            elif extra == "link-out":
                (current / f"out{index}.txt").symlink_to(Path(folder) / "outside.txt")
                (Path(folder) / "outside.txt").write_text("secret")
            elif extra == "loop":
                (current / f"loop{index}").symlink_to(root)
            elif extra == "fifo":
                os.mkfifo(current / f"pipe{index}.txt")
        items = check(iter_documents([str(root)], LIMITS))
        assert not any(isinstance(i, Document) and i.text == "secret" for i in items)
