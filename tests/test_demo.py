"""`dyad demo` and the report it writes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyad.examples import example_files
from dyad.ingest.normalize import document_id
from dyad.present.report import render_report
from dyad.records import Claim, DocExtraction, Document, Event, Evidence, Quote, Relation
from dyad.store import open_store

TEXT = (
    "Ruritania and Osterlich signed a trade pact on Tuesday. "
    '"This is a good day for both peoples," said Anna Vell, a minister. '
    "Osterlich keeps 1,200 soldiers at the border. "
    "Ruritania is not an ally of Osterlich."
)


def span(doc_id: str, words: str) -> Evidence:
    start = TEXT.index(words)
    return Evidence(doc_id=doc_id, start=start, end=start + len(words))


def stored_example(tmp_path: Path):
    """A store holding one hand-made document and extraction."""
    doc_id = document_id(TEXT)
    document = Document(
        id=doc_id, text=TEXT, title="Pact signed", outlet="Test Gazette", published=dt.date(2025, 3, 4)
    )
    sentence = span(doc_id, "Ruritania and Osterlich signed a trade pact on Tuesday.")
    extraction = DocExtraction(
        doc_id=doc_id,
        model="hand-made",
        events=[
            Event(source="RUR", target="OST", code="057", root="05", trigger="signed", realis=True,
                  goldstein=8.0, evidence=sentence, trigger_evidence=span(doc_id, "signed")),
        ],
        quotes=[Quote(text="This is a good day for both peoples,", speaker="Anna Vell",
                      evidence=span(doc_id, "This is a good day for both peoples,"))],
        claims=[Claim(value=1200, unit="soldiers", evidence=span(doc_id, "1,200 soldiers"))],
        relations=[Relation(a="RUR", b="OST", type="ally", polarity="-",
                            evidence=span(doc_id, "Ruritania is not an ally of Osterlich."))],
    )
    store = open_store(tmp_path / "t.duckdb")
    store.write(document, extraction)
    return store


def test_report_quotes_evidence_and_cites_the_document(tmp_path: Path) -> None:
    store = stored_example(tmp_path)
    report = render_report(store, [{"what": "documents", "count": 1}])
    store.close()
    cite = "*Pact signed*, Test Gazette, 2025-03-04"
    assert "“Ruritania and Osterlich signed a trade pact on Tuesday.” (trigger “signed”, happened) — " + cite in report
    assert "**Anna Vell** (direct): “This is a good day for both peoples,” — " + cite in report
    assert "1,200 soldiers: “1,200 soldiers” — " + cite in report
    assert "RUR – OST: **ally** (denied)" in report
    assert "| documents | 1 |" in report
    assert "CAMEO 057, Goldstein +8.0: 1 mention(s) in 1 document(s) (1 independent), 1 realis" in report
    assert "_No near-copies found._" in report


@pytest.mark.slow
def test_demo_ingests_examples_and_writes_report(tmp_path: Path, nlp) -> None:
    from dyad.present.cli import main

    db, report = tmp_path / "demo.duckdb", tmp_path / "out" / "report.md"
    runner = CliRunner()
    result = runner.invoke(main, ["--db", str(db), "demo", "--report", str(report)])
    assert result.exit_code == 0, result.output
    assert f"report written to {report}" in result.output
    assert "documents" in result.output and "relations" in result.output
    text = report.read_text(encoding="utf-8")
    files = example_files()
    assert "## Near-copies\n\n- *" in text, "the syndicated example is not reported as a near-copy"
    assert text.count("\n- *") >= len(files)
    with open_store(db, read_only=True) as store:
        titles = [r["title"] for r in store.query("SELECT title FROM documents")]
        assert store.count("documents") == len(files)
    for title in titles:
        assert title and title in text, f"report does not name {title!r}"

    again = runner.invoke(main, ["--db", str(db), "demo", "--report", str(report)])
    assert again.exit_code == 0
    with open_store(db, read_only=True) as store:
        assert store.count("documents") == len(files)
