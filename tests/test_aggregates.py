"""The stored aggregates (schema 8): the same whatever the order documents arrive in, kept right when a
document is deleted, filled by the migration from version 7, and giving the numbers the pages computed
from the events before.

The embedded examples are extracted once; stores are built from that extraction, fused as `dyad ingest`
fuses them.
"""

from __future__ import annotations

import math
import random
from pathlib import Path
from typing import Any

import pytest

from dyad.fuse.actor_tables import resolve_stored
from dyad.fuse.update import rebuild
from dyad.run import ingest_documents
from dyad.store import aggregate_reads, aggregates, browse, open_store
from dyad.store.aggregate_tables import AGGREGATE_TABLES
from dyad.store.db import Store
from dyad.store.schema import SCHEMA_VERSION
from example_runs import Extracted, cached


def _rows(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    return {t: sorted(tuple(repr(v) for v in r.values()) for r in store.rows(f"SELECT * FROM {t}"))
            for t in AGGREGATE_TABLES}


def _ingest(path: Path, order: list[str], extracted: Extracted, one_by_one: bool = True) -> Store:
    store = open_store(path)
    batches = [[i] for i in order] if one_by_one else [order]
    for batch in batches:
        ingest_documents([extracted[i][0] for i in batch], store, cached(extracted))
    resolve_stored(store)
    return store


@pytest.mark.slow
def test_two_orders_of_arrival_and_a_rebuild_give_the_same_aggregates(tmp_path: Path, extracted: Extracted):
    ids = sorted(extracted)
    shuffled = ids[:]
    random.Random(11).shuffle(shuffled)
    with _ingest(tmp_path / "a.duckdb", ids, extracted) as a, _ingest(tmp_path / "b.duckdb", shuffled, extracted) as b:
        first = _rows(a)
        assert first["pair_days"] and first["pair_totals"] and first["actor_edges"] and first["actor_network"]
        assert _rows(b) == first
        rebuild(a)
        resolve_stored(a, force=True)
        assert _rows(a) == first
        assert aggregate_reads.differences(a, 30) == {t: 0 for t in AGGREGATE_TABLES}


def _close(a: Any, b: Any) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return bool(a == b)


def _same(stored: list[Any], computed: list[Any]) -> bool:
    x = [r.__dict__ for r in stored]
    y = [r.__dict__ for r in computed]
    return len(x) == len(y) and all(all(_close(p[k], q[k]) for k in p) for p, q in zip(x, y, strict=True))


def _assert_reads_match(store: Store) -> list[tuple[str, str]]:
    """Every aggregate the pages read equals what the events give (the computation before version 8)."""
    assert aggregate_reads.usable(store, 30)
    assert _same(aggregates.dyad_table(store), aggregates.dyad_table(store, computed=True))
    assert _same(aggregates.dyad_table(store, True, 5), aggregates.dyad_table(store, True, 5, computed=True))
    for level in ("state", "actor"):
        assert _same(aggregates.network_edges(store, level), aggregates.network_edges(store, level, computed=True))
    pairs = [tuple(d.dyad.split("-")) for d in aggregates.dyad_table(store)]
    assert pairs
    for pair in [*pairs[:4], None]:
        for directed in (False, True):
            for bucket in ("day", "month"):
                assert _same(aggregates.trend(store, pair, directed, bucket),  # type: ignore[arg-type]
                             aggregates.trend(store, pair, directed, bucket, computed=True))  # type: ignore[arg-type]
            got = aggregates.latest_windows(store, pair, directed, 30)  # type: ignore[arg-type]
            want = aggregates.latest_windows(store, pair, directed, 30, computed=True)  # type: ignore[arg-type]
            assert got[0] == want[0] and _same([got[1]], [want[1]])
    every = browse.EventFilter()
    assert browse.event_facets(store, every) == browse.event_facets(store, every, computed=True)
    got_w = browse.dyad_windows(store, pairs, 30)  # type: ignore[arg-type]
    want_w = browse.dyad_windows(store, pairs, 30, computed=True)  # type: ignore[arg-type]
    assert got_w.keys() == want_w.keys()
    assert all(got_w[k][0] == want_w[k][0] and _same([got_w[k][1]], [want_w[k][1]]) for k in got_w)
    return pairs  # type: ignore[return-value]


@pytest.mark.slow
def test_deleting_a_document_takes_away_what_it_contributed(tmp_path: Path, extracted: Extracted):
    ids = sorted(extracted)
    with _ingest(tmp_path / "s.duckdb", ids, extracted, one_by_one=False) as store:
        before = _rows(store)
        busiest = store.rows("SELECT e.doc_id, count(*) AS n FROM events e WHERE e.realis AND e.source <> e.target "
                             "GROUP BY 1 ORDER BY n DESC, 1 LIMIT 1")[0]["doc_id"]
        store.delete_document(busiest)
        after = _rows(store)
        assert after["pair_totals"] != before["pair_totals"]
        assert aggregate_reads.differences(store, 30) == {t: 0 for t in AGGREGATE_TABLES}


@pytest.mark.slow
def test_the_migration_from_version_7_fills_the_aggregates(tmp_path: Path, extracted: Extracted):
    path = tmp_path / "s.duckdb"
    with _ingest(path, sorted(extracted), extracted, one_by_one=False) as store:
        want = _rows(store)
        with store.transaction() as con:  # back to a version 7 file: no aggregate tables, no version 8
            for table in AGGREGATE_TABLES:
                con.execute(f"DROP TABLE {table}")
            con.execute("DELETE FROM fusion_state WHERE name = 'background_days'")
            con.execute("DELETE FROM schema_version")
            con.execute("INSERT INTO schema_version VALUES (7, now())")
    with open_store(path) as store:
        assert store.rows("SELECT max(version) AS v FROM schema_version")[0]["v"] == SCHEMA_VERSION
        assert _rows(store) == want


@pytest.mark.slow
def test_the_doctor_finds_a_wrong_aggregate_and_repairs_it(tmp_path: Path, extracted: Extracted):
    import dyad

    path = tmp_path / "s.duckdb"
    with _ingest(path, sorted(extracted), extracted, one_by_one=False) as store:
        store.query("UPDATE pair_totals SET n_events = n_events + 1 WHERE directed")
    with dyad.open(path) as db:
        found = [p.message for p in db.doctor().problems if p.check == "aggregates"]
        assert found and "pair_totals" in found[0]
        repaired = db.doctor(repair=True)
        assert not [p for p in repaired.problems if p.check == "aggregates"], repaired.problems
        assert any("recomputed the stored aggregates" in line for line in repaired.repaired)


@pytest.mark.slow
def test_pages_show_the_numbers_computed_from_the_events(tmp_path: Path, extracted: Extracted):
    from fastapi.testclient import TestClient

    from dyad.present.web.app import create_app
    from dyad.settings import Settings

    path = tmp_path / "s.duckdb"
    with _ingest(path, sorted(extracted), extracted) as store:
        pairs = _assert_reads_match(store)
        dyads = {d.dyad: d for d in aggregates.dyad_table(store, computed=True)}
        a, b = pairs[0]
        trend = aggregates.trend(store, (a, b), False, "month", computed=True)
    client = TestClient(create_app(Settings(db=path)))
    overview = client.get("/.json").json()
    assert overview["dyads"]
    for row in overview["dyads"]:
        want = dyads[row["dyad"]]
        assert row["n_events"] == want.n_events and row["n_documents"] == want.n_documents
        assert _close(row["goldstein_mean"], want.goldstein_mean)
    page = client.get(f"/dyad/{a}-{b}.json", params={"bucket": "month"}).json()
    assert [r["n_events"] for r in page["trend"]] == [t.n_events for t in trend]
    assert all(_close(r["goldstein_sum"], t.goldstein_sum) for r, t in zip(page["trend"], trend, strict=True))


@pytest.mark.slow
def test_documents_leaving_aggregates_built_with_another_threshold_leave_them_rebuilt(tmp_path: Path,
                                                                                     extracted: Extracted):
    from dyad.fuse.update import unfuse_documents

    ids = sorted(extracted)
    with _ingest(tmp_path / "s.duckdb", ids, extracted, one_by_one=False) as store:
        store.query("UPDATE fusion_state SET value = '7' WHERE name = 'background_days'")
        unfuse_documents(store, ids[:3])
        assert store.rows("SELECT value FROM fusion_state WHERE name = 'background_days'")[0]["value"] == "30"
        assert aggregate_reads.differences(store, 30) == {t: 0 for t in AGGREGATE_TABLES}
