"""Reading every input format into Documents (no extraction here): metadata, errors, manifest."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from dyad.ingest.decode import DecodeError, decode_bytes
from dyad.ingest.html import explicit_meta, read_html
from dyad.ingest.meta import parse_date
from dyad.ingest.nearcopy import estimated_jaccard, shingles, signature
from dyad.ingest.sources import IngestError, iter_documents
from dyad.records import Document
from dyad.settings import Settings

ARTICLE = (
    "The coast guards of Valdoria and Kestrel held a joint drill near the Amsel shoals on Thursday. "
    "Both governments described the exercise as routine, and no incidents were reported."
)


def read(*inputs: Path | str, manifest: Path | None = None, **settings) -> list[Document | IngestError]:
    return list(iter_documents([str(i) for i in inputs], Settings(**settings), manifest))


def only_doc(items: list[Document | IngestError]) -> Document:
    assert len(items) == 1 and isinstance(items[0], Document), items
    return items[0]


def test_plain_text(tmp_path: Path):
    path = tmp_path / "drill.txt"
    path.write_text("Joint drill near the Amsel shoals\n\n" + ARTICLE + "\n", encoding="utf-8")
    doc = only_doc(read(path))
    assert doc.title == "Joint drill near the Amsel shoals"
    assert doc.source == str(path) and doc.language == "en"
    assert ARTICLE in doc.text


def test_markdown_front_matter_and_markup(tmp_path: Path):
    path = tmp_path / "drill.md"
    path.write_text(
        "---\ntitle: Coast guards drill together\noutlet: Amsel Herald\nurl: https://herald.example/drill\n"
        "published: 2025-06-12\nlanguage: en-GB\n---\n"
        "# A heading that is not the title\n\nThe coast guards of **Valdoria** and [Kestrel](https://k.example) "
        "held a joint drill.\n\n![a boat](boat.png)\n\n- No incidents were reported.\n",
        encoding="utf-8",
    )
    doc = only_doc(read(path))
    assert (doc.title, doc.outlet, doc.url, doc.published, doc.language) == (
        "Coast guards drill together", "Amsel Herald", "https://herald.example/drill", dt.date(2025, 6, 12), "en"
    )
    assert "The coast guards of Valdoria and Kestrel held a joint drill." in doc.text
    assert "**" not in doc.text and "](" not in doc.text and "boat" not in doc.text
    assert "No incidents were reported." in doc.text


def test_markdown_heading_is_the_title_without_front_matter(tmp_path: Path):
    path = tmp_path / "drill.md"
    path.write_text("# Coast guards drill together\n\n" + ARTICLE, encoding="utf-8")
    assert only_doc(read(path)).title == "Coast guards drill together"


def test_markdown_bad_front_matter(tmp_path: Path):
    path = tmp_path / "bad.md"
    path.write_text("---\ntitle: [unclosed\n---\n" + ARTICLE, encoding="utf-8")
    (err,) = read(path)
    assert isinstance(err, IngestError) and "front matter" in err.problem


PAGE = """<!doctype html><html lang="en-US"><head><title>Drill | Amsel Herald</title>
<meta property="og:site_name" content="Amsel Herald">
<meta property="og:title" content="Coast guards drill near the shoals">
<meta property="article:published_time" content="2025-06-12T07:30:00+02:00">
<link rel="canonical" href="https://herald.example/drill"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Coast guards drill near the shoals</h1><p>{p1}</p><p>{p2}</p></article>
<footer><p>Copyright 2019 Amsel Herald Group. All rights reserved.</p></footer></body></html>"""


def page(p1: str = ARTICLE, p2: str = "Observers from a third country watched from a chartered boat.") -> str:
    return PAGE.format(p1=p1, p2=p2)


def test_html_boilerplate_removed_and_explicit_metadata_kept(tmp_path: Path):
    path = tmp_path / "drill.html"
    path.write_text(page(), encoding="utf-8")
    doc = only_doc(read(path))
    assert ARTICLE in doc.text and "chartered boat" in doc.text
    assert "Sport" not in doc.text and "rights reserved" not in doc.text
    assert doc.title == "Coast guards drill near the shoals"
    assert doc.outlet == "Amsel Herald" and doc.url == "https://herald.example/drill"
    assert doc.published == dt.date(2025, 6, 12) and doc.language == "en"


def test_html_date_never_guessed_from_a_copyright_footer():
    undated = page().replace('<meta property="article:published_time" content="2025-06-12T07:30:00+02:00">', "")
    assert read_html(undated)[1].published is None  # trafilatura's full-text search would say 2019-01-01
    assert explicit_meta(page()).published == dt.date(2025, 6, 12)
    stamped = page().replace("<article>", '<article><p class="stamp">Updated January 3, 2019</p>')
    assert read_html(stamped)[1].published == dt.date(2025, 6, 12)


def test_jsonl_records_and_a_broken_line(tmp_path: Path):
    path = tmp_path / "stories.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": ARTICLE, "title": "Drill", "source": "Amsel Herald",
                    "published": "2025-06-12 20:30:26Z", "url": "https://herald.example/1"}),
        '{"text": "broken',
        json.dumps({"title": "no text here"}),
        json.dumps({"text": "Kestrel recalled its envoy from Valdoria on Friday after a border shooting."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    first, broken, missing, last = read(path)
    assert isinstance(first, Document) and first.outlet == "Amsel Herald"
    assert first.published == dt.date(2025, 6, 12) and first.source == f"{path}:1"
    assert isinstance(broken, IngestError) and broken.source == f"{path}:2" and "broken JSON" in broken.problem
    assert isinstance(missing, IngestError) and missing.source == f"{path}:3" and "text" in missing.problem
    assert isinstance(last, Document) and "envoy" in last.text


def test_csv_records(tmp_path: Path):
    path = tmp_path / "stories.csv"
    path.write_text(
        'text,title,outlet,published\n"' + ARTICLE + '",Drill,Amsel Herald,2025-06-12\n', encoding="utf-8"
    )
    doc = only_doc(read(path))
    assert doc.outlet == "Amsel Herald" and doc.published == dt.date(2025, 6, 12)


def test_folder_is_read_recursively_without_hidden_files(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "a" / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a" / "two.story").write_text("Kestrel recalled its envoy on Friday.", encoding="utf-8")
    (tmp_path / ".secret.txt").write_text("Not to be read.", encoding="utf-8")
    (tmp_path / ".hidden" / "three.txt").write_text("Not to be read either.", encoding="utf-8")
    (tmp_path / "a" / "blob.bin").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "a" / "__init__.py").write_text('"""A module, not an article."""', encoding="utf-8")
    (tmp_path / "a" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    items = read(tmp_path)
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, IngestError)]
    assert sorted(Path(d.source).name for d in docs) == ["one.txt", "two.story"]
    assert [(Path(e.source).name, e.problem) for e in errors] == [("blob.bin", "binary file")]


def test_manifest_supplies_metadata_relative_to_its_folder(tmp_path: Path):
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "drill.txt").write_text(ARTICLE, encoding="utf-8")
    manifest = tmp_path / "corpus.manifest.jsonl"
    manifest.write_text(
        json.dumps({"file": "texts/drill.txt", "published": "2025-06-12", "title": None, "outlet": "Amsel Herald",
                    "outlet_type": "local daily"}) + "\nnot json\n",
        encoding="utf-8",
    )
    items = read(tmp_path / "texts", manifest=manifest)
    errors = [i for i in items if isinstance(i, IngestError)]
    assert [e.source for e in errors] == [f"{manifest}:2"]
    doc = only_doc([i for i in items if isinstance(i, Document)])
    assert doc.published == dt.date(2025, 6, 12) and doc.outlet == "Amsel Herald" and doc.title is None
    # with no inputs, the manifest's own files are read; the manifest itself is never a document
    assert only_doc([i for i in read(manifest=manifest) if isinstance(i, Document)]).id == doc.id
    assert all(isinstance(i, IngestError) or i.source != str(manifest) for i in read(tmp_path, manifest=manifest))


def test_csv_manifest(tmp_path: Path):
    (tmp_path / "drill.txt").write_text(ARTICLE, encoding="utf-8")
    manifest = tmp_path / "m.csv"
    manifest.write_text("file,published,outlet\ndrill.txt,2025-06-12,Amsel Herald\n", encoding="utf-8")
    doc = only_doc(read(tmp_path / "drill.txt", manifest=manifest))
    assert doc.outlet == "Amsel Herald" and doc.published == dt.date(2025, 6, 12)


def test_shared_seeds_manifest(shared_seeds: Path):
    manifest = shared_seeds.parent / "seeds.manifest.jsonl"
    items = read(shared_seeds, manifest=manifest)
    docs = [i for i in items if isinstance(i, Document)]
    assert len(docs) == 5 and len(items) == 5
    listed = {json.loads(line)["file"].split("/")[-1]: json.loads(line) for line in manifest.read_text().splitlines()}
    for doc in docs:
        entry = listed[Path(doc.source).name]
        assert doc.published == dt.date.fromisoformat(entry["published"])
        if entry["title"]:
            assert doc.title == entry["title"]


@pytest.mark.parametrize(
    "data, text",
    [
        ("Grüße".encode(), "Grüße"),
        ("\ufeffGrüße".encode("utf-8"), "Grüße"),
        ("Grüße".encode("utf-16"), "Grüße"),
        ("Grüße".encode("latin-1"), "Grüße"),
        ("Le ministre a déclaré « l’accord est signé ».".encode("cp1252"), "Le ministre a déclaré « l’accord est signé »."),
    ],
)
def test_decoding(data: bytes, text: str):
    assert decode_bytes(data) == text


@pytest.mark.parametrize(
    "data, problem",
    [(b"abc\x00def", "binary file"), (bytes(range(128, 256)) * 3, "not text in UTF-8 or any encoding"),
     (bytes(range(1, 9)) * 20, "binary file")],
)
def test_undecodable(data: bytes, problem: str):
    with pytest.raises(DecodeError, match=problem):
        decode_bytes(data)


@pytest.mark.parametrize(
    "raw, day",
    [("2025-03-14 20:30:26Z", dt.date(2025, 3, 14)), ("2025-03-14T01:00:00+09:00", dt.date(2025, 3, 14)),
     ("14 March 2025", dt.date(2025, 3, 14)), ("sometime", None), (None, None)],
)
def test_parse_date(raw, day):
    assert parse_date(raw) == day


def test_minhash_estimates_jaccard_of_word_5grams():
    base = " ".join(f"word{i}" for i in range(200))
    edited = base.replace("word100", "other")
    a, b = shingles(base), shingles(edited)
    true = len(a & b) / len(a | b)
    assert abs(estimated_jaccard(signature(base), signature(edited)) - true) < 0.1
    assert estimated_jaccard(signature(base), signature(" ".join(f"x{i}" for i in range(200)))) < 0.1


def test_csv_legacy_encoding_and_missing_column(tmp_path: Path):
    legacy = tmp_path / "legacy.csv"
    legacy.write_bytes(b"text,title\n" + "Caf\u00e9 talks resumed in Amsel on Monday.,T\n".encode("latin-1"))
    (doc,) = read(legacy)
    assert doc.text == "Café talks resumed in Amsel on Monday."
    nocol = tmp_path / "nocol.csv"
    nocol.write_text("body,title\nSomething happened.,T\n", encoding="utf-8")
    (err,) = read(nocol)
    assert err.line() == f"{nocol}: no `text` column"


def test_html_without_article_text(tmp_path: Path):
    path = tmp_path / "blank.html"
    path.write_text("<html><head><title>x</title></head><body><nav></nav></body></html>", encoding="utf-8")
    (err,) = read(path)
    assert isinstance(err, IngestError) and "no article text" in err.problem


def test_stdin_jsonl_and_size_limit(monkeypatch: pytest.MonkeyPatch):
    import io
    import sys

    lines = json.dumps({"text": ARTICLE, "outlet": "Amsel Herald"}) + "\n" + json.dumps({"text": "Second report."})
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines.encode("utf-8"))))
    first, second = read("-")
    assert first.outlet == "Amsel Herald" and first.source == "-:1" and second.text == "Second report."
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-8"))))
    (err,) = read("-", max_bytes=50)
    assert err.line() == "-: too large (more than 50 bytes)"
