"""Aggregates over realis events: dyad trends, Goldstein windows, the dyad table, network edges.

Each is one SQL statement over `events JOIN documents`, so it stays fast on
millions of events; when the stored aggregates stand for the whole store
(dyad.store.aggregate_reads.usable) they are read instead, unless `computed`
asks for the events' own sums. Only realis events count: plans and denials did not
happen. Near-copies are left out (a republished story counts once) except in
the per-outlet trend, which keeps what each outlet published.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dyad.store import aggregate_reads as stored
from dyad.store.db import Store
from dyad.store.expressions import EVENT_DATE_SQL, EVENT_LAST_DAY, OUTLET_SQL
from dyad.store.where import limit
from dyad.stored import DyadRow, Edge, GoldsteinWindows, TrendRow

BUCKETS = ("day", "week", "month")
LEVELS = ("state", "actor")
# Not background: an event recalled as history (flagged by its text, or whose own time ends more than the
# given number of days before its document) stays out of current trends.
CURRENT = f"NOT coalesce(e.background, false) AND coalesce(({EVENT_LAST_DAY}) >= d.published - CAST(? AS INTEGER), true)"
BACKGROUND_DAYS = 30

QUAD_COUNTS = """count(*) FILTER (WHERE quad_class = 1) AS q1_verbal_coop,
        count(*) FILTER (WHERE quad_class = 2) AS q2_material_coop,
        count(*) FILTER (WHERE quad_class = 3) AS q3_verbal_conflict,
        count(*) FILTER (WHERE quad_class = 4) AS q4_material_conflict"""


def _between(pair: tuple[str, str] | None, directed: bool) -> tuple[str, list[Any]]:
    """Events between the pair (from a to b only when directed); every event without a pair."""
    if pair is None:
        return "TRUE", []
    a, b = pair
    if directed:
        return "e.source = ? AND e.target = ?", [a, b]
    return "((e.source = ? AND e.target = ?) OR (e.source = ? AND e.target = ?))", [a, b, b, a]


def trend(
    store: Store,
    pair: tuple[str, str] | None,
    directed: bool = False,
    bucket: str = "week",
    by_outlet: bool = False,
    since: dt.date | None = None,
    until: dt.date | None = None,
    background_days: int = BACKGROUND_DAYS,
    computed: bool = False,
) -> list[TrendRow]:
    """Realis, current (not background) events per period (and per outlet) by QuadClass, with Goldstein."""
    if bucket not in BUCKETS:
        raise ValueError(f"bucket must be one of {', '.join(BUCKETS)}, not {bucket!r}")
    if not by_outlet and not computed and stored.usable(store, background_days):
        return stored.trend(store, pair, directed, bucket, since, until)
    where, params = _between(pair, directed)
    outlet = f"{OUTLET_SQL} AS outlet," if by_outlet else "NULL AS outlet,"
    copies = "" if by_outlet else "AND d.near_copy_of IS NULL"
    sql = f"""
    WITH ev AS (
        SELECT {outlet} e.quad_class, e.goldstein, {EVENT_DATE_SQL} AS day
        FROM events e JOIN documents d ON d.id = e.doc_id
        WHERE e.realis AND {CURRENT} AND {where} {copies}
    )
    SELECT CAST(date_trunc('{bucket}', day) AS DATE) AS period, outlet,
        count(*) AS n_events,
        {QUAD_COUNTS},
        sum(goldstein) AS goldstein_sum,
        avg(goldstein) AS goldstein_mean
    FROM ev
    WHERE day IS NOT NULL AND (CAST(? AS DATE) IS NULL OR day >= ?) AND (CAST(? AS DATE) IS NULL OR day <= ?)
    GROUP BY ALL
    ORDER BY period, outlet
    """
    return [TrendRow(**r) for r in store.rows(sql, [background_days, *params, since, since, until, until])]


def _dated(where: str) -> str:
    """Dated realis, current events with a Goldstein value, near-copies left out (its first parameter is
    the background threshold in days)."""
    return f"""SELECT {EVENT_DATE_SQL} AS day, e.goldstein FROM events e JOIN documents d ON d.id = e.doc_id
               WHERE e.realis AND {CURRENT} AND d.near_copy_of IS NULL AND e.goldstein IS NOT NULL AND {where}"""


def last_event_day(store: Store, pair: tuple[str, str] | None, directed: bool = False,
                   background_days: int = BACKGROUND_DAYS, computed: bool = False) -> dt.date | None:
    """The day of the latest dated realis event with a Goldstein value."""
    if not computed and stored.usable(store, background_days):
        return stored.last_event_day(store, pair, directed)
    where, params = _between(pair, directed)
    day: dt.date | None = store.rows(f"SELECT max(day) AS last FROM ({_dated(where)})",
                                     [background_days, *params])[0]["last"]
    return day


def goldstein_windows(
    store: Store, pair: tuple[str, str] | None, directed: bool, start: dt.date, until: dt.date, before: dt.date,
    background_days: int = BACKGROUND_DAYS, computed: bool = False,
) -> GoldsteinWindows:
    """Mean Goldstein and counts of realis events in (start, until] and in (before, start]."""
    if not computed and stored.usable(store, background_days):
        return stored.goldstein_windows(store, pair, directed, start, until, before)
    where, params = _between(pair, directed)
    row = store.rows(
        f"""SELECT
            avg(goldstein) FILTER (WHERE day > ? AND day <= ?) AS recent_mean,
            count(*) FILTER (WHERE day > ? AND day <= ?) AS recent_n,
            avg(goldstein) FILTER (WHERE day > ? AND day <= ?) AS previous_mean,
            count(*) FILTER (WHERE day > ? AND day <= ?) AS previous_n
        FROM ({_dated(where)})""",
        [start, until, start, until, before, start, before, start, background_days, *params],
    )[0]
    return GoldsteinWindows(row["recent_mean"], int(row["recent_n"] or 0), row["previous_mean"], int(row["previous_n"] or 0))


def latest_windows(
    store: Store, pair: tuple[str, str] | None, directed: bool, window_days: int,
    background_days: int = BACKGROUND_DAYS, computed: bool = False,
) -> tuple[dt.date | None, GoldsteinWindows]:
    """The day of the latest dated realis event with a Goldstein value, and the windows of `window_days`
    days that end on it (as `last_event_day` then `goldstein_windows`, in one pass over the events)."""
    if not computed and stored.usable(store, background_days):
        return stored.latest_windows(store, pair, directed, window_days)
    where, params = _between(pair, directed)
    w = window_days
    row = store.rows(
        f"""WITH ev AS ({_dated(where)}), last AS (SELECT max(day) AS until FROM ev)
        SELECT any_value(last.until) AS until,
            avg(goldstein) FILTER (WHERE day > until - ? AND day <= until) AS recent_mean,
            count(day) FILTER (WHERE day > until - ? AND day <= until) AS recent_n,
            avg(goldstein) FILTER (WHERE day > until - 2 * ? AND day <= until - ?) AS previous_mean,
            count(day) FILTER (WHERE day > until - 2 * ? AND day <= until - ?) AS previous_n
        FROM last LEFT JOIN ev ON TRUE""",
        [background_days, *params, w, w, w, w, w, w],
    )[0]
    return row["until"], GoldsteinWindows(row["recent_mean"], int(row["recent_n"] or 0), row["previous_mean"],
                                          int(row["previous_n"] or 0))


def dyad_table(
    store: Store, directed: bool = False, count: int | None = None, since: dt.date | None = None,
    until: dt.date | None = None, computed: bool = False,
) -> list[DyadRow]:
    """Every dyad with its realis event counts by QuadClass and Goldstein, busiest first; events whose
    day falls in the period when one is given."""
    if since is None and until is None and not computed and stored.usable(store, None):
        return stored.dyad_table(store, directed, count)
    a, b = ("e.source", "e.target") if directed else ("least(e.source, e.target)", "greatest(e.source, e.target)")
    tail, more = limit(count)
    sql = f"""
    SELECT {a} || '-' || {b} AS dyad,
        count(*) AS n_events,
        count(DISTINCT e.doc_id) AS n_documents,
        {QUAD_COUNTS.replace("quad_class", "e.quad_class")},
        sum(e.goldstein) AS goldstein_sum,
        avg(e.goldstein) AS goldstein_mean,
        min({EVENT_DATE_SQL}) AS first_day,
        max({EVENT_DATE_SQL}) AS last_day
    FROM events e JOIN documents d ON d.id = e.doc_id
    WHERE e.realis AND d.near_copy_of IS NULL AND e.source IS NOT NULL AND e.target IS NOT NULL
        AND e.source <> e.target
        AND (CAST(? AS DATE) IS NULL OR {EVENT_DATE_SQL} >= ?)
        AND (CAST(? AS DATE) IS NULL OR {EVENT_DATE_SQL} <= ?)
    GROUP BY ALL ORDER BY n_events DESC, dyad
    """
    return [DyadRow(**r) for r in store.rows(sql + tail, [since, since, until, until, *more])]


# Realis events (near-copies left out) in a period: the first two parameters bound the day from below,
# the next two from above (each pair NULL for no bound).
EDGE_EVENTS = f"""SELECT e.doc_id, e.source_actor, e.target_actor, e.source, e.target, e.goldstein
    FROM events e JOIN documents d ON d.id = e.doc_id
    WHERE e.realis AND d.near_copy_of IS NULL
      AND (CAST(? AS DATE) IS NULL OR {EVENT_DATE_SQL} >= ?)
      AND (CAST(? AS DATE) IS NULL OR {EVENT_DATE_SQL} <= ?)"""
# The name of each document actor of those events, its global actor's when resolved. A fused document's
# actors are all in `actor_links` with their names, so they are read from there alone; the actors of
# documents fusion has not seen yet (none in `doc_sources`) from `actors`. `{docs}` narrows both to the
# events' documents: worth it for a period, while over the whole store reading every link costs less.
NAMED = """SELECT a.doc_id, a.key, coalesce(g.name, a.name) AS name FROM actor_links a
    LEFT JOIN actor_names n ON n.name_key = a.name_key
    LEFT JOIN global_actors g ON g.id = n.actor_id
    WHERE {docs}
    UNION ALL
    SELECT a.doc_id, a.key, a.name FROM actors a
    WHERE {docs} AND a.doc_id IN (SELECT d.id FROM documents d ANTI JOIN doc_sources s ON s.doc_id = d.id)"""


def network_edges(
    store: Store, level: str = "state", since: dt.date | None = None, until: dt.date | None = None,
    computed: bool = False,
) -> list[Edge]:
    """(source, target, n_events, goldstein_sum) of realis events between states or named actors."""
    if level in LEVELS and since is None and until is None and not computed and stored.usable(store, None):
        return stored.network_edges(store, level)
    if level == "state":
        src, tgt, named, joins = "e.source", "e.target", "", ""
    elif level == "actor":
        src, tgt = "coalesce(sn.name, e.source)", "coalesce(tn.name, e.target)"
        docs = "TRUE" if since is None and until is None else "a.doc_id IN (SELECT doc_id FROM ev)"
        named = f", named AS ({NAMED.format(docs=docs)})"
        joins = """LEFT JOIN named sn ON sn.doc_id = e.doc_id AND sn.key = e.source_actor
                   LEFT JOIN named tn ON tn.doc_id = e.doc_id AND tn.key = e.target_actor"""
    else:
        raise ValueError(f"level must be 'state' or 'actor', not {level!r}")
    sql = f"""
    WITH ev AS ({EDGE_EVENTS}){named}
    SELECT src AS source, tgt AS target, n_events, goldstein_sum FROM (
        SELECT {src} AS src, {tgt} AS tgt, count(*) AS n_events, sum(e.goldstein) AS goldstein_sum
        FROM ev e {joins}
        GROUP BY ALL
    ) WHERE src IS NOT NULL AND tgt IS NOT NULL AND src <> tgt
    ORDER BY n_events DESC, src, tgt
    """
    return [Edge(**r) for r in store.rows(sql, [since, since, until, until])]
