"""Reading the stored aggregates (dyad.store.aggregate_tables) instead of adding up the events again.

Each function gives what its namesake in dyad.store.aggregates computes from
the events, read from the few thousand rows of `pair_days`, `pair_totals` or
`actor_edges`. `usable` says when the stored rows stand for the whole store:
every stored document is fused, and the aggregates were built with the
background threshold asked for; otherwise dyad.store.aggregates computes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dyad.store import aggregate_tables as tables
from dyad.store.aggregate_tables import STATE_KEY
from dyad.store.db import Store
from dyad.store.expressions import OUTLET_SQL
from dyad.store.where import limit
from dyad.stored import DyadRow, Edge, FacetCount, GoldsteinWindows, TrendRow

# a stored exact sum as the events' own sum() gives it: none when no event had a Goldstein value
GOLDSTEIN_SUM = "CASE WHEN n_goldstein > 0 THEN CAST(goldstein_sum AS DOUBLE) END"
QUAD_SUMS = """sum(q1) AS q1_verbal_coop, sum(q2) AS q2_material_coop, sum(q3) AS q3_verbal_conflict,
    sum(q4) AS q4_material_conflict"""


def usable(store: Store, background_days: int | None) -> bool:
    """Whether the stored aggregates cover every stored document, built with this background threshold
    (any, for the totals that do not depend on it)."""
    row = store.rows(
        f"""SELECT (SELECT count(*) FROM documents) = (SELECT count(*) FROM doc_sources) AS all_fused,
            (SELECT max(value) FROM fusion_state WHERE name = '{STATE_KEY}') AS built"""
    )[0]
    if background_days is None:
        return bool(row["all_fused"]) and row["built"] is not None
    return bool(row["all_fused"]) and row["built"] == str(background_days)


def _between(pair: tuple[str, str] | None, directed: bool) -> tuple[str, list[Any]]:
    if pair is None:
        return "TRUE", []
    a, b = pair
    if directed:
        return "source = ? AND target = ?", [a, b]
    return "((source = ? AND target = ?) OR (source = ? AND target = ?))", [a, b, b, a]


def trend(store: Store, pair: tuple[str, str] | None, directed: bool, bucket: str, since: dt.date | None,
          until: dt.date | None) -> list[TrendRow]:
    where, params = _between(pair, directed)
    sql = f"""SELECT CAST(date_trunc('{bucket}', day) AS DATE) AS period, NULL AS outlet, sum(n_events) AS n_events,
        {QUAD_SUMS}, CAST(sum(goldstein_sum) FILTER (WHERE n_goldstein > 0) AS DOUBLE) AS goldstein_sum,
        CAST(sum(goldstein_sum) AS DOUBLE) / nullif(sum(n_goldstein), 0) AS goldstein_mean
    FROM pair_days WHERE {where} AND (CAST(? AS DATE) IS NULL OR day >= ?) AND (CAST(? AS DATE) IS NULL OR day <= ?)
    GROUP BY period ORDER BY period"""
    return [TrendRow(**r) for r in store.rows(sql, [*params, since, since, until, until])]


def _windows(row: dict[str, Any]) -> GoldsteinWindows:
    return GoldsteinWindows(row["recent_mean"], int(row["recent_n"] or 0), row["previous_mean"],
                            int(row["previous_n"] or 0))


def _window_sums(recent: str, previous: str) -> str:
    """Mean and count of the Goldstein values of the days in two windows (SQL conditions on `day`)."""
    return f"""sum(g) FILTER (WHERE {recent}) / nullif(sum(n) FILTER (WHERE {recent}), 0) AS recent_mean,
        sum(n) FILTER (WHERE {recent}) AS recent_n,
        sum(g) FILTER (WHERE {previous}) / nullif(sum(n) FILTER (WHERE {previous}), 0) AS previous_mean,
        sum(n) FILTER (WHERE {previous}) AS previous_n"""


def _days(where: str) -> str:
    return (f"SELECT source, target, day, n_goldstein AS n, CAST(goldstein_sum AS DOUBLE) AS g FROM pair_days "
            f"WHERE n_goldstein > 0 AND {where}")


def latest_windows(store: Store, pair: tuple[str, str] | None, directed: bool,
                   window_days: int) -> tuple[dt.date | None, GoldsteinWindows]:
    where, params = _between(pair, directed)
    w = window_days
    sums = _window_sums("day > until - ? AND day <= until", "day > until - 2 * ? AND day <= until - ?")
    row = store.rows(
        f"""WITH ev AS ({_days(where)}), last AS (SELECT max(day) AS until FROM ev)
        SELECT any_value(last.until) AS until, {sums} FROM last LEFT JOIN ev ON TRUE""",
        [*params, *[w] * 9],
    )[0]
    return row["until"], _windows(row)


def goldstein_windows(store: Store, pair: tuple[str, str] | None, directed: bool, start: dt.date, until: dt.date,
                      before: dt.date) -> GoldsteinWindows:
    where, params = _between(pair, directed)
    sums = _window_sums("day > ? AND day <= ?", "day > ? AND day <= ?")
    row = store.rows(f"SELECT {sums} FROM ({_days(where)})",
                     [start, until, start, until, start, until, before, start, before, start, before, start, *params])
    return _windows(row[0])


def last_event_day(store: Store, pair: tuple[str, str] | None, directed: bool) -> dt.date | None:
    where, params = _between(pair, directed)
    day: dt.date | None = store.rows(f"SELECT max(day) AS last FROM ({_days(where)})", params)[0]["last"]
    return day


def dyad_windows(store: Store, keys: list[tuple[str, str]],
                 window_days: int) -> dict[tuple[str, str], tuple[dt.date, GoldsteinWindows]]:
    """dyad.store.browse.dyad_windows for unordered pairs (a < b) from the stored days."""
    w = window_days
    sums = _window_sums("day > until - ? AND day <= until", "day > until - 2 * ? AND day <= until - ?")
    states = sorted({s for pair in keys for s in pair})
    sql = f"""WITH ev AS (SELECT least(source, target) AS a, greatest(source, target) AS b, day, n, g
            FROM ({_days("source = ANY(?::VARCHAR[]) AND target = ANY(?::VARCHAR[])")})
            WHERE least(source, target) || '~' || greatest(source, target) = ANY(?::VARCHAR[])),
        last AS (SELECT a, b, max(day) AS until FROM ev GROUP BY a, b)
    SELECT a, b, until, {sums} FROM ev JOIN last USING (a, b) GROUP BY a, b, until"""
    rows = store.rows(sql, [states, states, [f"{a}~{b}" for a, b in keys], *[w] * 9])
    return {(r["a"], r["b"]): (r["until"], _windows(r)) for r in rows}


def dyad_table(store: Store, directed: bool, count: int | None) -> list[DyadRow]:
    tail, more = limit(count)
    sql = f"""SELECT a || '-' || b AS dyad, n_events, n_documents, q1 AS q1_verbal_coop, q2 AS q2_material_coop,
        q3 AS q3_verbal_conflict, q4 AS q4_material_conflict, {GOLDSTEIN_SUM} AS goldstein_sum,
        CAST(goldstein_sum AS DOUBLE) / nullif(n_goldstein, 0) AS goldstein_mean, first_day, last_day
    FROM pair_totals WHERE directed = ? ORDER BY n_events DESC, dyad"""
    return [DyadRow(**r) for r in store.rows(sql + tail, [directed, *more])]


def network_edges(store: Store, level: str) -> list[Edge]:
    if level == "state":
        sql = f"""SELECT a AS source, b AS target, n_events, {GOLDSTEIN_SUM} AS goldstein_sum FROM pair_totals
                  WHERE directed ORDER BY n_events DESC, source, target"""
        return [Edge(**r) for r in store.rows(sql)]
    sql = f"""SELECT source, target, n_events, {GOLDSTEIN_SUM} AS goldstein_sum FROM actor_network
              ORDER BY n_events DESC, source, target"""
    return [Edge(**r) for r in store.rows(sql)]


# facet -> the value of event_facets it counts (as dyad.store.browse.FACETS does over the events)
FACET_VALUES = {"root": "root", "quad": "CAST(quad_class AS VARCHAR)",
                "realis": "CASE WHEN realis THEN 'yes' ELSE 'no' END", "source": "source", "target": "target"}
# the outlet facet: each fused document's events (doc_sources.n_events) under its outlet as the documents say
OUTLET_COUNTS = f"""SELECT 'outlet' AS facet, {OUTLET_SQL} AS value, sum(s.n_events) AS n
    FROM doc_sources s JOIN documents d ON d.id = s.doc_id WHERE s.n_events > 0 GROUP BY 2"""


def event_facets(store: Store, top: int) -> list[FacetCount]:
    """The most frequent values of every facet among all events (the unfiltered events list)."""
    counted = " UNION ALL ".join(f"SELECT '{name}' AS facet, {value} AS value, sum(n_events) AS n FROM event_facets "
                                 f"GROUP BY 2" for name, value in FACET_VALUES.items()) + f" UNION ALL {OUTLET_COUNTS}"
    sql = f"""SELECT facet, value, n FROM (
        SELECT *, row_number() OVER (PARTITION BY facet ORDER BY n DESC, value) AS k FROM ({counted})
        WHERE value IS NOT NULL
    ) WHERE k <= ? ORDER BY facet, k"""
    return [FacetCount(**r) for r in store.rows(sql, [top])]


def differences(store: Store, background_days: int) -> dict[str, int]:
    """Per stored aggregate, the rows that differ from a recomputation from the events (`dyad doctor`)."""
    with store.reading() as con:
        built = tables.built_with(con)
        return tables.differences(con, built if built is not None else background_days)


def rebuild(store: Store, background_days: int) -> None:
    """Recompute every stored aggregate from the events, in one transaction (the doctor's repair)."""
    with store.transaction() as con:
        tables.rebuild_aggregates(con, background_days)
