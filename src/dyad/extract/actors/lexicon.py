"""The actor data files (gazetteer, IGOs, titles, known organisations, non-state actors, collectives), loaded once.

Every table is a tab-separated file under `dyad/data/`; lines starting with `#`
are comments, the first other line names the columns, and list cells are
separated by `;`. docs/data-actors.md describes each file. The dated office
holders are read by `holders`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from functools import lru_cache

from dyad.codes import data_text, groupings


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
    cameo: str = ""  # the body's full CAMEO actor code (IGOUNO)
    parent: str | None = None


@dataclass(frozen=True)
class Title:
    title: str
    role: str
    sector: str
    kind: str
    country: str | None = None  # a title only one state uses ("secretary of state")


@dataclass(frozen=True)
class Period:
    """What a non-state actor was over a period (the Taliban: rebels, then the government)."""

    since: dt.date | None
    until: dt.date | None
    role: str
    sector: str
    cameo: str


@dataclass(frozen=True)
class KnownOrg:
    name: str
    aliases: tuple[str, ...]
    country: str | None
    role: str
    sector: str
    describes: tuple[str, ...] = ()
    cameo: str = ""  # full CAMEO actor code when the tables give one (PSEREBHMS)
    periods: tuple[Period, ...] = ()  # non-state actors whose role changed, in time order

    def on(self, day: dt.date | None) -> Period:
        """Role, sector and code that apply on a date (the latest period when there is no date)."""
        if not self.periods:
            return Period(None, None, self.role, self.sector, self.cameo)
        if day is None:
            return self.periods[-1]
        fits = [p for p in self.periods if (p.since is None or p.since <= day) and (p.until is None or day < p.until)]
        return fits[0] if fits else (self.periods[0] if self.periods[0].since and day < self.periods[0].since else self.periods[-1])


@dataclass(frozen=True)
class ContextForm:
    """A form like "the North" that names a state only when the document names all of `requires`."""

    form: str
    iso3: str
    requires: tuple[str, ...]


@dataclass
class Gazetteer:
    states: dict[str, State]
    # surface form -> (iso3, how): how is name, alias, demonym, metonym
    forms: dict[str, tuple[str, str]] = field(default_factory=dict)


def rows(name: str) -> list[dict[str, str]]:
    """Rows of a TSV data file, comment lines skipped."""
    lines = [line for line in io.StringIO(data_text(name)) if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [{k: (v or "").strip() for k, v in row.items()} for row in reader]


def split_list(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(";") if part.strip())


def spellings(form: str) -> tuple[str, ...]:
    """A form as the tables write it and with a typographic apostrophe ("People’s Republic of China")."""
    return (form, form.replace("'", "\u2019")) if "'" in form else (form,)


def strip_article(form: str) -> str:
    """'the Kremlin' -> 'Kremlin': the matcher finds the bare form, the article is optional."""
    return form[4:] if form.lower().startswith("the ") else form


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    states: dict[str, State] = {}
    for row in rows("gazetteer.tsv"):
        state = State(
            iso3=row["iso3"],
            name=row["name"],
            aliases=split_list(row["aliases"]),
            demonyms=split_list(row["demonyms"]),
            capitals=split_list(row["capitals"]),
            seats=split_list(row["seats"]),
            un_member=row.get("un") == "member",
        )
        states[state.iso3] = state
    gaz = Gazetteer(states=states)
    # Later kinds never overwrite earlier ones: a name beats a demonym beats a capital.
    for state in states.values():
        for form in (state.name, *state.aliases):
            for spelt in spellings(strip_article(form)):
                gaz.forms.setdefault(spelt, (state.iso3, "name" if form == state.name else "alias"))
    for state in states.values():
        for form in state.demonyms:
            for spelt in spellings(form):
                gaz.forms.setdefault(spelt, (state.iso3, "demonym"))
    for state in states.values():
        for form in (*state.capitals, *state.seats):
            for spelt in spellings(strip_article(form)):
                gaz.forms.setdefault(spelt, (state.iso3, "metonym"))
    return gaz


@lru_cache(maxsize=1)
def context_forms() -> tuple[ContextForm, ...]:
    return tuple(
        ContextForm(form=r["form"], iso3=r["iso3"], requires=split_list(r["requires"])) for r in rows("gazetteer_context.tsv")
    )


@lru_cache(maxsize=1)
def non_actor_phrases() -> frozenset[str]:
    """Phrases that contain a state's name but name a place, period or thing, not an actor."""
    return frozenset(r["phrase"] for r in rows("gazetteer_nonactors.tsv"))


@lru_cache(maxsize=1)
def non_actor_lower() -> frozenset[str]:
    """The non-actor phrases in lower case, for lookups that ignore case."""
    return frozenset(p.lower() for p in non_actor_phrases())


@lru_cache(maxsize=1)
def cities() -> dict[str, str]:
    """City name -> ISO3, for where an organisation or person belongs (never a state mention)."""
    return {r["city"]: r["iso3"] for r in rows("gazetteer_cities.tsv")}


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
        r["key"]: Igo(key=r["key"], name=r["name"], aliases=split_list(r["aliases"]), role=r["role"],
                      cameo=r.get("cameo") or "", parent=r.get("parent") or None)
        for r in rows("igos.tsv")
    }


@lru_cache(maxsize=1)
def igo_forms() -> dict[str, str]:
    """Surface form -> IGO key: the names of igos.tsv, then those of the groupings in groups.yaml that
    act as an international body ("the Quad", "Group of 7")."""
    forms: dict[str, str] = {}
    for igo in igos().values():
        for form in (igo.name, *igo.aliases):
            for spelt in (s for f in _un_spellings(strip_article(form)) for s in spellings(f)):
                forms.setdefault(spelt, igo.key)
    for group in groupings().values():
        if group.igo in igos():
            for form in group.forms:
                for spelt in spellings(strip_article(form)):
                    forms.setdefault(spelt, group.igo)
    return forms


def _un_spellings(form: str) -> tuple[str, ...]:
    """'UN Human Rights Council' is also written 'U.N. Human Rights Council' (and the EU's bodies 'E.U. ...')."""
    for short, dotted in (("UN ", "U.N. "), ("EU ", "E.U. ")):
        if form.startswith(short):
            return (form, dotted + form[len(short):])
        if form.startswith(dotted):
            return (form, short + form[len(dotted):])
    return (form,)


@lru_cache(maxsize=1)
def titles() -> dict[str, Title]:
    """Lower-case title phrase -> what it says about a person."""
    return {
        r["title"].lower(): Title(
            title=r["title"].lower(), role=r["role"], sector=r["sector"], kind=r["kind"], country=r.get("country") or None
        )
        for r in rows("titles.tsv")
    }


@lru_cache(maxsize=1)
def org_heads() -> dict[str, Title]:
    """Lower-case head word or phrase of an organisation name -> its role and sector."""
    return {
        r["head"].lower(): Title(title=r["head"].lower(), role=r["role"], sector=r["sector"], kind="organization")
        for r in rows("titles_orgs.tsv")
    }


@lru_cache(maxsize=1)
def org_head_uses() -> dict[str, frozenset[str]]:
    """Lower-case head -> its uses: "state" (a state word + head is a body of that state), "before"."""
    return {r["head"].lower(): frozenset(split_list(r.get("use") or "")) for r in rows("titles_orgs.tsv")}


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
        for r in rows("titles_groups.tsv")
    }


# The role an actor of nonstate_actors.tsv gets, by its sector (roles are free text; docs/data-actors.md).
NONSTATE_ROLES = {"GOV": "government", "OPP": "opposition", "NGO": "NGO", "CRM": "criminal group", "MIL": "armed group"}


@lru_cache(maxsize=1)
def known_orgs() -> dict[str, KnownOrg]:
    """Surface form -> a well-known organisation whose country the text may not say: the non-state
    actors (nonstate_actors.tsv, with their dated roles and CAMEO codes) first, then gazetteer_orgs.tsv."""
    forms: dict[str, KnownOrg] = {}
    for org in (*_nonstate(), *_listed_orgs()):
        for form in (org.name, *org.aliases):
            for spelt in (*spellings(form), *spellings(strip_article(form))):
                forms.setdefault(spelt, org)
    return forms


def _listed_orgs() -> list[KnownOrg]:
    return [
        KnownOrg(
            name=r["name"],
            aliases=split_list(r["aliases"]),
            country=r["country"] or None,
            role=r["role"],
            sector=r["sector"],
            describes=tuple(d.lower() for d in split_list(r.get("describes") or "")),
        )
        for r in rows("gazetteer_orgs.tsv")
    ]


def _nonstate() -> list[KnownOrg]:
    """One KnownOrg per key of nonstate_actors.tsv, its rows as dated periods."""
    by_key: dict[str, list[dict[str, str]]] = {}
    for r in rows("nonstate_actors.tsv"):
        by_key.setdefault(r["key"], []).append(r)
    found = []
    for key_rows in by_key.values():
        periods = tuple(
            Period(_day(r["since"]), _day(r["until"]), NONSTATE_ROLES.get(r["sector"], "armed group"), r["sector"], r["cameo"])
            for r in sorted(key_rows, key=lambda r: _day(r["since"]) or dt.date.min)
        )
        last = key_rows[-1]
        aliases = tuple(dict.fromkeys(a for r in key_rows for a in split_list(r["aliases"])))
        found.append(KnownOrg(name=last["name"], aliases=aliases, country=last["country"] or None, role=periods[-1].role,
                              sector=periods[-1].sector, cameo=periods[-1].cameo, periods=periods))
    return found


def _day(value: str) -> dt.date | None:
    """The first day a YYYY, YYYY-MM or YYYY-MM-DD date covers."""
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


@dataclass(frozen=True)
class Collective:
    """A people or community written as a plural noun ("Palestinians", "Kurds", "Shiites")."""

    form: str
    country: str | None
    use: str  # state, people or faith
    sector: str
    cameo: str


@lru_cache(maxsize=1)
def collectives() -> dict[str, Collective]:
    """Surface form (as written) -> the collective it names (collectives.tsv)."""
    found: dict[str, Collective] = {}
    for r in rows("collectives.tsv"):
        forms = split_list(r["forms"])
        for form in forms:
            for spelt in spellings(strip_article(form)):
                found.setdefault(spelt, Collective(forms[0], r["country"] or None, r["use"], r["sector"], r["cameo"]))
    return found


@lru_cache(maxsize=1)
def sector_codes() -> dict[str, str]:
    """CAMEO sector and role code -> its meaning (cameo_sectors.tsv)."""
    return {r["code"]: r["meaning"] for r in rows("cameo_sectors.tsv")}


@lru_cache(maxsize=1)
def described_orgs() -> dict[tuple[str, str], KnownOrg]:
    """(ISO3, describing phrase) -> the known organisation it means ("PRK", "state news agency")."""
    found: dict[tuple[str, str], KnownOrg] = {}
    for org in set(known_orgs().values()):
        for phrase in org.describes:
            if org.country:
                found.setdefault((org.country, phrase), org)
    return found
