"""The dated office holders: heads of state and government and foreign ministers of every state
(office_holders.tsv), and heads of international bodies (igo_heads.tsv).

They are the fallback for a person an article names without saying who they are
(fallbacks.py), and they give the canonical spelling of a misspelt full name.
A name is looked up date-aware: only terms that began by the publication date
count, and a term in office that day beats one that ended before it ("Rutte" in
2025 is NATO's secretary-general, no longer the Dutch prime minister). A monarch
or pope known by one word ("Francis", "Salman") is found only through a titled
alias ("Pope Francis", "King Salman"), never by that word alone.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from dyad.extract.actors.lexicon import rows, split_list, titles
from dyad.extract.actors.names import FullNames, name_parts, normalise

# What the person is, from the office_holders.tsv role; the first that applies wins.
ROLE_ORDER = (("head of state", "head of state"), ("head of government", "head of government"), ("foreign minister", "minister"))
IGO_ROLE = "head of international organization"
# Words that open a titled alias besides the person titles of titles.tsv.
EXTRA_TITLE_WORDS = frozenset({"pope", "mullah", "mawlawi", "sheikh", "ayatollah"})


@dataclass(frozen=True)
class Holder:
    name: str
    aliases: tuple[str, ...]
    country: str | None  # None for the head of an international body
    role: str
    sector: str  # GOV, or IGO for the head of an international body
    igo: str | None
    since: dt.date | None
    until: dt.date | None
    status: str = ""

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def home(self) -> str:
        """The key of the actor the holder speaks for: state:ISO3 or igo:KEY."""
        return f"state:{self.country}" if self.country else f"igo:{self.igo}"

    @property
    def titled(self) -> bool:
        """Known by a title and one word ("King Salman", "Pope Francis")."""
        return any(len(a.split()) > 1 and _is_title_word(a.split()[0]) for a in self.forms)

    def began_by(self, day: dt.date | None) -> bool:
        return day is None or self.since is None or self.since <= day

    def in_office(self, day: dt.date | None) -> bool:
        if day is None:
            return self.until is None
        return self.began_by(day) and (self.until is None or day <= self.until)


def _is_title_word(word: str) -> bool:
    low = word.lower()
    return low in EXTRA_TITLE_WORDS or (low in titles() and titles()[low].kind == "person")


def first_day(value: str) -> dt.date | None:
    """'2003' -> 2003-01-01, '2003-09' -> 2003-09-01 (a date covers its whole month or year)."""
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def last_day(value: str) -> dt.date | None:
    """'2003' -> 2003-12-31, '2003-09' -> 2003-09-30."""
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else 12
    return dt.date(year, month, parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1])


@lru_cache(maxsize=1)
def holders() -> tuple[Holder, ...]:
    """Every term of every listed office holder, states first, in file order."""
    found: list[Holder] = []
    for r in rows("office_holders.tsv"):
        roles = split_list(r["role"])
        role = next(label for key, label in ROLE_ORDER if key in roles)
        found.append(Holder(r["name"], split_list(r["aliases"]), r["iso3"], role, "GOV", None,
                            first_day(r["since"]), last_day(r["until"]), r.get("status") or ""))
    for r in rows("igo_heads.tsv"):
        found.append(Holder(r["name"], split_list(r["aliases"]), None, IGO_ROLE, "IGO", r["igo"],
                            first_day(r["since"]), last_day(r["until"])))
    return tuple(found)


@lru_cache(maxsize=1)
def _by_name() -> FullNames[int]:
    """Full names and aliases -> places in holders(); a titled holder's one-word forms are left out."""
    index: FullNames[int] = FullNames()
    for order, holder in enumerate(holders()):
        titled = holder.titled
        for form in holder.forms:
            if not (titled and len(form.split()) == 1):
                index.add(form, order)
    return index


@lru_cache(maxsize=1)
def _by_surname() -> dict[str, list[int]]:
    """First or last part of an untitled holder's name or alias -> places in holders()."""
    index: dict[str, list[int]] = {}
    for order, holder in enumerate(holders()):
        if holder.titled:
            continue
        for form in holder.forms:
            if form != holder.name and normalise(form) == normalise(holder.name):
                continue  # "Hwang Kyo Ahn" spells "Hwang Kyo-ahn": its last word is no surname
            parts = name_parts(form)
            for part in {parts[0], parts[-1]} if parts else ():
                index.setdefault(part, []).append(order)
    return index


def _best(fits: list[Holder], day: dt.date | None) -> Holder:
    """The term in office that day, else the one that ended last, else the first listed."""
    current = [h for h in fits if h.in_office(day)]
    if current:
        return current[0]
    return max(fits, key=lambda h: h.until or dt.date.max)


def holder_for(names: Iterable[str], day: dt.date | None) -> Holder | None:
    """The office holder whose full name (or a one-slip spelling of it) one of the names is."""
    every = holders()
    fits = sorted({
        order
        for name in names
        for form, order in _by_name().find(name)
        if form[:1].lower() == name[:1].lower() and every[order].began_by(day)
    })
    return _best([every[o] for o in fits], day) if fits else None


def holder_by_surname(lone: str, day: dt.date | None, named: set[str]) -> Holder | None:
    """'Trump', 'President Bush': the office holders with that first or last name whose state or body
    the document names; one is chosen only when they all speak for the same one."""
    every = holders()
    fits = [every[o] for o in sorted(set(_by_surname().get(normalise(lone), ()))) if every[o].began_by(day)]
    fits = [h for h in fits if h.home in named]
    if not fits:
        return None
    current = [h for h in fits if h.in_office(day)]
    pool = current if len({h.home for h in current}) == 1 else fits
    if len({h.home for h in pool}) != 1:
        return None
    return _best(pool, day)


def titled_forms(text: str, spans: Iterable[tuple[int, int, str]]) -> set[str]:
    """'Pope Francis', 'King Salman': a one-word name with the title the text puts right before it."""
    found: set[str] = set()
    for start, end, _ in spans:
        surface = text[start:end]
        if " " in surface:
            continue
        before = text[max(0, start - 30) : start].rstrip(" ").rsplit(None, 1)
        if before and start > 0 and text[start - 1] == " " and _is_title_word(before[-1]):
            found.add(f"{before[-1]} {surface}")
    return found


def leader_country(name: str, day: dt.date | None) -> str | None:
    """The state of the head of state or government a name is ("Trump", "Kishida"), when every listed
    head of state or government by that full name or surname, in office by the date, led the same state."""
    every = holders()
    found = holder_for([name], day)
    if found is not None and found.country and found.role != "minister":
        return found.country
    fits = {every[o].country for o in _by_surname().get(normalise(name), ())
            if every[o].began_by(day) and every[o].country and every[o].role != "minister"}
    return fits.pop() if len(fits) == 1 else None
