"""Per dyad: realis events by QuadClass and Goldstein over time, overall and per outlet.

One SQL statement over `events JOIN documents` does the aggregation, so it
stays fast on millions of events. Only realis events count: plans and denials
did not happen. The overall series counts a republished story once (near-copies
are left out); the per-outlet series keeps what each outlet published.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from dyad.fuse.fusion import Dyad
from dyad.fuse.items import EVENT_DATE_SQL, OUTLET_SQL

BUCKETS = ("day", "week", "month")


def _dyad_filter(dyad: Dyad | None) -> tuple[str, list[Any]]:
    if dyad is None:
        return "TRUE", []
    if dyad.directed:
        return "e.source = ? AND e.target = ?", [dyad.a, dyad.b]
    return "((e.source = ? AND e.target = ?) OR (e.source = ? AND e.target = ?))", [dyad.a, dyad.b, dyad.b, dyad.a]


def trend_sql(
    dyad: Dyad | None,
    bucket: str = "week",
    by_outlet: bool = False,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> tuple[str, list[Any]]:
    """The trend query and its parameters (one statement)."""
    if bucket not in BUCKETS:
        raise ValueError(f"bucket must be one of {', '.join(BUCKETS)}, not {bucket!r}")
    where, params = _dyad_filter(dyad)
    outlet = f"{OUTLET_SQL} AS outlet," if by_outlet else ""
    copies = "" if by_outlet else "AND d.near_copy_of IS NULL"
    sql = f"""
    WITH ev AS (
        SELECT {outlet} e.quad_class, e.goldstein, {EVENT_DATE_SQL} AS day
        FROM events e JOIN documents d ON d.id = e.doc_id
        WHERE e.realis AND {where} {copies}
    )
    SELECT CAST(date_trunc('{bucket}', day) AS DATE) AS period, {"outlet," if by_outlet else ""}
        count(*) AS n_events,
        count(*) FILTER (WHERE quad_class = 1) AS q1_verbal_coop,
        count(*) FILTER (WHERE quad_class = 2) AS q2_material_coop,
        count(*) FILTER (WHERE quad_class = 3) AS q3_verbal_conflict,
        count(*) FILTER (WHERE quad_class = 4) AS q4_material_conflict,
        sum(goldstein) AS goldstein_sum,
        avg(goldstein) AS goldstein_mean
    FROM ev
    WHERE day IS NOT NULL AND (CAST(? AS DATE) IS NULL OR day >= ?) AND (CAST(? AS DATE) IS NULL OR day <= ?)
    GROUP BY ALL
    ORDER BY period{", outlet" if by_outlet else ""}
    """
    return sql, [*params, since, since, until, until]


TREND_COLUMNS = [
    "period", "n_events", "q1_verbal_coop", "q2_material_coop", "q3_verbal_conflict", "q4_material_conflict",
    "goldstein_sum", "goldstein_mean",
]


def trend(store: Any, dyad: Dyad | None, bucket: str = "week", by_outlet: bool = False,
          since: dt.date | None = None, until: dt.date | None = None) -> list[dict[str, Any]]:
    sql, params = trend_sql(dyad, bucket, by_outlet, since, until)
    return store.query(sql, params)


@dataclass(frozen=True)
class Temperature:
    """Warming (> 0) or cooling (< 0): mean Goldstein of the last window minus the one before."""

    until: dt.date
    window_days: int
    recent_mean: float | None
    recent_n: int
    previous_mean: float | None
    previous_n: int

    @property
    def change(self) -> float | None:
        if self.recent_mean is None or self.previous_mean is None:
            return None
        return self.recent_mean - self.previous_mean

    @property
    def label(self) -> str:
        change = self.change
        if change is None:
            return "not enough events"
        return "warming" if change > 0 else "cooling" if change < 0 else "steady"


def temperature(store: Any, dyad: Dyad | None, window_days: int = 30, until: dt.date | None = None) -> Temperature:
    """Compare the mean Goldstein of realis events in (until - window, until] with the window before.

    `until` defaults to the day of the dyad's latest dated realis event.
    """
    where, params = _dyad_filter(dyad)
    base = f"""SELECT {EVENT_DATE_SQL} AS day, e.goldstein FROM events e JOIN documents d ON d.id = e.doc_id
               WHERE e.realis AND d.near_copy_of IS NULL AND e.goldstein IS NOT NULL AND {where}"""
    if until is None:
        row = store.query(f"SELECT max(day) AS last FROM ({base})", params)
        until = row[0]["last"] if row and row[0]["last"] else dt.date.today()
    start = until - dt.timedelta(days=window_days)
    before = start - dt.timedelta(days=window_days)
    rows = store.query(
        f"""SELECT
            avg(goldstein) FILTER (WHERE day > ? AND day <= ?) AS recent_mean,
            count(*) FILTER (WHERE day > ? AND day <= ?) AS recent_n,
            avg(goldstein) FILTER (WHERE day > ? AND day <= ?) AS previous_mean,
            count(*) FILTER (WHERE day > ? AND day <= ?) AS previous_n
        FROM ({base})""",
        [start, until, start, until, before, start, before, start, *params],
    )[0]
    return Temperature(until, window_days, rows["recent_mean"], int(rows["recent_n"] or 0),
                       rows["previous_mean"], int(rows["previous_n"] or 0))


def dyad_table(store: Any, directed: bool = False, limit: int | None = None) -> list[dict[str, Any]]:
    """Every dyad with its realis event counts by QuadClass and Goldstein, busiest first."""
    a, b = ("e.source", "e.target") if directed else ("least(e.source, e.target)", "greatest(e.source, e.target)")
    sep = "-" if directed else "~"
    sql = f"""
    SELECT {a} || '{sep}' || {b} AS dyad,
        count(*) AS n_events,
        count(DISTINCT e.doc_id) AS n_documents,
        count(*) FILTER (WHERE e.quad_class = 1) AS q1_verbal_coop,
        count(*) FILTER (WHERE e.quad_class = 2) AS q2_material_coop,
        count(*) FILTER (WHERE e.quad_class = 3) AS q3_verbal_conflict,
        count(*) FILTER (WHERE e.quad_class = 4) AS q4_material_conflict,
        sum(e.goldstein) AS goldstein_sum,
        avg(e.goldstein) AS goldstein_mean,
        min({EVENT_DATE_SQL}) AS first_day,
        max({EVENT_DATE_SQL}) AS last_day
    FROM events e JOIN documents d ON d.id = e.doc_id
    WHERE e.realis AND d.near_copy_of IS NULL AND e.source IS NOT NULL AND e.target IS NOT NULL
        AND e.source <> e.target
    GROUP BY ALL ORDER BY n_events DESC, dyad
    """ + (f" LIMIT {int(limit)}" if limit else "")
    return store.query(sql)


DYAD_COLUMNS = [
    "dyad", "n_events", "n_documents", "q1_verbal_coop", "q2_material_coop", "q3_verbal_conflict",
    "q4_material_conflict", "goldstein_sum", "goldstein_mean", "first_day", "last_day",
]
