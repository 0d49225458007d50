"""Stored aggregates of the fused events (schema version 8): what the busiest pages add up, kept current.

Over the events of the fused documents, each read with the document as fusion
recorded it in `doc_sources` (its publication day, and whether it is a near-copy:
`original` is another document):

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
  QuadClass and realis: the facet counts of the unfiltered events list;
- `actor_network`: `actor_edges` added up by the names the network of actors
  shows (the global actors'), made again after each change to either.

A fusion step adds what the documents coming in contribute and takes away what
the documents leaving contributed, in its own transaction, as set-based SQL over
those documents' events alone: every count is a sum over documents (a document
counts once in a pair's documents), and Goldstein sums are exact decimals, so
the rows are the same whatever the order documents arrived in, and the same as a
rebuild's. Only a pair's first and last day cannot be taken away: they are
recomputed for the pairs of documents leaving (a rare step: refresh, deletion).
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pyarrow as pa

from dyad.store.expressions import EVENT_DATE_SQL as EVENT_DAY
from dyad.store.expressions import EVENT_LAST_DAY

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
    goldstein_sum DECIMAL(18, 3)
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
    goldstein_sum DECIMAL(18, 3),
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
    n_goldstein INTEGER,
    goldstein_sum DECIMAL(18, 3)
);
CREATE TABLE IF NOT EXISTS event_facets (
    source VARCHAR,
    target VARCHAR,
    root VARCHAR,
    quad_class INTEGER,
    realis BOOLEAN,
    n_events INTEGER
);
CREATE TABLE IF NOT EXISTS actor_network (
    source VARCHAR,
    target VARCHAR,
    n_events INTEGER,
    n_goldstein INTEGER,
    goldstein_sum DECIMAL(18, 3)
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
    "event_facets": "per (`source`, `target`, `root`, `quad_class`, `realis`): every event of the fused documents, "
    "near-copies included: the facet counts of the unfiltered events list (version 8)",
    "actor_network": "one edge of the network of actors: `actor_edges` added up by the actors' names (a global "
    "actor's when resolved, else the document's, else the state), made again when either changes (version 8)",
}

STATE_KEY = "background_days"  # fusion_state: the background threshold the aggregates were built with
BACKGROUND_DAYS = 30  # the threshold when nothing was built yet (fusion.yaml's default)

# Whether an event is current (not history its document recalls), as dyad.store.aggregates.CURRENT.
IS_CURRENT = f"NOT coalesce(e.background, false) AND coalesce(({EVENT_LAST_DAY}) >= d.published - CAST(? AS INTEGER), true)"
GOLDSTEIN = "count(e.goldstein) AS n_goldstein, sum(CAST(e.goldstein AS DECIMAL(18, 3))) AS goldstein_sum"
QUADS = ", ".join(f"count(*) FILTER (WHERE e.quad_class = {q}) AS q{q}" for q in (1, 2, 3, 4))

# The events of the documents chosen ({docs}: a condition on e.doc_id), with their document as fused (`d`).
FUSED = """FROM {events} e JOIN doc_sources d ON d.doc_id = e.doc_id WHERE {docs}"""
NOT_COPY = "e.realis AND d.original = d.doc_id"

# What the documents chosen contribute to each table: its key columns and its summed columns.
CONTRIBUTIONS: dict[str, tuple[list[str], list[str], str]] = {
    "pair_days": (
        ["source", "target", "day"], ["n_events", "q1", "q2", "q3", "q4", "n_goldstein", "goldstein_sum"],
        f"""SELECT e.source, e.target, {EVENT_DAY} AS day, count(*) AS n_events, {QUADS}, {GOLDSTEIN}
        {FUSED} AND {NOT_COPY} AND {IS_CURRENT} AND ({EVENT_DAY}) IS NOT NULL GROUP BY ALL""",
    ),
    "pair_totals": (
        ["a", "b", "directed"],
        ["n_events", "n_documents", "q1", "q2", "q3", "q4", "n_goldstein", "goldstein_sum"],
        f"""SELECT a, b, directed, count(*) AS n_events, count(DISTINCT e.doc_id) AS n_documents, {QUADS}, {GOLDSTEIN},
            min(day) AS first_day, max(day) AS last_day
        FROM (SELECT e.*, {EVENT_DAY} AS day, unnest([
                struct_pack(a := e.source, b := e.target, directed := true),
                struct_pack(a := least(e.source, e.target), b := greatest(e.source, e.target), directed := false)
            ], recursive := true)
            {FUSED} AND {NOT_COPY} AND e.source IS NOT NULL AND e.target IS NOT NULL AND e.source <> e.target) e
        GROUP BY a, b, directed""",
    ),
    "actor_edges": (
        ["source", "target", "source_key", "source_name", "target_key", "target_name"],
        ["n_events", "n_goldstein", "goldstein_sum"],
        f"""WITH ev AS (SELECT e.doc_id, e.source, e.target, e.source_actor, e.target_actor, e.goldstein
                {FUSED} AND {NOT_COPY}),
            links AS (SELECT doc_id, key, name_key, name FROM actor_links WHERE doc_id IN (SELECT doc_id FROM ev))
        SELECT e.source, e.target, l1.name_key AS source_key, l1.name AS source_name, l2.name_key AS target_key,
            l2.name AS target_name, count(*) AS n_events, {GOLDSTEIN}
        FROM ev e LEFT JOIN links l1 ON l1.doc_id = e.doc_id AND l1.key = e.source_actor
        LEFT JOIN links l2 ON l2.doc_id = e.doc_id AND l2.key = e.target_actor
        GROUP BY ALL""",
    ),
    "event_facets": (
        ["source", "target", "root", "quad_class", "realis"], ["n_events"],
        f"SELECT e.source, e.target, e.root, e.quad_class, e.realis, count(*) AS n_events {FUSED} GROUP BY ALL",
    ),
}
ALL_EVENTS = {"events": "events", "docs": "TRUE"}
CHOSEN = {"events": "_agg_events", "docs": "TRUE"}  # the events of the documents in _agg_docs, read once

# actor_edges by the names the network shows: the global actor's, else the document actor's, else the state.
ACTOR_NETWORK = """SELECT src AS source, tgt AS target, sum(n_events) AS n_events, sum(n_goldstein) AS n_goldstein,
        sum(goldstein_sum) AS goldstein_sum FROM (
        SELECT coalesce(g1.name, x.source_name, x.source) AS src, coalesce(g2.name, x.target_name, x.target) AS tgt,
            x.n_events, x.n_goldstein, x.goldstein_sum
        FROM actor_edges x LEFT JOIN names g1 ON g1.name_key = x.source_key LEFT JOIN names g2 ON g2.name_key = x.target_key
    ) WHERE src IS NOT NULL AND tgt IS NOT NULL AND src <> tgt
    GROUP BY src, tgt"""
NAMES = "WITH names AS (SELECT n.name_key, g.name FROM actor_names n JOIN global_actors g ON g.id = n.actor_id) "


def _params(table: str, background_days: int) -> list[int]:
    return [background_days] if table == "pair_days" else []


def _same_key(keys: list[str]) -> str:
    return " AND ".join(f"t.{k} IS NOT DISTINCT FROM c.{k}" for k in keys)


def _merge(con: duckdb.DuckDBPyConnection, table: str, sign: int, background_days: int) -> None:
    """Add (sign 1) or take away (sign -1) what the documents in _agg_docs contribute to `table`."""
    keys, sums, sql = CONTRIBUTIONS[table]
    con.execute(f"CREATE OR REPLACE TEMP TABLE _agg_part AS {sql.format(**CHOSEN)}", _params(table, background_days))
    sets = [f"{s} = t.{s} {'+' if sign > 0 else '-'} coalesce(c.{s}, 0)" for s in sums]
    if table == "pair_totals" and sign > 0:
        sets += ["first_day = least(t.first_day, c.first_day)", "last_day = greatest(t.last_day, c.last_day)"]
    con.execute(f"UPDATE {table} t SET {', '.join(sets)} FROM _agg_part c WHERE {_same_key(keys)}")
    if sign > 0:
        columns = [*keys, *sums, *(["first_day", "last_day"] if table == "pair_totals" else [])]
        con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(f'c.{x}' for x in columns)} "
                    f"FROM _agg_part c WHERE NOT EXISTS (SELECT 1 FROM {table} t WHERE {_same_key(keys)})")
    else:
        con.execute(f"DELETE FROM {table} WHERE n_events = 0")
        if table == "pair_totals":  # a first or last day cannot be taken away: `settle` finds them again
            con.execute("CREATE TEMP TABLE IF NOT EXISTS _agg_gone (s VARCHAR, t VARCHAR)")
            con.execute("INSERT INTO _agg_gone SELECT a, b FROM _agg_part UNION SELECT b, a FROM _agg_part")
    con.execute("DROP TABLE _agg_part")


def _with_docs(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str], sign: int, background_days: int) -> None:
    con.register("_agg_docs", pa.table({"v": pa.array(list(doc_ids), pa.string())}))
    try:
        con.execute("CREATE OR REPLACE TEMP TABLE _agg_events AS SELECT * FROM events WHERE doc_id IN (SELECT v FROM _agg_docs)")
        for table in CONTRIBUTIONS:
            _merge(con, table, sign, background_days)
    finally:
        con.unregister("_agg_docs")
        con.execute("DROP TABLE IF EXISTS _agg_events")


def _rebuilt_if_other(con: duckdb.DuckDBPyConnection, background_days: int) -> bool:
    """Rebuild everything when the aggregates were built with another threshold (or never); whether it did."""
    if built_with(con) == background_days:
        return False
    rebuild_aggregates(con, background_days)
    return True


def take_away(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str], background_days: int) -> None:
    """Take away what these fused documents contribute (before their events or `doc_sources` rows go).
    Aggregates built with another threshold (or never) are left alone: `add`, at the end of the same
    transaction, builds them all again."""
    if doc_ids and built_with(con) == background_days:
        _with_docs(con, doc_ids, -1, background_days)


def settle(con: duckdb.DuckDBPyConnection) -> None:
    """Find again the first and last day of the pairs documents left (once their rows are gone)."""
    found = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = '_agg_gone' AND temporary").fetchall()
    if not found[0][0]:
        return
    keys, _, sql = CONTRIBUTIONS["pair_totals"]
    whole = sql.format(events="events", docs="(e.source, e.target) IN (SELECT (s, t) FROM _agg_gone)")
    con.execute(f"UPDATE pair_totals t SET first_day = c.first_day, last_day = c.last_day FROM ({whole}) c "
                f"WHERE {_same_key(keys)}")
    con.execute("DROP TABLE _agg_gone")


def add(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str], background_days: int) -> None:
    """Add what these documents, fused now, contribute; settle what documents taken away left; then the
    network of actors is made again."""
    if _rebuilt_if_other(con, background_days):
        con.execute("DROP TABLE IF EXISTS _agg_gone")
        return
    if doc_ids:
        _with_docs(con, doc_ids, 1, background_days)
    settle(con)
    refresh_network(con)


def refresh_network(con: duckdb.DuckDBPyConnection) -> None:
    """Make `actor_network` again from `actor_edges` and the global actors' names (after either changed)."""
    con.execute("DELETE FROM actor_network")
    con.execute(f"INSERT INTO actor_network {NAMES}{ACTOR_NETWORK}")


def rebuild_aggregates(con: duckdb.DuckDBPyConnection, background_days: int) -> None:
    """Compute every aggregate again from the events of the fused documents (the migration to version 8, a
    change of threshold, the doctor's repair)."""
    for table in AGGREGATE_TABLES:
        con.execute(f"DELETE FROM {table}")
    for table, (keys, sums, sql) in CONTRIBUTIONS.items():
        extra = ["first_day", "last_day"] if table == "pair_totals" else []
        columns = ", ".join([*keys, *sums, *extra])
        con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM ({sql.format(**ALL_EVENTS)})",
                    _params(table, background_days))
    refresh_network(con)
    con.execute(f"DELETE FROM fusion_state WHERE name = '{STATE_KEY}'")
    con.execute(f"INSERT INTO fusion_state VALUES ('{STATE_KEY}', ?)", [str(background_days)])


def differences(con: duckdb.DuckDBPyConnection, background_days: int) -> dict[str, int]:
    """Per table, the rows that differ between what is stored and a recomputation from the events (read only)."""
    out = {}
    for table, (keys, sums, sql) in [*CONTRIBUTIONS.items(), ("actor_network", (["source", "target"], [], ""))]:
        if table == "actor_network":
            computed, params = f"{NAMES}{ACTOR_NETWORK}", []
            columns = "source, target, n_events, n_goldstein, goldstein_sum"
        else:
            extra = ["first_day", "last_day"] if table == "pair_totals" else []
            columns = ", ".join([*keys, *sums, *extra])
            computed, params = sql.format(**ALL_EVENTS), _params(table, background_days)
        row = con.execute(
            f"""WITH c AS (SELECT {columns} FROM ({computed})), s AS (SELECT {columns} FROM {table})
            SELECT (SELECT count(*) FROM (SELECT * FROM s EXCEPT ALL SELECT * FROM c))
                 + (SELECT count(*) FROM (SELECT * FROM c EXCEPT ALL SELECT * FROM s))""", params).fetchall()
        out[table] = int(row[0][0])
    return out


def built_with(con: duckdb.DuckDBPyConnection) -> int | None:
    """The background threshold (days) the aggregates were built with; None before they were built."""
    row = con.execute(f"SELECT max(value) FROM fusion_state WHERE name = '{STATE_KEY}'").fetchall()
    return int(row[0][0]) if row[0][0] is not None else None
