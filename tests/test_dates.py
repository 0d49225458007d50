"""Date expressions resolved against the published day (2026-01-05 is a Monday)."""

from __future__ import annotations

import datetime as dt

import pytest

from dyad.extract.events.dates import ResolvedDate, resolve

MONDAY = dt.date(2026, 1, 5)
SATURDAY = dt.date(2026, 1, 3)


@pytest.mark.parametrize(
    "text,base,prefer,when,precision",
    [
        ("on Sunday", MONDAY, "past", "2026-01-04", "day"),
        ("Sunday", MONDAY, "future", "2026-01-11", "day"),
        ("on Monday", MONDAY, "past", "2026-01-05", "day"),
        ("on Monday", MONDAY, "future", "2026-01-05", "day"),
        ("on Friday", MONDAY, "past", "2026-01-02", "day"),
        ("next Friday", MONDAY, "past", "2026-01-09", "day"),
        ("last Monday", MONDAY, "future", "2025-12-29", "day"),
        ("earlier in the day", MONDAY, "past", "2026-01-05", "day"),
        ("today", MONDAY, "past", "2026-01-05", "day"),
        ("yesterday", MONDAY, "past", "2026-01-04", "day"),
        ("tomorrow", MONDAY, "future", "2026-01-06", "day"),
        ("this weekend", SATURDAY, "future", "2026-01-03", "day"),
        ("this weekend", MONDAY, "future", "2026-01-10", "day"),
        ("last year", MONDAY, "past", "2025", "year"),
        ("next year", MONDAY, "future", "2027", "year"),
        ("this year", MONDAY, "future", "2026", "year"),
        ("in November", MONDAY, "past", "2025-11", "month"),
        ("in March", MONDAY, "future", "2026-03", "month"),
        ("in January", MONDAY, "past", "2026-01", "month"),
        ("later this month", MONDAY, "future", "2026-01", "month"),
        ("last month", MONDAY, "past", "2025-12", "month"),
        ("next month", MONDAY, "future", "2026-02", "month"),
        ("May 26-27", dt.date(2024, 7, 1), "past", "2024-05-26", "day"),
        ("June 19", dt.date(2024, 7, 1), "past", "2024-06-19", "day"),
        ("three years ago", MONDAY, "past", "2023", "year"),
    ],
)
def test_relative_expressions(text, base, prefer, when, precision):
    assert resolve(text, base, prefer) == ResolvedDate(when, precision)


@pytest.mark.parametrize(
    "text,when,precision",
    [
        ("in 2016", "2016", "year"),
        ("since 2019", "2019", "year"),
        ("1910\u20131945", "1910", "year"),
        ("November 2025", "2025-11", "month"),
        ("May 26, 2024", "2024-05-26", "day"),
        ("26 May 2024", "2024-05-26", "day"),
        ("Tuesday\u2019s", None, None),
    ],
)
def test_absolute_expressions_need_no_published_date(text, when, precision):
    got = resolve(text, None)
    assert (got.when, got.precision) == (when, precision) if when else got is None


@pytest.mark.parametrize("text", ["the 1990s", "decades", "more than four years", "the past", "recent weeks"])
def test_vague_expressions_give_nothing(text):
    assert resolve(text, MONDAY) is None


def test_relative_needs_published():
    assert resolve("on Monday", None) is None
    assert resolve("last year", None) is None
