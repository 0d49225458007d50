"""The time a claim's own words give it, resolved against the publication date; None when they give none.

A time expression belongs to a figure when it hangs on the figure's way up to
its clause's verb ("trade reached $300 billion in 2019", "exports this year
are $5 billion", "5,000 troops in 2019") or on that verb's subject ("exports in
2019 were ..."); a clause beside it ("and this year it is ...") or a date
inside another phrase ("the 2019 agreement") does not. Expressions are found
and resolved the way events' are (`dyad.extract.events.dates`, `timing`), with
the few shapes figures add:

- "since 2016": a total over a period that runs from then to publication
  (`when` .. `when_until`), unless it measures a gap ("the highest since 2016");
- "by 2030": a target, dated to the year it is set for;
- "in the first quarter": a period of three months;
- "between 2016 and 2020", "2016-2020": a period of years;
- "until 2030", "before 2019", "after 2019": a bound, not the figure's time.

A relative expression ("last year", "this month", "in March") points back,
or forward when the figure is expected ("will reach $5 billion next year").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from dyad.extract.events.dates import YEAR, anchor, clause_path, clean, resolve
from dyad.extract.events.timing import ORDINALS, preposition
from dyad.records import DatePrecision

NOT_THE_TIME = frozenset({"until", "till", "through", "before", "after", "to", "from", "than"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
SUBJECT_PREPOSITIONS = frozenset({"in", "during", None})
QUARTER = re.compile(r"\b(first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+quarter\b|\bq([1-4])\b")
QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4}


@dataclass(frozen=True)
class ClaimTime:
    when: str  # YYYY, YYYY-MM or YYYY-MM-DD
    precision: DatePrecision
    until: str | None  # the end of a period `when` starts, at the same precision
    text: str  # the words it was read from, with "since" or "by" when those give its sense


def _belongs(ent: Span, on_path: set[int], prep: str | None) -> bool:
    """The expression hangs on the figure's path, or ("exports in 2019 were ...") on its verb's subject."""
    a = anchor(ent)
    if a.lower_ == "as" and a.dep_ == "prep" and a.head != a:  # "as of March"
        a = a.head
    if a.i in on_path:
        return True
    return a.dep_ in SUBJECTS and a.head.i in on_path and prep in SUBJECT_PREPOSITIONS


def _measures_gap(ent: Span) -> bool:
    """"the highest level since 2016", "the first rise since 2016": a "since" phrase after a superlative or
    an ordinal compares with then; it does not start a period."""
    a = anchor(ent)
    near = [a, *a.children, *(a.head.children if a.head != a else [])]
    return any(t.tag_ in ("JJS", "RBS") or t.lower_ in ORDINALS for t in near)


def _at(day: dt.date, precision: DatePrecision) -> str:
    return {"year": day.isoformat()[:4], "month": day.isoformat()[:7], "day": day.isoformat()}[precision]


def _quarter(text: str, published: dt.date | None) -> tuple[str, str] | None:
    """The first and last month of a quarter ("the first quarter of 2024", "the last quarter")."""
    m = QUARTER.search(text)
    if m is None:
        return None
    word = m.group(1)
    if years := YEAR.findall(text):  # "the last quarter of 2023" is its fourth
        year = int(years[0])
        q = int(m.group(2)) if m.group(2) else QUARTERS.get(word, 4)
    elif published is None:
        return None
    elif word == "last":  # the quarter before the one of publication
        n = published.year * 4 + (published.month - 1) // 3 - 1
        year, q = n // 4, n % 4 + 1
    else:
        q = int(m.group(2)) if m.group(2) else QUARTERS[word]
        year = published.year if 3 * q - 2 <= published.month else published.year - 1
    return f"{year:04d}-{3 * q - 2:02d}", f"{year:04d}-{3 * q:02d}"


def _read(ent: Span, prep: str | None, published: dt.date | None, expected: bool) -> ClaimTime | None:
    """What one expression, hanging on `prep`, says the figure's time is."""
    text = ent.text
    quarter = _quarter(clean(text), published)
    if quarter is not None:
        return ClaimTime(quarter[0], "month", quarter[1], text)
    years = YEAR.findall(text)
    if len(years) >= 2 and int(years[-1]) > int(years[0]):
        return ClaimTime(years[0], "year", years[-1], text)
    if prep in NOT_THE_TIME:
        return None
    if prep == "since":
        if published is None or _measures_gap(ent):
            return None
        start = resolve(text, published, "past")
        if start is None or start.when >= _at(published, start.precision):
            return None
        return ClaimTime(start.when, start.precision, _at(published, start.precision), f"since {text}")
    found = resolve(text, published, "future" if expected else "past")
    if found is None:
        return None
    return ClaimTime(found.when, found.precision, None, f"by {text}" if prep == "by" else text)


def claim_time(number: Token, own: range, sent: Span, date_ents: list[Span], published: dt.date | None,
               expected: bool) -> ClaimTime | None:
    """The time of the figure whose number is `number` and whose words are the tokens `own`, if its text gives one:
    of the expressions that belong to it, the nearest that resolves."""
    path = clause_path(number, split_conjoined_verbs=True)
    on_path = {t.i for t in path}
    candidates = []
    for ent in date_ents:
        if ent.start < sent.start or ent.end > sent.end or (ent.start < own.stop and own.start < ent.end):
            continue
        prep = preposition(ent)
        if prep == "of" and (ent.start < 2 or ent.doc[ent.start - 2].lower_ != "as"):
            continue  # "the treaty of 1953"; "as of March" dates the figure
        if not _belongs(ent, on_path, prep):
            continue
        distance = min(abs(number.i - ent.start), abs(number.i - (ent.end - 1)))
        candidates.append((distance, ent.start, ent, prep))
    for *_, ent, prep in sorted(candidates, key=lambda c: (c[0], c[1])):
        found = _read(ent, prep, published, expected)
        if found is not None:
            return found
    return None
