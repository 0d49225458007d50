"""Codes more than one stage reads, defined once in the data files under dyad/data.

Extraction, fusion, evaluation and the CLI import these instead of keeping
their own lists: the relation types and which of them are symmetric
(relation_types.yaml), the names of units (units.yaml), and the named groupings
of states with their dated members (groups.yaml). `load_yaml` reads any data file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


def data_text(name: str) -> str:
    """The text of a file under dyad/data."""
    return resources.files("dyad.data").joinpath(name).read_text(encoding="utf-8")


def load_yaml(name: str) -> dict[str, Any]:
    """A YAML file under dyad/data as a dict."""
    return yaml.safe_load(data_text(name)) or {}


@dataclass(frozen=True)
class RelationType:
    name: str
    symmetric: bool
    means: str


@lru_cache(maxsize=1)
def relation_types() -> dict[str, RelationType]:
    """The standing relation types, in file order."""
    found: dict[str, RelationType] = {}
    for name, spec in load_yaml("relation_types.yaml").items():
        if not isinstance(spec, dict) or not isinstance(spec.get("symmetric"), bool):
            raise ValueError(f"relation_types.yaml: {name!r} needs `symmetric: true` or `symmetric: false`")
        found[str(name)] = RelationType(str(name), spec["symmetric"], str(spec.get("means") or ""))
    return found


@lru_cache(maxsize=1)
def symmetric_relations() -> frozenset[str]:
    """Relation types that hold both ways (ally, partner, rival): their pair is unordered."""
    return frozenset(name for name, kind in relation_types().items() if kind.symmetric)


@lru_cache(maxsize=1)
def unit_names() -> dict[str, str]:
    """Lower-case written form of a unit -> the unit: a currency's symbols, words and other names ->
    its ISO 4217 code; the share words and other names of a share -> "share"."""
    raw = load_yaml("units.yaml")
    names: dict[str, str] = {}
    for code, spec in (raw.get("currencies") or {}).items():
        for form in [*(spec.get("symbols") or []), *(spec.get("words") or [])]:
            names.setdefault(str(form).lower(), str(code))
    for form in raw.get("share") or []:
        names.setdefault(str(form).lower(), "share")
    for unit, forms in (raw.get("other_names") or {}).items():
        for form in forms or []:
            names.setdefault(str(form).lower(), str(unit))
    return names


@lru_cache(maxsize=1)
def percent_words() -> frozenset[str]:
    """Lower-case words that make a number a share out of 100 ("percent", "%")."""
    return frozenset(str(w).lower() for w in load_yaml("units.yaml").get("share") or [])


@lru_cache(maxsize=1)
def state_names() -> dict[str, tuple[str, ...]]:
    """ISO3 code -> the state's name and other names, from the gazetteer (gazetteer.tsv)."""
    found: dict[str, tuple[str, ...]] = {}
    header: list[str] = []
    for line in data_text("gazetteer.tsv").splitlines():
        if line.startswith("# iso3"):
            header = line[2:].split("\t")
        if not line.strip() or line.startswith("#"):
            continue
        row = dict(zip(header, line.split("\t"), strict=False))
        names = [row.get("name", ""), *row.get("aliases", "").split(";")]
        found[row["iso3"]] = tuple(n.strip() for n in names if n.strip())
    return found


@dataclass(frozen=True)
class Membership:
    iso3: str
    since: dt.date | None  # the first day the given date covers
    until: dt.date | None  # the first day the member is out (a date given to the month or year: its first day)


@dataclass(frozen=True)
class Grouping:
    """A named grouping of states (groups.yaml): its names, the IGO it acts as, and dated members."""

    key: str
    name: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    refs: tuple[str, ...]
    igo: str | None
    kind: str
    members: tuple[Membership, ...]
    includes: tuple[str, ...]

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def _first_day(value: object) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    parts = [int(p) for p in str(value).split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


@lru_cache(maxsize=1)
def groupings() -> dict[str, Grouping]:
    """The named groupings of groups.yaml by key, in file order."""
    found: dict[str, Grouping] = {}
    for g in load_yaml("groups.yaml").get("groups") or []:
        members = tuple(Membership(str(m["iso3"]), _first_day(m.get("since")), _first_day(m.get("until"))) for m in g.get("members") or [])
        found[str(g["key"])] = Grouping(
            key=str(g["key"]), name=str(g["name"]), aliases=tuple(map(str, g.get("aliases") or ())),
            adjectives=tuple(map(str, g.get("adjectives") or ())), refs=tuple(map(str, g.get("refs") or ())),
            igo=g.get("igo"), kind=str(g.get("kind") or ""), members=members, includes=tuple(g.get("includes") or ()),
        )
    return found


def members_on(key: str, day: dt.date | None) -> list[str]:
    """ISO3 codes of a grouping's members on a date (all who were ever members when there is no date),
    with the members of the groupings it includes."""
    group = groupings().get(key)
    if group is None:
        return []
    found = [m.iso3 for m in group.members if day is None or ((m.since is None or m.since <= day) and (m.until is None or day < m.until))]
    for other in group.includes:
        found += members_on(other, day)
    return list(dict.fromkeys(found))
