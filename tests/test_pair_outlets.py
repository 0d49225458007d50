"""The stored per-dyad outlet counts (schema 10, `pair_outlets`): the same whatever the order documents arrive
in and after fusing again from scratch, kept right when a document is deleted, filled by the migration from
version 9, checked and repaired by the doctor, and giving the outlets a dyad's page counted from the tables.

The embedded examples are extracted once; stores are built from that extraction, fused as `dyad ingest`
fuses them.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from pathlib import Path
from typing import Any

import pytest

from dyad.fuse.actor_tables import resolve_stored
from dyad.fuse.config import speculative_modalities
from dyad.fuse.update import rebuild
from dyad.run import ingest_documents
from dyad.store import open_store, pair_reads, source_rows
from dyad.store.db import Store
from dyad.store.schema import SCHEMA_VERSION
from example_runs import Extracted, cached


def _ingest(path: Path, order: list[str], extracted: Extracted, one_by_one: bool = True) -> Store:
    store = open_store(path)
    batches = [[i] for i in order] if one_by_one else [order]
    for batch in batches:
        ingest_documents([extracted[i][0] for i in batch], store, cached(extracted))
    resolve_stored(store)
    return store


def _rows(store: Store) -> list[tuple[str, ...]]:
    """The stored rows, exactly (every sum is a count or a decimal)."""
    return sorted(tuple(repr(v) for v in r.values()) for r in store.rows("SELECT * FROM pair_outlets"))


def _close(a: Any, b: Any) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return bool(a == b)


def _pairs(store: Store) -> list[tuple[str, str]]:
    return [(r["a"], r["b"]) for r in store.rows("SELECT DISTINCT a, b FROM pair_outlets ORDER BY a, b")]


def _assert_outlets_as_counted(store: Store) -> None:
    """Each dyad's stored outlets equal those counted from the tables (a period from the first day on is
    counted, never read from the stored rows, and keeps every document)."""
    modalities = speculative_modalities()
    pairs = _pairs(store)
    assert pairs
    for a, b in pairs:
        for pair in ((a, b), (b, a)):
            stored = source_rows.sources(store, pair, False, None, None, modalities)
            counted = source_rows.sources(store, pair, False, dt.date.min, None, modalities)
            assert pair_reads.outlets(store, pair, list(modalities)) == stored
            assert len(stored) == len(counted) and stored
            for s, c in zip(stored, counted, strict=True):
                assert s.keys() == c.keys() and all(_close(s[k], c[k]) for k in s), (pair, s, c)


@pytest.mark.slow
def test_two_orders_of_arrival_and_a_rebuild_give_the_same_outlets(tmp_path: Path, extracted: Extracted):
    ids = sorted(extracted)
    shuffled = ids[:]
    random.Random(5).shuffle(shuffled)
    with _ingest(tmp_path / "a.duckdb", ids, extracted) as a, _ingest(tmp_path / "b.duckdb", shuffled, extracted) as b:
        first = _rows(a)
        assert len({(r[0], r[1]) for r in first}) > 1 and len({r[2] for r in first}) > 1
        assert _rows(b) == first
        _assert_outlets_as_counted(b)
        rebuild(a)
        resolve_stored(a, force=True)
        assert _rows(a) == first
        assert pair_reads.differences(a) == 0


@pytest.mark.slow
def test_deleting_a_document_counts_its_dyads_again(tmp_path: Path, extracted: Extracted):
    with _ingest(tmp_path / "s.duckdb", sorted(extracted), extracted, one_by_one=False) as store:
        before = _rows(store)
        busiest = store.rows("SELECT e.doc_id, count(*) AS n FROM events e WHERE e.source <> e.target "
                             "GROUP BY 1 ORDER BY n DESC, 1 LIMIT 1")[0]["doc_id"]
        store.delete_document(busiest)
        assert _rows(store) != before
        assert pair_reads.differences(store) == 0
        _assert_outlets_as_counted(store)


@pytest.mark.slow
def test_the_migration_from_version_9_fills_the_outlets(tmp_path: Path, extracted: Extracted):
    path = tmp_path / "s.duckdb"
    with _ingest(path, sorted(extracted), extracted, one_by_one=False) as store:
        want = _rows(store)
        with store.transaction() as con:  # back to a version 9 file: no pair_outlets, no version 10
            con.execute("DROP TABLE pair_outlets")
            con.execute("DELETE FROM fusion_state WHERE name = 'pair_outlets_modalities'")
            con.execute("DELETE FROM schema_version")
            con.execute("INSERT INTO schema_version VALUES (9, now())")
    with open_store(path) as store:
        assert store.rows("SELECT max(version) AS v FROM schema_version")[0]["v"] == SCHEMA_VERSION
        assert _rows(store) == want


@pytest.mark.slow
def test_outlets_counted_with_other_modalities_are_not_read_and_are_counted_again(tmp_path: Path,
                                                                                 extracted: Extracted):
    with _ingest(tmp_path / "s.duckdb", sorted(extracted), extracted, one_by_one=False) as store:
        store.query("UPDATE pair_outlets SET n_spec = n_spec + 1")
        store.query("UPDATE fusion_state SET value = 'planned' WHERE name = 'pair_outlets_modalities'")
        a, b = _pairs(store)[0]
        assert pair_reads.outlets(store, (a, b), list(speculative_modalities())) is None  # the page counts them
        store.delete_document(sorted(extracted)[0])  # the next change counts every dyad again
        assert pair_reads.differences(store) == 0
        _assert_outlets_as_counted(store)


@pytest.mark.slow
def test_the_doctor_finds_a_wrong_outlet_count_and_repairs_it(tmp_path: Path, extracted: Extracted):
    import dyad

    path = tmp_path / "s.duckdb"
    with _ingest(path, sorted(extracted), extracted, one_by_one=False) as store:
        store.query("UPDATE pair_outlets SET n_stories = n_stories + 1")
    with dyad.open(path) as db:
        found = [p.message for p in db.doctor().problems if p.check == "pair_outlets"]
        assert found and "differ from a recomputation" in found[0]
        repaired = db.doctor(repair=True)
        assert not [p for p in repaired.problems if p.check == "pair_outlets"], repaired.problems
        assert any("pair_outlets" in line for line in repaired.repaired)
