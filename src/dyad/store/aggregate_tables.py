"""Stored aggregates of the fused events (schema version 8): what the busiest pages add up, kept current.

Over the events of the fused documents (those in `doc_sources`):

- `pair_days`: per (source, target, day) the realis, current (not background)
  events of documents that are not near-copies, by QuadClass, and their
  Goldstein sum: trends and the Goldstein windows of a dyad's temperature;
- `pair_totals`: per pair of distinct states, directed (source to target) and
  undirected (a < b), the same events of any day: events, documents, QuadClass
  counts, Goldstein, first and last day: the dyad table and the network of states;
- `actor_edges`: per (source, target) and the two actors' name keys
  (`actor_links.name_key`) the realis events of documents that are not
  near-copies and their Goldstein sum;
- `event_facets`: every event (near-copies included) by state pair, root,
  QuadClass, realis and outlet: the facet counts of the unfiltered events list;
- `actor_network`: `actor_edges` added up by the names the network of actors
  shows (the global actors'), made again after each change to either.

They are recomputed, never added to: a change to some documents (fused, unfused,
deleted) replaces every row of the state pairs their events touch with what the
events of those pairs give now. So the rows depend on the store's state alone,
not on the order documents arrived in, and a rebuild makes the same rows.
Goldstein sums are taken as decimals (the scale has one decimal place), so they
too are the same whatever the order of the rows summed.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pyarrow as pa

from dyad.store.expressions import EVENT_DATE_SQL as EVENT_DAY
from dyad.store.expressions import EVENT_LAST_DAY, OUTLET_SQL

AGGREGATE_DDL = """
CREATE TABLE IF NOT EXISTS pair_days (
    source VARCHAR,
    target VARCHAR,
    day DATE,
    n_events INTEGER,
    q1 INTEGER,
    q2 INTEGER,
    q3 INTEGER,
    q4 INTEGER,
    n_goldstein INTEGER,
    goldstein_sum DOUBLE
);
CREATE TABLE IF NOT EXISTS pair_totals (
    a VARCHAR,
    b VARCHAR,
    directed BOOLEAN,
    n_events INTEGER,
    n_documents INTEGER,
    q1 INTEGER,
    q2 INTEGER,
    q3 INTEGER,
    q4 INTEGER,
    n_goldstein INTEGER,
    goldstein_sum DOUBLE,
    first_day DATE,
    last_day DATE
);
CREATE TABLE IF NOT EXISTS actor_edges (
    source VARCHAR,
    target VARCHAR,
    source_key VARCHAR,
    source_name VARCHAR,
    target_key VARCHAR,
    target_name VARCHAR,
    n_events INTEGER,
    goldstein_sum DOUBLE
);
CREATE TABLE IF NOT EXISTS event_facets (
    source VARCHAR,
    target VARCHAR,
    root VARCHAR,
    quad_class INTEGER,
    realis BOOLEAN,
    outlet VARCHAR,
    n_events INTEGER
);
CREATE TABLE IF NOT EXISTS actor_network (
    source VARCHAR,
    target VARCHAR,
    n_events INTEGER,
    goldstein_sum DOUBLE
);
"""
AGGREGATE_TABLES = ("pair_days", "pair_totals", "actor_edges", "event_facets", "actor_network")

MEANING: dict[str, str] = {
    "pair_days": "per (`source`, `target`, `day`): the realis, current (not background) events of fused documents "
    "that are not near-copies, by QuadClass (`q1`..`q4`), with their Goldstein sum and count (version 8)",
    "pair_totals": "per pair of distinct states, `directed` (a to b) and undirected (a < b): realis events of fused "
    "documents that are not near-copies, their documents, QuadClass counts, Goldstein and first and last day "
    "(version 8)",
    "actor_edges": "per (`source`, `target`) and the two actors' name keys (`actor_links.name_key`, with the "
    "document's name): realis events of fused documents that are not near-copies and their Goldstein sum (version 8)",
    "event_facets": "per (`source`, `target`, `root`, `quad_class`, `realis`, `outlet`): every event of the fused "
    "documents, near-copies included: the facet counts of the unfiltered events list (version 8)",
    "actor_network": "one edge of the network of actors: `actor_edges` added up by the actors' names (a global "
    "actor's when resolved, else the document's, else the state), made again when either changes (version 8)",
}

# Whether an event is current (not history its document recalls), as dyad.store.aggregates.CURRENT.
IS_CURRENT = f"NOT coalesce(e.background, false) AND coalesce(({EVENT_LAST_DAY}) >= d.published - CAST(? AS INTEGER), true)"
GOLDSTEIN_SUM = "CAST(sum(CAST(e.goldstein AS DECIMAL(18, 3))) AS DOUBLE)"
QUADS = ", ".join(f"count(*) FILTER (WHERE e.quad_class = {q}) AS q{q}" for q in (1, 2, 3, 4))
STATE_KEY = "background_days"
BACKGROUND_DAYS = 30  # the threshold when nothing was built yet (fusion.yaml's default)  # fusion_state: the background threshold the aggregates were built with

# The counted events of the pairs in _agg_pairs (every pair when the statement says TRUE instead).
COUNTED = """FROM events e JOIN documents d ON d.id = e.doc_id SEMI JOIN doc_sources s ON s.doc_id = e.doc_id
    WHERE e.realis AND d.near_copy_of IS NULL AND {pairs}"""
IN_PAIRS = "(e.source, e.target) IN (SELECT (s, t) FROM _agg_pairs)"
NULL_PAIRS = "(coalesce(e.source, ''), coalesce(e.target, '')) IN (SELECT (coalesce(s, ''), coalesce(t, '')) FROM _agg_pairs)"

PAIR_DAYS = f"""INSERT INTO pair_days
    SELECT e.source, e.target, {EVENT_DAY} AS day, count(*), {QUADS}, count(e.goldstein), {GOLDSTEIN_SUM}
    {COUNTED} AND {IS_CURRENT} AND ({EVENT_DAY}) IS NOT NULL
    GROUP BY ALL"""
PAIR_TOTALS = f"""INSERT INTO pair_totals
    WITH ev AS (SELECT e.source, e.target, e.doc_id, e.quad_class, e.goldstein, {EVENT_DAY} AS day
        {COUNTED} AND e.source IS NOT NULL AND e.target IS NOT NULL AND e.source <> e.target)
    SELECT {{a}} AS a, {{b}} AS b, {{directed}} AS directed, count(*), count(DISTINCT e.doc_id), {QUADS},
        count(e.goldstein), {GOLDSTEIN_SUM}, min(day), max(day)
    FROM ev e GROUP BY ALL"""
ACTOR_EDGES = f"""INSERT INTO actor_edges
    WITH ev AS (SELECT e.doc_id, e.source, e.target, e.source_actor, e.target_actor, e.goldstein {COUNTED}),
    links AS (SELECT doc_id, key, name_key, name FROM actor_links WHERE doc_id IN (SELECT doc_id FROM ev))
    SELECT e.source, e.target, l1.name_key, l1.name, l2.name_key, l2.name, count(*), {GOLDSTEIN_SUM}
    FROM ev e LEFT JOIN links l1 ON l1.doc_id = e.doc_id AND l1.key = e.source_actor
    LEFT JOIN links l2 ON l2.doc_id = e.doc_id AND l2.key = e.target_actor
    GROUP BY ALL"""

# Every event (near-copies included), by the values the events list counts as facets.
EVENT_FACETS = f"""INSERT INTO event_facets
    SELECT e.source, e.target, e.root, e.quad_class, e.realis, {OUTLET_SQL}, count(*)
    FROM events e JOIN documents d ON d.id = e.doc_id SEMI JOIN doc_sources s ON s.doc_id = e.doc_id
    WHERE {{pairs}} GROUP BY ALL"""

# actor_edges by the names the network shows: the global actor's, else the document actor's, else the state.
ACTOR_NETWORK = """INSERT INTO actor_network
    WITH names AS (SELECT n.name_key, g.name FROM actor_names n JOIN global_actors g ON g.id = n.actor_id)
    SELECT src, tgt, sum(n_events), CAST(sum(CAST(g AS DECIMAL(18, 3))) AS DOUBLE) FROM (
        SELECT coalesce(g1.name, x.source_name, x.source) AS src, coalesce(g2.name, x.target_name, x.target) AS tgt,
            x.n_events, x.goldstein_sum AS g
        FROM actor_edges x LEFT JOIN names g1 ON g1.name_key = x.source_key LEFT JOIN names g2 ON g2.name_key = x.target_key
    ) WHERE src IS NOT NULL AND tgt IS NOT NULL AND src <> tgt
    GROUP BY src, tgt"""

# The state pairs (both ways) of the events of the documents in _agg_docs.
TOUCHED = """SELECT DISTINCT source AS s, target AS t FROM events WHERE doc_id IN (SELECT v FROM _agg_docs)
    UNION SELECT DISTINCT target, source FROM events WHERE doc_id IN (SELECT v FROM _agg_docs)"""


def _recompute(con: duckdb.DuckDBPyConnection, background_days: int, everything: bool) -> None:
    """Replace the rows of the pairs in _agg_pairs (of every pair when `everything`) with what the events give."""
    if everything:
        for table in AGGREGATE_TABLES:
            con.execute(f"DELETE FROM {table}")
    else:
        keys = "(coalesce(source, ''), coalesce(target, '')) IN (SELECT (coalesce(s, ''), coalesce(t, '')) FROM _agg_pairs)"
        con.execute(f"DELETE FROM pair_days WHERE {keys}")
        con.execute(f"DELETE FROM actor_edges WHERE {keys}")
        con.execute(f"DELETE FROM event_facets WHERE {keys}")
        con.execute("DELETE FROM pair_totals WHERE (a, b) IN (SELECT (s, t) FROM _agg_pairs)")
    pairs, null_pairs = ("TRUE", "TRUE") if everything else (IN_PAIRS, NULL_PAIRS)
    con.execute(PAIR_DAYS.format(pairs=null_pairs), [background_days])
    con.execute(PAIR_TOTALS.format(pairs=pairs, a="e.source", b="e.target", directed="true"))
    con.execute(PAIR_TOTALS.format(pairs=pairs, a="least(e.source, e.target)", b="greatest(e.source, e.target)",
                                   directed="false"))
    con.execute(ACTOR_EDGES.format(pairs=null_pairs))
    con.execute(EVENT_FACETS.format(pairs=null_pairs))
    refresh_network(con)
    con.execute(f"DELETE FROM fusion_state WHERE name = '{STATE_KEY}'")
    con.execute(f"INSERT INTO fusion_state VALUES ('{STATE_KEY}', ?)", [str(background_days)])


def refresh_pairs(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str], background_days: int) -> None:
    """Recompute the aggregates of every state pair the events of these documents touch (inside the caller's
    transaction, after the documents' rows and fusion rows have changed; a deleted document's events are
    read before they go, with `touched_pairs`)."""
    if not doc_ids:
        return
    con.register("_agg_docs", pa.table({"v": pa.array(list(doc_ids), pa.string())}))
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE _agg_pairs AS {TOUCHED}")
    finally:
        con.unregister("_agg_docs")
    _refresh_touched(con, background_days)


def touched_pairs(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str]) -> None:
    """Note the state pairs of these documents' events (before the documents are deleted)."""
    con.register("_agg_docs", pa.table({"v": pa.array(list(doc_ids), pa.string())}))
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE _agg_pairs AS {TOUCHED}")
    finally:
        con.unregister("_agg_docs")


def refresh_noted(con: duckdb.DuckDBPyConnection, more: Sequence[str], background_days: int) -> None:
    """Recompute the pairs `touched_pairs` noted and those of the documents `more` (still stored)."""
    if more:
        con.register("_agg_docs", pa.table({"v": pa.array(list(more), pa.string())}))
        try:
            con.execute(f"INSERT INTO _agg_pairs {TOUCHED}")
        finally:
            con.unregister("_agg_docs")
    _refresh_touched(con, background_days)


def _refresh_touched(con: duckdb.DuckDBPyConnection, background_days: int) -> None:
    try:
        if built_with(con) != background_days:  # built with another threshold (or never): all of it again
            _recompute(con, background_days, everything=True)
        elif con.execute("SELECT count(*) FROM _agg_pairs").fetchone() != (0,):
            _recompute(con, background_days, everything=False)
    finally:
        con.execute("DROP TABLE IF EXISTS _agg_pairs")


def refresh_network(con: duckdb.DuckDBPyConnection) -> None:
    """Make `actor_network` again from `actor_edges` and the global actors' names (after either changed)."""
    con.execute("DELETE FROM actor_network")
    con.execute(ACTOR_NETWORK)


def rebuild_aggregates(con: duckdb.DuckDBPyConnection, background_days: int) -> None:
    """Recompute every aggregate from the stored events (the migration to version 8, the doctor's repair)."""
    _recompute(con, background_days, everything=True)


def differences(con: duckdb.DuckDBPyConnection, background_days: int) -> dict[str, int]:
    """Per table, the rows that differ between what is stored and a recomputation from the events (read only)."""
    totals = [PAIR_TOTALS.format(pairs="TRUE", a="e.source", b="e.target", directed="true"),
              PAIR_TOTALS.format(pairs="TRUE", a="least(e.source, e.target)", b="greatest(e.source, e.target)",
                                 directed="false")]
    computed = {
        "pair_days": ([PAIR_DAYS.format(pairs="TRUE")], [background_days]),
        "pair_totals": (totals, []),
        "actor_edges": ([ACTOR_EDGES.format(pairs="TRUE")], []),
        "event_facets": ([EVENT_FACETS.format(pairs="TRUE")], []),
        "actor_network": ([ACTOR_NETWORK], []),
    }
    out = {}
    for table, (inserts, params) in computed.items():
        select = " UNION ALL ".join(f"SELECT * FROM ({q.removeprefix(f'INSERT INTO {table}')})" for q in inserts)
        sql = f"""WITH c AS ({select}), s AS (SELECT * FROM {table})
            SELECT (SELECT count(*) FROM (SELECT * FROM s EXCEPT ALL SELECT * FROM c))
                 + (SELECT count(*) FROM (SELECT * FROM c EXCEPT ALL SELECT * FROM s))"""
        row = con.execute(sql, params).fetchone()
        out[table] = int(row[0]) if row else 0
    return out


def built_with(con: duckdb.DuckDBPyConnection) -> int | None:
    """The background threshold (days) the aggregates were built with; None before they were built."""
    row = con.execute(f"SELECT max(value) FROM fusion_state WHERE name = '{STATE_KEY}'").fetchone()
    return int(row[0]) if row and row[0] is not None else None
