"""Query latency over a generated store of 1M events: the dyad trend query and an events-facet query.

    python bench/query.py [--events 1000000] [--runs 30]

Writes the "query" section of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _common import machine, table, write_section

STATES = (
    "USA CHN RUS UKR ISR IRN GBR FRA DEU JPN KOR PRK IND PAK TUR "
    "SAU SYR IRQ AFG EGY BRA MEX CAN AUS ZAF NGA ETH SDN VEN PSE"
).split()
# CAMEO root, share of events (roughly the shape of GDELT's root counts), Goldstein of the root's base code
ROOTS = [
    ("01", 0.16, 0.0), ("02", 0.07, 3.0), ("03", 0.07, 4.0), ("04", 0.17, 1.0), ("05", 0.08, 3.5),
    ("06", 0.03, 6.0), ("07", 0.04, 7.0), ("08", 0.03, 5.0), ("09", 0.02, -2.0), ("10", 0.03, -5.0),
    ("11", 0.06, -2.0), ("12", 0.03, -4.0), ("13", 0.03, -6.0), ("14", 0.03, -6.5), ("15", 0.01, -7.2),
    ("16", 0.02, -4.0), ("17", 0.04, -5.0), ("18", 0.03, -9.0), ("19", 0.04, -10.0), ("20", 0.01, -10.0),
]
OUTLETS = 12
EVENTS_PER_DOC = 5


def quad(root: str) -> int:
    r = int(root)
    return 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4


def generate(con: Any, n_events: int) -> None:
    """Documents over three years and `n_events` events, skewed towards a few busy states and roots."""
    n_docs = n_events // EVENTS_PER_DOC
    states = "[" + ", ".join(f"'{s}'" for s in STATES) + "]"
    cum, rows = 0.0, []
    total = sum(w for _, w, _ in ROOTS)
    for root, weight, goldstein in ROOTS:
        rows.append(f"('{root}', {cum / total}, {(cum + weight) / total}, {goldstein}, {quad(root)})")
        cum += weight
    con.execute("SELECT setseed(0.42)")
    con.execute(f"CREATE TEMP TABLE roots(root VARCHAR, lo DOUBLE, hi DOUBLE, goldstein DOUBLE, quad INTEGER); "
                f"INSERT INTO roots VALUES {', '.join(rows)}")
    con.execute(f"""
        INSERT INTO documents BY NAME
        SELECT 'd' || i AS id, 'title ' || i AS title, 'outlet ' || (i % {OUTLETS}) AS outlet,
               DATE '2023-01-01' + CAST(floor(random() * 1095) AS INTEGER) AS published,
               'en' AS language, 'gen/' || i AS source, 'gen' || i AS source_name,
               CASE WHEN i % 20 = 0 AND i > 0 THEN 'd' || (i - 1) END AS near_copy_of,
               100 AS n_chars, 20 AS n_words, 'generated' AS model, now()::TIMESTAMP AS ingested_at, '' AS text
        FROM range({n_docs}) t(i)""")
    con.execute(f"""
        INSERT INTO events BY NAME
        WITH g AS (
            SELECT i, random() AS r,
                   {states}[1 + CAST(floor(30 * pow(random(), 2.5)) AS INTEGER)] AS source,
                   {states}[1 + CAST(floor(30 * pow(random(), 2.5)) AS INTEGER)] AS target,
                   random() AS w, random() AS real
            FROM range({n_events}) t(i)
        )
        SELECT 'd' || (i // {EVENTS_PER_DOC}) AS doc_id, CAST(i % {EVENTS_PER_DOC} AS INTEGER) AS idx,
               source AS source_actor, target AS target_actor, source, CASE WHEN source = target THEN NULL ELSE target END AS target,
               roots.root || '0' AS code, roots.root, 'verb' AS trigger, real < 0.85 AS realis,
               CASE WHEN real < 0.85 THEN 'asserted' ELSE 'planned' END AS modality, false AS negated,
               CASE WHEN w < 0.6 THEN NULL
                    WHEN w < 0.9 THEN CAST(DATE '2023-01-01' + CAST(floor(w * 1000) AS INTEGER) AS VARCHAR)
                    ELSE strftime(DATE '2023-01-01' + CAST(floor(w * 1000) AS INTEGER), '%Y-%m') END AS "when",
               CASE WHEN w < 0.6 THEN NULL WHEN w < 0.9 THEN 'day' ELSE 'month' END AS when_precision,
               roots.goldstein, roots.quad AS quad_class, NULL AS plover,
               0 AS start, 50 AS "end", 10 AS trigger_evidence_start, 14 AS trigger_evidence_end
        FROM g JOIN roots ON g.r >= roots.lo AND g.r < roots.hi""")
    con.execute("CHECKPOINT")


def trend_query(store: Any) -> Callable[[], list]:
    """The dyad trend query as `dyad` runs it (dyad.analyse.dyads.trend), monthly, for one busy dyad."""
    from dyad.analyse.dyads import trend
    from dyad.stored import Dyad

    dyad = Dyad(STATES[0], STATES[1])
    return lambda: trend(store, dyad, bucket="month")


FACET_SQL = """
WITH ev AS (
    SELECT e.root, e.source, e.target FROM events e JOIN documents d ON d.id = e.doc_id
    WHERE e.realis AND d.published BETWEEN ? AND ? AND e.quad_class IN (3, 4) AND (e.source = ? OR e.target = ?)
)
SELECT 'root' AS facet, root AS value, count(*) AS n FROM ev GROUP BY root
UNION ALL SELECT 'source', source, count(*) FROM ev WHERE source IS NOT NULL GROUP BY source
UNION ALL SELECT 'target', target, count(*) FROM ev WHERE target IS NOT NULL GROUP BY target
ORDER BY facet, n DESC, value
"""


def facet_query(store: Any) -> Callable[[], list]:
    """Counts by root, source and target state for conflict events touching one state in one year."""
    import datetime as dt

    params = [dt.date(2024, 1, 1), dt.date(2024, 12, 31), STATES[2], STATES[2]]
    return lambda: store.query(FACET_SQL, params)


def dyad_table_query(store: Any) -> Callable[[], list]:
    from dyad.analyse.dyads import dyad_table

    return lambda: dyad_table(store, limit=50)


def latency(fn: Callable[[], list], runs: int) -> tuple[float, float, float, int]:
    """(first run, median, p95) in milliseconds, and the rows returned."""
    t = time.perf_counter()
    rows = fn()
    first = (time.perf_counter() - t) * 1000
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return first, statistics.median(times), p95, len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    from dyad.store import open_store

    header = machine()
    print(header, file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "query.duckdb") as store:
        t = time.perf_counter()
        generate(store.con, args.events)
        built = time.perf_counter() - t
        n_events, n_docs = store.count("events"), store.count("documents")
        size = (Path(tmp) / "query.duckdb").stat().st_size
        rows = []
        for label, make in [
            ("dyad trend, monthly, one dyad (dyad.analyse.dyads.trend)", trend_query),
            ("events facets: counts by root/source/target, filtered (SQL in bench/query.py)", facet_query),
            ("dyad table, top 50 (dyad.analyse.dyads.dyad_table)", dyad_table_query),
        ]:
            first, median, p95, n = latency(make(store), args.runs)
            print(f"{label}: median {median:.1f} ms, p95 {p95:.1f} ms", file=sys.stderr)
            rows.append([label, f"{first:.1f}", f"{median:.1f}", f"{p95:.1f}", n])
    body = "\n".join([
        "## Query latency (bench/query.py)",
        "",
        header,
        "",
        f"A generated store: {n_events:,} events in {n_docs:,} documents over 2023-2025, {len(STATES)} states "
        f"(skewed: a few busy ones), 20 CAMEO roots weighted roughly like GDELT's, 85% realis, one document in 20 "
        f"a near-copy; DuckDB file {size / 2**20:,.0f} MiB, built in {built:.1f} s. Latency of {args.runs} runs "
        "after a first (cold) one. Goal: trend query over 1M events at most 100 ms.",
        "",
        table(["query", "first ms", "median ms", "p95 ms", "rows"], rows),
    ])
    write_section("query", body)


if __name__ == "__main__":
    main()
