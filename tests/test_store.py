"""The store: schema from records, one transaction per document, round trips."""

from __future__ import annotations

import duckdb
import pyarrow as pa
import pytest

from dyad.errors import DyadError
from dyad.records import DocExtraction, Event, Evidence, Quote
from dyad.store import open_store
from dyad.store.migrations import current_version
from dyad.store.schema import SCHEMA_VERSION

UNSTORABLE = (pa.ArrowException, duckdb.Error)  # what a value the table cannot hold raises


def _extraction(doc_id: str) -> DocExtraction:
    ev = Evidence(doc_id=doc_id, start=0, end=5)
    return DocExtraction(
        doc_id=doc_id,
        model="test",
        events=[Event(code="042", root="04", trigger="visit", realis=True, evidence=ev, trigger_evidence=ev, source="KOR", target="CHN")],
        quotes=[Quote(text="hello there my friend", evidence=ev)],
    )


def test_round_trip(tmp_path, make_doc):
    doc = make_doc("Seoul and Beijing met.", outlet="Test Wire")
    with open_store(tmp_path / "s.duckdb") as store:
        assert store.write(doc, _extraction(doc.id))
        assert not store.write(doc, _extraction(doc.id)), "a stored document is not written twice"
        back = store.extraction(doc.id)
        assert back.events[0].source == "KOR" and back.events[0].trigger_evidence.end == 5
        assert back.quotes[0].text == "hello there my friend"
        assert store.document(doc.id).outlet == "Test Wire"


def test_schema_version_recorded(tmp_path):
    with open_store(tmp_path / "s.duckdb") as store:
        assert current_version(store.con) == SCHEMA_VERSION


def test_newer_store_refused(tmp_path):
    path = tmp_path / "s.duckdb"
    open_store(path).close()
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_version VALUES (?, now())", [SCHEMA_VERSION + 1])
    con.close()
    with pytest.raises(DyadError, match="DY102 .*newer"):
        open_store(path)
    with pytest.raises(DyadError, match="DY102 .*newer"):
        open_store(path, read_only=True)


def test_failed_write_leaves_nothing(tmp_path, make_doc):
    doc = make_doc("Tokyo protested.")
    bad = _extraction(doc.id)
    bad.events[0].__dict__["code"] = object()  # not storable: the insert fails mid-document
    with open_store(tmp_path / "s.duckdb") as store:
        with pytest.raises(UNSTORABLE):
            store.write(doc, bad)
        assert not store.has_document(doc.id)
        assert store.count("events") == 0


def test_batch_write_keeps_each_document_whole(tmp_path, make_doc):
    good, bad = make_doc("Ottawa thanked Oslo."), make_doc("Lima warned Quito.")
    broken = _extraction(bad.id)
    broken.events[0].__dict__["code"] = object()
    with open_store(tmp_path / "s.duckdb") as store:
        with pytest.raises(UNSTORABLE):
            store.write_many([(good, _extraction(good.id), None), (bad, broken, None)])
        assert store.has_document(good.id) and store.count("events", "doc_id = ?", [good.id]) == 1
        assert not store.has_document(bad.id) and store.count("events", "doc_id = ?", [bad.id]) == 0


def test_batch_write_reports_what_was_new(tmp_path, make_doc):
    one, two = make_doc("Accra hosted Abuja."), make_doc("Nairobi met Kampala.")
    with open_store(tmp_path / "s.duckdb") as store:
        assert store.write_many([(one, _extraction(one.id), None)]) == [True]
        flags = store.write_many([(one, _extraction(one.id), None), (two, _extraction(two.id), [1, 2]), (two, _extraction(two.id), None)])
        assert flags == [False, True, False]
        assert store.count("documents") == 2 and store.count("events") == 2
        order = [r["id"] for r in store.query("SELECT id FROM documents ORDER BY ingested_at")]
        assert order == [one.id, two.id]
