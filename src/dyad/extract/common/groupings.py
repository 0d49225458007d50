"""Named groupings of states (G7, Quad, BRICS, NATO ...) and their members on a date, from groups.yaml.

Read by the stages that expand a grouping named in a text into the states that
belonged to it when the text was written ("the G7 urged Russia" is one act per
member). `grouping(name)` finds a grouping by its key, its igos.tsv key, or one
of its names; `members(key, on)` gives its member states on a day, in file
order, following `includes` and leaving out suspended periods.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from dyad.codes import load_yaml

FILE = "groups.yaml"


@dataclass(frozen=True)
class Membership:
    iso3: str
    since: str | None  # YYYY, YYYY-MM or YYYY-MM-DD
    until: str | None
    suspended: tuple[tuple[str | None, str | None], ...] = ()


@dataclass(frozen=True)
class Grouping:
    key: str
    name: str
    kind: str  # organization, alliance, forum, partnership, region
    igo: str | None  # the igos.tsv key when the grouping also acts in its own name
    names: tuple[str, ...]  # name and aliases, as written
    adjectives: tuple[str, ...]
    refs: tuple[str, ...]
    members: tuple[Membership, ...]
    includes: tuple[str, ...]


def _day(value: object) -> str | None:
    return None if value is None else str(value)


def _within(day: str, since: str | None, until: str | None) -> bool:
    """Whether a day falls in a period whose ends may be given only to the year or month."""
    return (since is None or day[: len(since)] >= since) and (until is None or day[: len(until)] < until)


@lru_cache(maxsize=1)
def groupings() -> dict[str, Grouping]:
    """Every grouping by its key, in file order."""
    raw = load_yaml(FILE)
    out: dict[str, Grouping] = {}
    for g in raw.get("groups") or []:
        members = tuple(
            Membership(
                str(m["iso3"]), _day(m.get("since")), _day(m.get("until")),
                tuple((_day(s.get("since")), _day(s.get("until"))) for s in m.get("suspended") or []),
            )
            for m in g.get("members") or []
        )
        key = str(g["key"])
        out[key] = Grouping(
            key=key, name=str(g["name"]), kind=str(g.get("kind") or "forum"),
            igo=str(g["igo"]) if g.get("igo") else None,
            names=tuple(dict.fromkeys([str(g["name"]), *(str(a) for a in g.get("aliases") or [])])),
            adjectives=tuple(str(a) for a in g.get("adjectives") or []),
            refs=tuple(str(r) for r in g.get("refs") or []),
            members=members, includes=tuple(str(k) for k in g.get("includes") or []),
        )
    return out


@lru_cache(maxsize=1)
def _by_name() -> dict[str, str]:
    """Key, igo key, name and alias -> grouping key (first grouping wins)."""
    out: dict[str, str] = {}
    for g in groupings().values():
        for name in (g.key, g.igo, *g.names):
            if name:
                out.setdefault(name, g.key)
    return out


def grouping(name: str | None) -> Grouping | None:
    """The grouping with this key, igos.tsv key, name or alias (as written), if any."""
    key = _by_name().get(name or "")
    return groupings()[key] if key else None


@lru_cache(maxsize=1)
def as_of() -> str:
    """The day the file's memberships were last checked: the default day for undated texts."""
    return str(load_yaml(FILE).get("as_of") or dt.date.today().isoformat())


def members(key: str, on: dt.date | None = None, _seen: frozenset[str] = frozenset()) -> list[str]:
    """Member states (ISO3) of a grouping on a day (default: the file's `as_of`), in file order."""
    g = groupings().get(key)
    if g is None or key in _seen:
        return []
    day = on.isoformat() if on else as_of()
    out = [m.iso3 for m in g.members
           if _within(day, m.since, m.until) and not any(_within(day, s, u) for s, u in m.suspended)]
    for inner in g.includes:
        out += members(inner, on, _seen | {key})
    return list(dict.fromkeys(out))
