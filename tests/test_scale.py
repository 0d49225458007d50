"""Parallel engines give the same store as one process, and read their input lazily."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from dyad.errors import DyadError
from dyad.records import Document
from dyad.run import ingest_documents
from dyad.scale import extractor_for
from dyad.scale.procs import AHEAD, CHUNK, in_flight, ordered_window, start_method
from dyad.settings import Settings
from dyad.store import open_store
from dyad.store.schema import EXTRACTION_TABLES

TEXTS = [
    "The foreign minister of Norway met the Kenyan president in Nairobi on Tuesday. "
    "They agreed to expand trade and to hold talks on fishing rights next year.",
    "Rebels attacked an army post near the border with Chad, the government of Niger said, "
    "and two soldiers were killed. The army vowed to respond.",
    "\u201cWe will not accept any threat to our sovereignty,\u201d the Philippine defence secretary "
    "told reporters in Manila, after Chinese coast guard ships blocked a supply boat.",
    "Brazil and Argentina signed a pact to cut tariffs on steel. About 3,000 jobs depend on the deal, "
    "an official in Brasilia said on Friday.",
    "Japan condemned the missile launch by North Korea and called for new United Nations sanctions.",
]


def counting(documents: list[Document], pulled: list[int]) -> Iterator[Document]:
    for d in documents:
        pulled[0] += 1
        yield d


def stored_tables(path) -> dict[str, list[tuple]]:
    """Every stored table, row for row (the ingest time aside)."""
    with open_store(path, read_only=True) as store:
        out = {"documents": store.con.execute("SELECT * EXCLUDE (ingested_at) FROM documents ORDER BY id").fetchall()}
        for table in EXTRACTION_TABLES:
            out[table] = store.con.execute(f"SELECT * FROM {table} ORDER BY doc_id, idx").fetchall()
        # the full-text index is written with the documents, whichever engine extracted them
        out["search_terms"] = store.con.execute("SELECT * FROM search_terms ORDER BY ALL").fetchall()
        out["search_units"] = store.con.execute("SELECT * FROM search_units ORDER BY ALL").fetchall()
    return out


def ingest(path, documents, extractor=None) -> list[str]:
    with open_store(path) as store:
        report = ingest_documents(documents, store, extractor)
    return report.stored


@pytest.fixture(scope="module")
def single_store(tmp_path_factory, nlp):
    docs = [Document(id=f"x{i}", text=t, source=f"doc{i}.txt") for i, t in enumerate(TEXTS)]
    path = tmp_path_factory.mktemp("single") / "one.duckdb"
    stored = ingest(path, docs, extractor_for(Settings()))
    assert stored == [d.id for d in docs]
    tables = stored_tables(path)
    assert tables["sentences"] and tables["entities"], "the comparison needs something extracted"
    assert tables["search_terms"], "the comparison needs an index"
    return path, docs


def test_ordered_window_reads_lazily_and_keeps_order():
    pulled = [0]
    items = iter(range(1000))

    def source():
        for i in items:
            pulled[0] += 1
            yield i

    with ThreadPoolExecutor(2) as pool:
        stream = ordered_window(source(), lambda i: pool.submit(lambda: i * i), 3)
        first = next(stream)
        assert first == (0, 0)
        assert pulled[0] <= 3
        rest = list(stream)
    assert [r for _, r in rest] == [i * i for i in range(1, 1000)]


def test_two_workers_store_what_one_process_stores(single_store, tmp_path):
    path, docs = single_store
    pulled = [0]
    stream = extractor_for(Settings(), workers=2)(counting(docs * 40, pulled))
    first = next(stream)
    # the pool is fed a bounded window of batches, not the whole input
    assert pulled[0] <= in_flight(2) * CHUNK < len(docs) * 40
    assert first[0] == docs[0]
    stream.close()

    parallel = tmp_path / "procs.duckdb"
    assert ingest(parallel, iter(docs), extractor_for(Settings(), workers=2)) == [d.id for d in docs]
    assert stored_tables(parallel) == stored_tables(path)


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_forked_and_spawned_workers_store_the_same(single_store, tmp_path, method):
    path, docs = single_store
    store = tmp_path / f"{method}.duckdb"
    assert ingest(store, iter(docs), extractor_for(Settings(start_method=method), workers=2)) == [d.id for d in docs]
    assert stored_tables(store) == stored_tables(path)


def test_auto_start_method_forks_only_on_linux(monkeypatch):
    import dyad.scale.procs as procs

    assert start_method("spawn") == "spawn"
    monkeypatch.setattr(procs.sys, "platform", "linux")
    assert start_method() == "fork"
    monkeypatch.setattr(procs.sys, "platform", "darwin")
    assert start_method() == "spawn"


def test_dask_local_cluster_stores_what_one_process_stores(single_store, tmp_path):
    pytest.importorskip("distributed")
    path, docs = single_store
    out = tmp_path / "dask.duckdb"
    extractor = extractor_for(Settings(), workers=2, engine="dask", shard_dir=str(tmp_path / "shards"))
    assert ingest(out, iter(docs), extractor) == [d.id for d in docs]
    assert stored_tables(out) == stored_tables(path)
    assert not any((tmp_path / "shards").rglob("*.parquet"))


def test_shards_bulk_loaded_by_duckdb_match_one_process(single_store, tmp_path):
    from dyad.scale.dask_engine import dask_shards, load_shard

    path, docs = single_store
    out = tmp_path / "bulk.duckdb"
    with open_store(out) as store:
        stored = []
        # the first two documents are stored already: only the others go in
        ingest_documents(docs[:2], store, extractor_for(Settings()))
        pulled = [0]
        shards = dask_shards(counting(docs, pulled), tuple(Settings().models), workers=1,
                             shard_dir=str(tmp_path), partition=2)
        for n, shard in enumerate(shards):
            if n == 0:  # one worker: at most AHEAD partitions of 2 documents handed out
                assert pulled[0] <= AHEAD * 2 < len(docs)
            stored += load_shard(store, shard)
    assert stored == [d.id for d in docs[2:]]
    assert stored_tables(out) == stored_tables(path)


def test_unknown_engine_and_stray_scheduler_are_refused():
    with pytest.raises(DyadError, match="DY302"):
        extractor_for(Settings(), engine="spark")
    with pytest.raises(DyadError, match="DY304"):
        extractor_for(Settings(), scheduler="tcp://127.0.0.1:8786")
    with pytest.raises(DyadError, match="DY303"):
        extractor_for(Settings(), workers=0)
