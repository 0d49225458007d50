"""What a user passes to the library, checked and turned into the types the store and fusion take.

Each function raises a `DyadError` naming the parameter at fault, so the CLI
and the web app report a bad value the same way.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

from dyad.api.countries import country
from dyad.errors import BAD_CHOICE, BAD_DATE, BAD_DAY, BAD_DYAD, BAD_LIMIT, BAD_PAIR, BAD_ROOT
from dyad.store.listings import month_end
from dyad.stored import Dyad

Values = str | Sequence[str] | None  # one value or several
# What may stand between the two states of a dyad; dyad itself writes KOR-CHN.
DYAD_SEPARATORS = re.compile(r"\s*[-~/>,]\s*|\s+")
Day = dt.date | str | None  # a date, or YYYY, YYYY-MM or YYYY-MM-DD


def values(given: Values) -> list[str]:
    """One value or several as a list."""
    if given is None:
        return []
    return [given] if isinstance(given, str) else list(given)


def states(given: Values, param: str = "source") -> list[str]:
    """ISO3 codes, checked (an alpha-2 code or a state's name becomes its ISO3 code)."""
    return [country(s, param) for s in values(given)]


def state(value: str | None, param: str) -> str | None:
    """One ISO3 code, checked; None stays None."""
    return country(value, param) if value else None


def root(value: str) -> str:
    """'4', '04' or '042' -> '04'."""
    digits = value.strip()
    head = digits[:2] if len(digits) > 2 else digits
    if not digits.isdigit() or not 1 <= int(head) <= 20:
        raise BAD_ROOT("root", value=value)
    return head.zfill(2)


def roots(given: Values) -> list[str]:
    return [root(r) for r in values(given)]


def bound(value: Day, param: str, end: bool) -> dt.date | None:
    """A period bound given as YYYY, YYYY-MM or YYYY-MM-DD: its first day, or with `end` its last."""
    if isinstance(value, dt.datetime):
        return value.date()
    if value is None or isinstance(value, dt.date):
        return value
    try:
        if len(value) == 4:
            return dt.date(int(value), 12, 31) if end else dt.date(int(value), 1, 1)
        if len(value) == 7:
            year, month = map(int, value.split("-"))
            return month_end(year, month) if end else dt.date(year, month, 1)
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise BAD_DATE(param, value=value) from exc


def day(value: Day | dt.datetime, param: str) -> dt.date | None:
    """A day given as a date, a datetime or YYYY-MM-DD."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise BAD_DAY(param, value=value) from exc


def _two_states(value: str) -> list[str] | None:
    """The two parts of 'KOR-CHN' (also written KOR~CHN, KOR/CHN, KOR>CHN, KOR,CHN or 'KOR CHN')."""
    parts = [p for p in DYAD_SEPARATORS.split(value.strip()) if p]
    return parts if len(parts) == 2 else None


def dyad(value: str | Dyad | None, directed: bool = False, param: str = "dyad") -> Dyad | None:
    """'KOR-CHN' as a Dyad, each code checked; directed from the first state to the second when asked."""
    if value is None or isinstance(value, Dyad):
        return value
    parts = _two_states(value)
    if parts is None:
        raise BAD_DYAD(param, value=value)
    return Dyad(country(parts[0], param), country(parts[1], param), directed)


def pair(value: str | tuple[str, str] | None) -> tuple[str, str] | None:
    """'KOR-CHN' (or any notation `dyad` accepts) as two checked ISO3 codes."""
    if value is None or isinstance(value, tuple):
        return value
    parts = _two_states(value)
    if parts is None:
        raise BAD_PAIR("pair", value=value)
    return country(parts[0], "pair"), country(parts[1], "pair")


# a limit past this is no limit: no store holds more rows, and SQL's LIMIT takes a 64-bit number
NO_LIMIT = 2**62


def limit(value: int | None) -> int | None:
    """The limit as given, None (no limit) for one no store could reach; DY210 when negative."""
    if value is not None and value < 0:
        raise BAD_LIMIT("limit", value=value)
    return None if value is not None and value >= NO_LIMIT else value


def choice(value: str | None, allowed: Iterable[str], param: str) -> str | None:
    """`value` when it is one of `allowed` (or None)."""
    options = tuple(allowed)
    if value is not None and value not in options:
        raise BAD_CHOICE(param, value=value, choices=", ".join(options))
    return value


def since(value: Day) -> dt.date | None:
    """The first day of the period `value` names (YYYY, YYYY-MM or YYYY-MM-DD)."""
    return bound(value, "since", end=False)


def until(value: Day) -> dt.date | None:
    """The last day of the period `value` names (YYYY, YYYY-MM or YYYY-MM-DD)."""
    return bound(value, "until", end=True)
