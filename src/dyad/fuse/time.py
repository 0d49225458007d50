"""The days a report of an event allows, from its own time or, when the text gives none, from its publication.

A report dated by its text (`when`: a day, a month or a year) allows exactly
that period. A report with no time of its own is never placed on its
publication day: it is bounded by it. What a document says happened lies in
the days before it was published (`lookback`), a plan or expectation in the
days after (`lookahead`), a denial on either side. A report recalled as
history (`background`) with no date of its own, or from a document with no
publication date, allows no days at all: it can only join reports of its own
document.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

Span = tuple[dt.date, dt.date]


@dataclass(frozen=True)
class TimeRules:
    """The numbers of the time rules (fusion.yaml and settings)."""

    lookback_days: int = 7
    lookahead_days: int = 14
    background_days: int = 30


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def period(when: str | None) -> Span | None:
    """The first and last day of `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (None when it is none of them)."""
    if not when:
        return None
    try:
        if len(when) == 4:
            return dt.date(int(when), 1, 1), dt.date(int(when), 12, 31)
        if len(when) == 7:
            year, month = int(when[:4]), int(when[5:7])
            return dt.date(year, month, 1), month_end(year, month)
        day = dt.date.fromisoformat(when)
    except ValueError:
        return None
    return day, day


def own_span(when: str | None, until: str | None = None) -> Span | None:
    """The days an event's own time covers: `when`, or the period from `when` to `until` ("during X's term")."""
    start = period(when)
    end = period(until) if until else start
    if start is None or end is None or end[1] < start[0]:
        return start
    return start[0], end[1]


def precision(when: str | None) -> str | None:
    """day, month or year, from the shape of `when`."""
    if not when:
        return None
    return {10: "day", 7: "month", 4: "year"}.get(len(when))


def is_background(when: str | None, published: dt.date | None, flagged: bool, rules: TimeRules,
                  until: str | None = None) -> bool:
    """History the document recalls: flagged so by the text, or its own time ends well before publication."""
    if flagged:
        return True
    span = own_span(when, until)
    if span is None or published is None:
        return False
    return span[1] < published - dt.timedelta(days=rules.background_days)


def report_span(
    when: str | None, published: dt.date | None, realis: bool, denied: bool, background: bool, rules: TimeRules,
    until: str | None = None,
) -> tuple[Span | None, bool]:
    """(the days a report allows, whether they come from its own words); None when it allows none. A period
    (`when` to `until`, "during X's presidency") allows every day of it."""
    own = own_span(when, until)
    if own is not None:
        return own, True
    if published is None or background:
        return None, False
    before = published - dt.timedelta(days=rules.lookback_days)
    after = published + dt.timedelta(days=rules.lookahead_days)
    if denied:
        return (before, after), False
    if realis:
        return (before, published), False
    return (published, after), False


def overlaps(a: Span | None, b: Span | None, tolerance: int = 0) -> bool:
    """Whether two spans share a day, allowing `tolerance` days between them."""
    if a is None or b is None:
        return False
    gap = dt.timedelta(days=tolerance)
    return a[0] <= b[1] + gap and b[0] <= a[1] + gap
