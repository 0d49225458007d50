"""Resolve the date expression of an event against the document's published date.

Absolute dates ("in 2016", "May 26-27, 2024", "1910-1945") resolve without a
published date; relative ones ("on Monday", "last year", "later this month",
"this weekend") need it and give nothing without it. Our own rules come first
because dateparser reads some news phrasings oddly ("the 1990s", a weekday
equal to the publication day); dateparser, with `RELATIVE_BASE` and past or
future preferred from the event's tense, handles the rest ("three weeks ago").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from spacy.tokens import Span, Token

from dyad.extract.common.arrays import deps, memo
from dyad.extract.common.tokens import heads
from dyad.records import DatePrecision

Prefer = Literal["past", "future"]

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
LEADING = re.compile(r"^(?:on|in|since|by|from|until|till|during|at|of|through|before|after|around|early|late|mid|the|this past)\s+")
MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
YEAR_RANGE = re.compile(r"\b(1[5-9]\d\d|20\d\d)\s*[-\u2013\u2014/]\s*(?:1[5-9]\d\d|20\d\d|\d\d)\b")
MONTH_DAY = re.compile(rf"\b({MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:\s*[-\u2013]\s*\d{{1,2}})?(?:,?\s+(\d{{4}}))?")
DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH_RE})\.?(?:,?\s+(\d{{4}}))?")
MONTH_YEAR = re.compile(rf"\b({MONTH_RE})\.?,?\s+(\d{{4}})\b")
MONTH_ALONE = re.compile(rf"^(?:(?:earlier|later|early|late|mid|last|next|this)\s+)?(?:in\s+)?({MONTH_RE})\.?$")
YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
DECADE = re.compile(r"\b\d{2,4}s\b")
AGO = re.compile(r"\bago\b")


@dataclass(frozen=True)
class ResolvedDate:
    when: str
    precision: DatePrecision


def _day(d: dt.date) -> ResolvedDate:
    return ResolvedDate(d.isoformat(), "day")


def _month(year: int, month: int) -> ResolvedDate:
    return ResolvedDate(f"{year:04d}-{month:02d}", "month")


def _shift_month(d: dt.date, months: int) -> tuple[int, int]:
    n = d.year * 12 + d.month - 1 + months
    return n // 12, n % 12 + 1


def clean(text: str) -> str:
    t = text.lower().replace("\u2019", "'").strip(" .,;:")
    t = re.sub(r"'s?$", "", t)
    for _ in range(3):
        t = LEADING.sub("", t)
    return t.strip()


def _absolute(t: str) -> ResolvedDate | None:
    if m := YEAR_RANGE.search(t):
        return ResolvedDate(m.group(1), "year")
    if m := MONTH_DAY.search(t):
        if m.group(3):
            return _safe_day(int(m.group(3)), MONTHS[m.group(1)], int(m.group(2)))
    if m := DAY_MONTH.search(t):
        if m.group(3):
            return _safe_day(int(m.group(3)), MONTHS[m.group(2)], int(m.group(1)))
    if m := MONTH_YEAR.search(t):
        return _month(int(m.group(2)), MONTHS[m.group(1)])
    if DECADE.search(t):
        return None
    if m := YEAR.search(t):
        return ResolvedDate(m.group(1), "year")
    return None


def _safe_day(year: int, month: int, day: int) -> ResolvedDate | None:
    try:
        return _day(dt.date(year, month, day))
    except ValueError:
        return None


def _pick_year(base: dt.date, month: int, prefer: Prefer) -> int:
    if prefer == "past":
        return base.year if month <= base.month else base.year - 1
    return base.year if month >= base.month else base.year + 1


def _relative(t: str, base: dt.date, prefer: Prefer) -> ResolvedDate | None:
    words = set(re.findall(r"[a-z]+", t))
    if m := MONTH_DAY.search(t):  # "May 26-27" without a year
        month = MONTHS[m.group(1)]
        return _safe_day(_pick_year(base, month, prefer), month, int(m.group(2)))
    if m := DAY_MONTH.search(t):
        month = MONTHS[m.group(2)]
        return _safe_day(_pick_year(base, month, prefer), month, int(m.group(1)))
    if m := MONTH_ALONE.match(t):
        month = MONTHS[m.group(1)]
        year = _pick_year(base, month, prefer)
        if t.startswith("last "):
            year = base.year - 1 if month >= base.month else base.year
        elif t.startswith("next "):
            year = base.year + 1 if month <= base.month else base.year
        return _month(year, month)
    if words & {"today", "tonight"} or t in ("earlier in the day", "later in the day", "this morning", "this afternoon", "this evening", "the day"):
        return _day(base)
    if "yesterday" in words:
        return _day(base - dt.timedelta(days=1))
    if "tomorrow" in words:
        return _day(base + dt.timedelta(days=1))
    weekday = next((WEEKDAYS[w] for w in words if w in WEEKDAYS), None)
    if weekday is not None:
        back = (base.weekday() - weekday) % 7
        ahead = (weekday - base.weekday()) % 7
        if "last" in words:
            return _day(base - dt.timedelta(days=back or 7))
        if "next" in words:
            return _day(base + dt.timedelta(days=ahead or 7))
        return _day(base - dt.timedelta(days=back) if prefer == "past" else base + dt.timedelta(days=ahead))
    if "weekend" in words:
        if "last" in words or (prefer == "past" and "next" not in words):
            return _day(base - dt.timedelta(days=(base.weekday() - 5) % 7))
        return _day(base + dt.timedelta(days=(5 - base.weekday()) % 7 + (7 if "next" in words else 0)))
    if "month" in words:
        if "last" in words or "previous" in words:
            return _month(*_shift_month(base, -1))
        if "next" in words:
            return _month(*_shift_month(base, 1))
        if "this" in words or "current" in words:
            return _month(base.year, base.month)
    if "week" in words:
        if "last" in words or "previous" in words:
            return _month(*_shift_month(base - dt.timedelta(days=7), 0))
        if "next" in words:
            return _month(*_shift_month(base + dt.timedelta(days=7), 0))
        if "this" in words:
            return _month(base.year, base.month)
    if "year" in words:
        if "last" in words or "previous" in words:
            return ResolvedDate(str(base.year - 1), "year")
        if "next" in words:
            return ResolvedDate(str(base.year + 1), "year")
        if "this" in words or "current" in words:
            return ResolvedDate(str(base.year), "year")
    return None


@lru_cache(maxsize=1)
def _date_parser():
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"])


def _fallback(t: str, base: dt.date, prefer: Prefer) -> ResolvedDate | None:
    """dateparser for what our rules leave, accepted only for shapes it reads reliably."""
    if not AGO.search(t):
        return None
    settings = {"RELATIVE_BASE": dt.datetime.combine(base, dt.time()), "PREFER_DATES_FROM": prefer}
    import dateparser

    parsed = dateparser.parse(t, languages=["en"], settings=settings)
    if parsed is None:
        return None
    if re.search(r"\b(year|years)\b", t):
        return ResolvedDate(str(parsed.year), "year")
    if re.search(r"\b(month|months|week|weeks)\b", t):
        return _month(parsed.year, parsed.month)
    return _day(parsed.date())


def resolve(text: str, base: dt.date | None, prefer: Prefer = "past") -> ResolvedDate | None:
    """The date a time expression names, or None."""
    return _resolved(text, base, prefer)


@lru_cache(maxsize=8192)
def _resolved(text: str, base: dt.date | None, prefer: Prefer) -> ResolvedDate | None:
    """`resolve`, remembered: each trigger of a sentence tries the same few expressions again."""
    t = clean(text)
    if not t:
        return None
    absolute = _absolute(t)
    if absolute is not None:
        return absolute
    if base is None:
        return None
    try:
        return _relative(t, base, prefer) or _fallback(t, base, prefer)
    except (OverflowError, ValueError):  # counted from a publication day near year 1 or 9999: no such day
        return None


CLAUSE_EDGES = frozenset({"relcl", "advcl", "ccomp", "parataxis", "csubj"})
# what a date word's way up to its event may not cross: another clause, an apposition, a clausal modifier
FOREIGN_EDGES = CLAUSE_EDGES | {"appos", "acl"}


def clause_path(trigger: Token, split_conjoined_verbs: bool = False) -> list[Token]:
    """The trigger and the words above it up to its clause's head; with `split_conjoined_verbs`, a verb
    conjoined to another heads a clause of its own ("was $300 billion in 2019 and is $250 billion now")."""
    doc = trigger.doc
    known = memo(doc, "clause_paths")
    path = known.get((trigger.i, split_conjoined_verbs))
    if path is None:
        up, labels = heads(doc), deps(doc)
        path = [trigger.i]
        i = trigger.i
        while up[i] != i and labels[i] not in CLAUSE_EDGES and not (
                split_conjoined_verbs and labels[i] == "conj" and doc[i].pos_ in ("VERB", "AUX")):
            i = up[i]
            path.append(i)
        known[trigger.i, split_conjoined_verbs] = path
    return [doc[i] for i in path]


def anchor(ent: Span) -> Token:
    """The word a date expression modifies ("on Sunday" -> the verb the preposition hangs on)."""
    known = memo(ent.doc, "date_anchors")
    found: Token | None = known.get((ent.start, ent.end))
    if found is None:
        head = ent.root.head
        found = known[ent.start, ent.end] = head.head if head.dep_ == "prep" and head.head != head else head
    return found


def _within_clause(tok: Token, top: Token) -> bool:
    """A word under the event's clause modifies it: its way up does not pass through another clause or
    an apposition ("tested rockets, a response to sanctions announced over the weekend")."""
    while tok != top:
        if tok.dep_ in FOREIGN_EDGES or tok.head == tok:
            return False
        tok = tok.head
    return True


def date_spans_for(trigger: Token, sent: Span, date_ents: list[Span]) -> list[Span]:
    """The DATE entities that belong to the trigger, best first: attached on its clause path, else in its clause."""
    candidates = [e for e in date_ents if e.start >= sent.start and e.end <= sent.end]
    if not candidates:
        return []
    path = clause_path(trigger)
    on_path = set(t.i for t in path)
    top = path[-1]

    def rank(ent: Span) -> tuple[int, int] | None:
        distance = min(abs(trigger.i - ent.start), abs(trigger.i - (ent.end - 1)))
        a = anchor(ent)
        if a.i in on_path:
            return (0, distance)
        if (a == top or top in a.ancestors) and _within_clause(a, top):
            return (1, distance)
        return None

    ranked = [(r, e) for e in candidates if (r := rank(e)) is not None]
    return [e for _, e in sorted(ranked, key=lambda x: x[0])]


def date_span_for(trigger: Token, sent: Span, date_ents: list[Span]) -> Span | None:
    """The best DATE entity that belongs to the trigger (see date_spans_for)."""
    spans = date_spans_for(trigger, sent, date_ents)
    return spans[0] if spans else None
