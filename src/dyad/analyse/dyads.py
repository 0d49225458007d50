"""Per dyad: realis events by QuadClass and Goldstein over time, overall and per outlet; warming or cooling.

The aggregation is one SQL statement in the store (`dyad.store.aggregates`), so
it stays fast on millions of events. Only realis events count: plans and
denials did not happen; background events (history a document recalls) stay out. The overall series counts a republished story once
(near-copies are left out); the per-outlet series keeps what each outlet published.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dyad.fuse.config import fusion_config
from dyad.store import Store, aggregates
from dyad.stored import Dyad, DyadRow, TrendRow

BUCKETS = aggregates.BUCKETS

TREND_COLUMNS = [
    "period", "n_events", "q1_verbal_coop", "q2_material_coop", "q3_verbal_conflict", "q4_material_conflict",
    "goldstein_sum", "goldstein_mean",
]
DYAD_COLUMNS = [
    "dyad", "n_events", "n_documents", "q1_verbal_coop", "q2_material_coop", "q3_verbal_conflict",
    "q4_material_conflict", "goldstein_sum", "goldstein_mean", "first_day", "last_day",
]


def trend(store: Store, dyad: Dyad | None, bucket: str = "week", by_outlet: bool = False,
          since: dt.date | None = None, until: dt.date | None = None) -> list[TrendRow]:
    """Realis events of the dyad (every event without one) per period, by QuadClass, with Goldstein."""
    pair = dyad.pair if dyad else None
    return aggregates.trend(store, pair, bool(dyad and dyad.directed), bucket, by_outlet, since, until,
                            background_days())


def background_days() -> int:
    """Days before its document's publication beyond which an event is history, not news (fusion.yaml)."""
    return int(fusion_config().get("background_days", aggregates.BACKGROUND_DAYS))


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


def temperature(store: Store, dyad: Dyad | None, window_days: int = 30, until: dt.date | None = None) -> Temperature:
    """Compare the mean Goldstein of realis events in (until - window, until] with the window before.

    `until` defaults to the day of the dyad's latest dated realis event.
    """
    pair = dyad.pair if dyad else None
    directed = bool(dyad and dyad.directed)
    if until is None:
        last, w = aggregates.latest_windows(store, pair, directed, window_days, background_days())
        if last is not None:
            return Temperature(last, window_days, w.recent_mean, w.recent_n, w.previous_mean, w.previous_n)
        until = dt.date.today()
    start = until - dt.timedelta(days=window_days)
    before = start - dt.timedelta(days=window_days)
    w = aggregates.goldstein_windows(store, pair, directed, start, until, before, background_days())
    return Temperature(until, window_days, w.recent_mean, w.recent_n, w.previous_mean, w.previous_n)


def dyad_table(
    store: Store, directed: bool = False, limit: int | None = None, since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[DyadRow]:
    """Every dyad with its realis event counts by QuadClass and Goldstein, busiest first."""
    return aggregates.dyad_table(store, directed, limit, since, until)
