"""Full-text search: the index is written with each document, ranks with BM25, and stays consistent."""

from __future__ import annotations

import pytest

from dyad.records import DocExtraction, Document, Evidence, Quote
from dyad.store import open_store
from dyad.store.fulltext import index_documents, reindex_all
from dyad.store.migrations import MIGRATIONS
from dyad.store.search import count_matches, search, terms

DOCS = {
    "a": ("Fishing talks", "Norway and Iceland held talks on fishing quotas. The fishing talks ended early."),
    "b": ("Tariff pact", "Brazil cut tariffs on steel and on soybeans after talks with Argentina."),
    "c": ("Missiles", "North Korea launched missiles; Japan protested the missile launches."),
}


def _write(store, key: str, quotes: list[tuple[str, str]] = ()) -> None:
    title, text = DOCS[key]
    doc = Document(id=key, text=text, title=title, outlet=f"Outlet {key}")
    qs = []
    for speaker, words in quotes:
        start = text.index(words)
        qs.append(Quote(text=words, speaker=speaker, evidence=Evidence(doc_id=key, start=start, end=start + len(words))))
    store.write(doc, DocExtraction(doc_id=key, model="t", quotes=qs))


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "s.duckdb") as s:
        _write(s, "a")
        _write(s, "b")
        _write(s, "c", [("a Japanese official", "Japan protested the missile launches")])
        yield s


def index_rows(s) -> list[tuple]:
    return s.query("SELECT term, doc_id, idx, tf, length FROM search_terms ORDER BY ALL")


def test_the_tokenizer_folds_case_accents_and_plurals(store):
    assert terms(store, "The MISSILES of Montréal; countries") == ["country", "missile", "montreal"]


def test_documents_are_ranked_by_bm25(store):
    total, hits = search(store, "fishing talks")
    assert total == 2
    assert [h.doc_id for h in hits] == ["a", "b"]  # both words, twice over, beat one word once
    assert hits[0].matched == 2 and hits[1].matched == 1 and hits[0].score > hits[1].score
    assert hits[0].kind == "document" and hits[0].title == "Fishing talks" and "fishing" in hits[0].snippet.lower()
    assert count_matches(store, "fishing talks") == 2
    assert search(store, "missile")[1][0].doc_id == "c"  # a plural in the text, a singular in the query


def test_quotations_are_searched_on_their_own(store):
    _, hits = search(store, "japanese protest", quotes=True)
    assert [(h.kind, h.doc_id, h.idx, h.speaker) for h in hits] == [("quote", "c", 0, "a Japanese official")]
    assert hits[0].snippet == "Japan protested the missile launches"
    assert DOCS["c"][1][hits[0].start : hits[0].end] == hits[0].snippet
    assert search(store, "norway", quotes=True) == (0, [])


def test_stop_words_and_unknown_words_find_nothing(store):
    assert search(store, "the and of") == (0, [])
    assert search(store, "zeppelin") == (0, [])


def test_reingest_changes_nothing_and_deleting_a_document_drops_its_rows(store):
    before = index_rows(store)
    _write(store, "a")  # already stored: nothing written
    assert index_rows(store) == before
    store.delete_document("c")
    assert not store.query("SELECT * FROM search_terms WHERE doc_id = 'c'")
    assert not store.query("SELECT * FROM search_units WHERE doc_id = 'c'")
    assert search(store, "missile") == (0, [])


def test_the_index_is_written_in_the_documents_transaction(store, monkeypatch):
    """A write that fails after the index rows went in leaves neither the document nor its rows."""
    import dyad.store.db as db

    def index_then_fail(con, ids):
        index_documents(con, ids)
        assert con.execute("SELECT count(*) FROM search_terms WHERE doc_id = 'd'").fetchone()[0] > 0
        raise RuntimeError("the disk filled up")

    monkeypatch.setattr(db, "index_documents", index_then_fail)
    with pytest.raises(RuntimeError):
        store.write(Document(id="d", text="Chile and Peru signed a water treaty."), DocExtraction(doc_id="d", model="t"))
    assert not store.query("SELECT * FROM search_terms WHERE doc_id = 'd'")
    assert not store.has_document("d")


def test_reindexing_rebuilds_the_same_rows(store):
    before = index_rows(store)
    with store.transaction() as con:
        reindex_all(con)
    assert index_rows(store) == before


def test_a_version_1_store_gets_its_index_when_migrated(store, tmp_path):
    before = index_rows(store)
    store.con.execute("DROP TABLE search_terms; DROP TABLE search_units")
    store.con.execute("DELETE FROM schema_version")
    store.con.execute("INSERT INTO schema_version VALUES (1, now())")
    path = store.path
    store.close()
    with open_store(path) as again:
        assert index_rows(again) == before
        assert again.query("SELECT max(version) AS v FROM schema_version")[0]["v"] >= 2
    assert 2 in MIGRATIONS
