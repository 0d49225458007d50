"""`dyad doctor`: finds what is broken in a store, repairs what is safe, and takes checks from other stages."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

import dyad
from dyad.present.cli import main
from dyad.records import Actor, ActorMention, DocExtraction, Document, EntityMention, Event, Evidence
from dyad.store import doctor, open_store
from dyad.store.schema import DOCUMENTS_DDL, EXTRACTION_TABLES, SCHEMA_VERSION, table_ddl

TEXTS = ["Seoul met Beijing on Monday.", "Tokyo protested to Seoul.", "Lima thanked Quito."]


def _extraction(document: Document) -> DocExtraction:
    first = document.text.split()[0]
    ev = Evidence(doc_id=document.id, start=0, end=len(first))
    return DocExtraction(
        doc_id=document.id, model="hand",
        entities=[EntityMention(text=first, label="GPE", evidence=ev)],
        actors=[Actor(key="a1", name=first, kind="state")],
        mentions=[ActorMention(actor_key="a1", text=first, evidence=ev)],
        events=[Event(source_actor="a1", code="040", root="04", trigger=first, realis=True, evidence=ev,
                      trigger_evidence=ev)],
    )


def documents() -> list[Document]:
    return [Document(id=f"doc{i}", text=t, source=f"in/{i}.txt") for i, t in enumerate(TEXTS)]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    with open_store(tmp_path / "s.duckdb") as store:
        for d in documents():
            store.write(d, _extraction(d))
    return tmp_path / "s.duckdb"


def cli(path: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", str(path), "doctor", *args], env={"COLUMNS": "200"})
    return result.exit_code, result.output


def corrupt(path: Path, *statements: str) -> None:
    con = duckdb.connect(str(path))
    for sql in statements:
        con.execute(sql)
    con.close()


def test_a_whole_store_passes(path: Path) -> None:
    code, out = cli(path)
    assert code == 0 and "ok: the store is whole" in out and f"schema version {SCHEMA_VERSION} (this dyad: {SCHEMA_VERSION})" in out
    with dyad.open(path, read_only=True) as db:
        found = db.doctor()
    assert found.ok and found.version == found.expected and found.failed_documents == 0


def test_each_kind_of_damage_is_found_and_repaired(path: Path) -> None:
    corrupt(
        path,
        "INSERT INTO events SELECT 'ghost' AS doc_id, * EXCLUDE (doc_id) FROM events WHERE doc_id = 'doc0'",
        "UPDATE documents SET near_copy_of = 'gone' WHERE id = 'doc2'",
        "UPDATE mentions SET start = start + 1 WHERE doc_id = 'doc1'",  # the span no longer says its words
        "INSERT INTO entities SELECT * FROM entities WHERE doc_id = 'doc2'",  # a row stored twice
        "UPDATE documents SET n_chars = 1 WHERE id = 'doc0'",
        "INSERT INTO failures VALUES ('doc0', 'in/0.txt', NULL, 'actors', 'KeyError', '', 1, now(), now())",
    )
    code, out = cli(path, "--json")
    assert code == 1
    report = json.loads(out)
    found = {p["check"] for p in report["problems"]}
    assert found == {"orphans", "near copies", "spans", "duplicates", "sizes", "failures", "actor keys"}
    spans = next(p for p in report["problems"] if p["check"] == "spans")
    assert spans["docs"] == ["doc1"] and "mentions.text differs" in spans["message"]

    code, out = cli(path, "--repair")
    assert code == 0, out
    assert "dropped 2 document(s)" in out and "ok: the store is whole" in out
    with dyad.open(path, read_only=True) as db:
        assert {d.id for d in db.documents()} == {"doc0"}
        dropped = {f.doc_id: f for f in db.failures()}
    assert set(dropped) == {"doc1", "doc2"} and dropped["doc1"].stage == "doctor"
    assert "--repair" in dropped["doc1"].reason

    with open_store(path) as store:  # ingesting the dropped documents again stores them whole
        for d in documents()[1:]:
            assert store.write(d, _extraction(d))
    code, out = cli(path)
    assert code == 0 and "failed extraction" not in out


def test_an_old_schema_is_a_problem_until_repaired(tmp_path: Path) -> None:
    path = tmp_path / "v1.duckdb"
    con = duckdb.connect(str(path))  # a store as version 1 made it: no failures table
    con.execute(DOCUMENTS_DDL + "\n".join(table_ddl(t, r) for t, (r, _) in EXTRACTION_TABLES.items()))
    con.execute("CREATE TABLE schema_version (version INTEGER, applied_at TIMESTAMP)")
    con.execute("INSERT INTO schema_version VALUES (1, now())")
    con.close()
    code, out = cli(path)
    assert code == 1 and "DY103" not in out and "older" in out and "--repair" in out
    code, out = cli(path, "--repair")
    assert code == 0 and f"schema version {SCHEMA_VERSION}" in out


@pytest.fixture
def extra_check() -> Iterator[str]:
    """A check another stage registers (as fusion does for its stored tables)."""

    @doctor.check("test tables", "documents have short texts")
    def short_texts(store: doctor.Store) -> list[doctor.Problem]:
        rows = store.rows("SELECT id FROM documents WHERE length(text) > 25")
        return [doctor.Problem("test tables", f"{len(rows)} long text(s)", len(rows))] if rows else []

    yield "test tables"
    del doctor.CHECKS["test tables"]


def test_other_stages_register_their_checks(path: Path, extra_check: str) -> None:
    code, out = cli(path)
    assert code == 1 and "problem: test tables: 1 long text(s)" in out
