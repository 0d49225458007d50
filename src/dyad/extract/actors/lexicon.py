"""The actor data files (gazetteer, IGOs, titles, leaders), loaded once.

Every table is a tab-separated file under `dyad/data/`; lines starting with `#`
are comments, the first other line names the columns, and list cells are
separated by `;`. docs/data-actors.md describes each file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from functools import lru_cache

from dyad.codes import data_text, load_yaml


@dataclass(frozen=True)
class State:
    iso3: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    seats: tuple[str, ...]
    un_member: bool


@dataclass(frozen=True)
class Igo:
    key: str
    name: str
    aliases: tuple[str, ...]
    role: str


@dataclass(frozen=True)
class Title:
    title: str
    role: str
    sector: str
    kind: str
    country: str | None = None  # a title only one state uses ("secretary of state")


@dataclass(frozen=True)
class KnownOrg:
    name: str
    aliases: tuple[str, ...]
    country: str | None
    role: str
    sector: str
    describes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ContextForm:
    """A form like "the North" that names a state only when the document names all of `requires`."""

    form: str
    iso3: str
    requires: tuple[str, ...]


@dataclass(frozen=True)
class Leader:
    name: str
    aliases: tuple[str, ...]
    country: str | None
    role: str
    since: dt.date | None
    until: dt.date | None


@dataclass
class Gazetteer:
    states: dict[str, State]
    # surface form -> (iso3, how): how is name, alias, demonym, metonym
    forms: dict[str, tuple[str, str]] = field(default_factory=dict)


def _rows(name: str) -> list[dict[str, str]]:
    """Rows of a TSV data file, comment lines skipped."""
    lines = [line for line in io.StringIO(data_text(name)) if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [{k: (v or "").strip() for k, v in row.items()} for row in reader]


def _list(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(";") if part.strip())


def strip_article(form: str) -> str:
    """'the Kremlin' -> 'Kremlin': the matcher finds the bare form, the article is optional."""
    return form[4:] if form.lower().startswith("the ") else form


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    states: dict[str, State] = {}
    for row in _rows("gazetteer.tsv"):
        state = State(
            iso3=row["iso3"],
            name=row["name"],
            aliases=_list(row["aliases"]),
            demonyms=_list(row["demonyms"]),
            capitals=_list(row["capitals"]),
            seats=_list(row["seats"]),
            un_member=row.get("un") == "member",
        )
        states[state.iso3] = state
    gaz = Gazetteer(states=states)
    # Later kinds never overwrite earlier ones: a name beats a demonym beats a capital.
    for state in states.values():
        for form in (state.name, *state.aliases):
            gaz.forms.setdefault(strip_article(form), (state.iso3, "name" if form == state.name else "alias"))
    for state in states.values():
        for form in state.demonyms:
            gaz.forms.setdefault(form, (state.iso3, "demonym"))
    for state in states.values():
        for form in (*state.capitals, *state.seats):
            gaz.forms.setdefault(strip_article(form), (state.iso3, "metonym"))
    return gaz


@lru_cache(maxsize=1)
def context_forms() -> tuple[ContextForm, ...]:
    return tuple(
        ContextForm(form=r["form"], iso3=r["iso3"], requires=_list(r["requires"])) for r in _rows("gazetteer_context.tsv")
    )


@lru_cache(maxsize=1)
def non_actor_phrases() -> frozenset[str]:
    """Phrases that contain a state's name but name a place, period or thing, not an actor."""
    return frozenset(r["phrase"] for r in _rows("gazetteer_nonactors.tsv"))


@lru_cache(maxsize=1)
def non_actor_lower() -> frozenset[str]:
    """The non-actor phrases in lower case, for lookups that ignore case."""
    return frozenset(p.lower() for p in non_actor_phrases())


@lru_cache(maxsize=1)
def cities() -> dict[str, str]:
    """City name -> ISO3, for where an organisation or person belongs (never a state mention)."""
    return {r["city"]: r["iso3"] for r in _rows("gazetteer_cities.tsv")}


def place_country(words: list[str]) -> tuple[str, str] | None:
    """(ISO3, the words) of the first state form or city among consecutive words, longest first."""
    forms = gazetteer().forms
    towns = cities()
    for i in range(len(words)):
        for size in (3, 2, 1):
            phrase = " ".join(words[i : i + size])
            if len(words[i : i + size]) < size:
                continue
            if phrase in forms:
                return forms[phrase][0], phrase
            if phrase in towns:
                return towns[phrase], phrase
    return None


@lru_cache(maxsize=1)
def igos() -> dict[str, Igo]:
    return {
        r["key"]: Igo(key=r["key"], name=r["name"], aliases=_list(r["aliases"]), role=r["role"]) for r in _rows("igos.tsv")
    }


@lru_cache(maxsize=1)
def igo_forms() -> dict[str, str]:
    """Surface form -> IGO key."""
    forms: dict[str, str] = {}
    for igo in igos().values():
        for form in (igo.name, *igo.aliases):
            forms.setdefault(strip_article(form), igo.key)
    return forms


@lru_cache(maxsize=1)
def titles() -> dict[str, Title]:
    """Lower-case title phrase -> what it says about a person."""
    return {
        r["title"].lower(): Title(
            title=r["title"].lower(), role=r["role"], sector=r["sector"], kind=r["kind"], country=r.get("country") or None
        )
        for r in _rows("titles.tsv")
    }


@lru_cache(maxsize=1)
def org_heads() -> dict[str, Title]:
    """Lower-case head word or phrase of an organisation name -> its role and sector."""
    return {
        r["head"].lower(): Title(title=r["head"].lower(), role=r["role"], sector=r["sector"], kind="organization")
        for r in _rows("titles_orgs.tsv")
    }


@lru_cache(maxsize=1)
def org_head_uses() -> dict[str, frozenset[str]]:
    """Lower-case head -> its uses: "state" (a state word + head is a body of that state), "before"."""
    return {r["head"].lower(): frozenset(_list(r.get("use") or "")) for r in _rows("titles_orgs.tsv")}


@dataclass(frozen=True)
class GroupNoun:
    noun: str
    role: str
    sector: str
    use: str  # nationality, crowd or body


@lru_cache(maxsize=1)
def group_nouns() -> dict[str, GroupNoun]:
    """Plural people nouns that make group actors (titles_groups.tsv)."""
    return {
        r["noun"].lower(): GroupNoun(noun=r["noun"].lower(), role=r["role"], sector=r["sector"], use=r["use"])
        for r in _rows("titles_groups.tsv")
    }


@lru_cache(maxsize=1)
def known_orgs() -> dict[str, KnownOrg]:
    """Surface form -> a well-known organisation whose country the text may not say."""
    forms: dict[str, KnownOrg] = {}
    for r in _rows("gazetteer_orgs.tsv"):
        org = KnownOrg(
            name=r["name"],
            aliases=_list(r["aliases"]),
            country=r["country"] or None,
            role=r["role"],
            sector=r["sector"],
            describes=tuple(d.lower() for d in _list(r.get("describes") or "")),
        )
        for form in (org.name, *org.aliases):
            forms.setdefault(form, org)
    return forms


@lru_cache(maxsize=1)
def described_orgs() -> dict[tuple[str, str], KnownOrg]:
    """(ISO3, describing phrase) -> the known organisation it means ("PRK", "state news agency")."""
    found: dict[tuple[str, str], KnownOrg] = {}
    for org in set(known_orgs().values()):
        for phrase in org.describes:
            if org.country:
                found.setdefault((org.country, phrase), org)
    return found


def _date(value: object) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


@lru_cache(maxsize=1)
def leaders_file() -> dict:
    return load_yaml("leaders.yaml")


@lru_cache(maxsize=1)
def leaders() -> tuple[Leader, ...]:
    """The dated fallback list of heads of state and government."""
    return tuple(
        Leader(
            name=e["name"],
            aliases=tuple(e.get("aliases") or ()),
            country=e["country"],
            role=e["role"],
            since=_date(e.get("since")),
            until=_date(e.get("until")),
        )
        for e in leaders_file().get("leaders", [])
    )
