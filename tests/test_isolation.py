"""One bad document never stops a run: in one process, in worker processes, on Dask, and at the store."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyad.present.cli import main
from dyad.records import Document
from dyad.run import ingest_documents
from dyad.scale import extractor_for
from dyad.settings import Settings
from dyad.store import failures, open_store
from faults import KILL, PIPELINE, RAISE, install

GOOD = [
    "The foreign minister of Norway met the Kenyan president in Nairobi on Tuesday.",
    "Brazil and Argentina signed a pact to cut tariffs on steel, an official in Brasilia said.",
    "Japan condemned the missile launch by North Korea and called for new sanctions.",
    "Rebels attacked an army post near the border with Chad, the government of Niger said.",
    "Canada and Mexico agreed to hold talks on water rights next month.",
]


def doc(i: int, text: str) -> Document:
    return Document(id=f"d{i:02d}", text=text, source=f"in/{i:02d}.txt")


@pytest.fixture
def plugin(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The fault plugin installed for this process and every process it starts; settings whose pipeline runs it."""
    folder = install(tmp_path_factory.mktemp("plugin"))
    monkeypatch.syspath_prepend(str(folder))
    monkeypatch.setenv("PYTHONPATH", str(folder))
    importlib.invalidate_caches()
    return Settings(pipeline=PIPELINE)


def poisoned(*bad: str) -> list[Document]:
    """The good documents with the bad ones in the middle."""
    texts = [*GOOD[:2], *(f"Sweden protested. {marker}" for marker in bad), *GOOD[2:]]
    return [doc(i, t) for i, t in enumerate(texts)]


def stored_ids(path: Path) -> list[str]:
    with open_store(path, read_only=True) as store:
        return [r["id"] for r in store.query("SELECT id FROM documents ORDER BY ingested_at")]


def test_a_raising_document_is_recorded_and_the_others_stored(plugin: Settings, tmp_path: Path) -> None:
    docs = poisoned(RAISE)
    path = tmp_path / "s.duckdb"
    with open_store(path) as store:
        report = ingest_documents(docs, store, extractor_for(plugin))
        assert report.stored == [d.id for d in docs if RAISE not in d.text]
        assert [(f.document.id, f.failure.stage, f.failure.reason) for f in report.failures] == [
            ("d02", "faults", "KeyError: 'state:USA'")
        ]
        assert "Traceback" in report.failures[0].failure.detail and "dyad_faults" in report.failures[0].failure.detail
        assert report.failed and report.summary().endswith("1 failed")
        assert report.failures[0].line() == "in/02.txt: d02: extraction failed: KeyError: 'state:USA' (in faults)"
        [row] = failures.failures(store)
        assert (row.doc_id, row.source, row.stage, row.attempts) == ("d02", "in/02.txt", "faults", 1)

        again = ingest_documents(docs, store, extractor_for(plugin))  # a re-run tries the failed document again
        assert again.stored == [] and len(again.duplicates) == len(GOOD) and len(again.failures) == 1
        assert failures.failures(store)[0].attempts == 2

        fixed = ingest_documents(docs, store, extractor_for(Settings()))  # once it can be extracted, it is stored
        assert fixed.stored == ["d02"] and not fixed.failures
        assert failures.failures(store) == []


def test_cli_names_the_failed_document_and_exits_1(plugin: Settings, tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    for d in poisoned(RAISE):
        (corpus / f"{d.id}.txt").write_text(d.text, encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    env = {"DYAD_PIPELINE": ",".join(PIPELINE)}
    result = CliRunner().invoke(main, ["--db", db, "ingest", str(corpus)], env=env)
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if "extraction failed" in line]
    assert len(lines) == 1 and lines[0].startswith(f"dyad: {corpus / 'd02.txt'}: ")
    assert lines[0].endswith(": extraction failed: KeyError: 'state:USA' (in faults)")
    assert "Traceback" not in result.stderr
    assert f"stored {len(GOOD)} new document(s)" in result.stderr

    debug = CliRunner().invoke(main, ["--db", db, "--debug", "ingest", str(corpus)], env=env)
    assert debug.exit_code == 1 and "Traceback (most recent call last)" in debug.stderr
    summary = CliRunner().invoke(main, ["--db", db, "summary", "--json"])
    assert '"what": "failed documents",\n    "count": 1' in summary.output
    doctor = CliRunner().invoke(main, ["--db", db, "doctor"])
    assert doctor.exit_code == 0, doctor.output
    assert "1 document(s) failed extraction" in doctor.output and "KeyError" in doctor.output


def test_worker_processes_survive_a_raise_and_a_crash(plugin: Settings, tmp_path: Path) -> None:
    docs = poisoned(RAISE, KILL) * 1  # the killer sits in a batch with good documents
    docs += [doc(50 + i, f"{t} Again.") for i, t in enumerate(GOOD)]  # and more batches follow it
    with open_store(tmp_path / "s.duckdb") as store:
        report = ingest_documents(docs, store, extractor_for(plugin, workers=2))
    bad = {d.id for d in docs if RAISE in d.text or KILL in d.text}
    assert report.stored == [d.id for d in docs if d.id not in bad]
    stages = {f.document.id: f.failure.stage for f in report.failures}
    assert stages == {"d02": "faults", "d03": "worker"}
    assert "BrokenProcessPool" in next(f.failure.reason for f in report.failures if f.document.id == "d03")


def test_dask_workers_survive_a_raise_and_a_crash(plugin: Settings, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    import dask

    docs = poisoned(RAISE, KILL)
    extractor = extractor_for(plugin, workers=2, engine="dask", shard_dir=str(tmp_path / "shards"))
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):  # give up on a killed task at once
        with open_store(tmp_path / "s.duckdb") as store:
            report = ingest_documents(docs, store, extractor)
    assert report.stored == [d.id for d in docs if RAISE not in d.text and KILL not in d.text]
    assert {f.document.id: f.failure.stage for f in report.failures} == {"d02": "faults", "d03": "worker"}
    assert not list((tmp_path / "shards").rglob("*.parquet"))


def test_a_document_the_store_cannot_hold_is_a_failure_not_a_crash(tmp_path: Path) -> None:
    # a lone surrogate: spaCy reads it (as U+FFFD) but DuckDB cannot encode the text
    docs = [doc(0, GOOD[0]), doc(1, "Peru and Chile met \udfff in Lima."), doc(2, GOOD[1])]
    with open_store(tmp_path / "s.duckdb") as store:
        report = ingest_documents(docs, store, extractor_for(Settings()))
        assert report.stored == ["d00", "d02"]
        assert [(f.document.id, f.failure.stage) for f in report.failures] == [("d01", "store")]
        assert "surrogate" in report.failures[0].failure.reason
        assert failures.count(store) == 1


def test_the_sentence_of_issue_16_never_costs_the_run(tmp_path: Path) -> None:
    """It once raised KeyError deep in the actors stage and lost every document after it."""
    docs = [doc(0, GOOD[0]), doc(1, "The US State department advised against travel."), doc(2, GOOD[1])]
    with open_store(tmp_path / "s.duckdb") as store:
        report = ingest_documents(docs, store, extractor_for(Settings()))
    assert {"d00", "d02"} <= set(report.stored)
    assert set(report.stored) | {f.document.id for f in report.failures} == {"d00", "d01", "d02"}
