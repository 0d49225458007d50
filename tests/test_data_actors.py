"""The actor reference tables are well formed: office holders, groupings, international bodies,
non-state actors, collectives and CAMEO sector codes (src/dyad/data, docs/data-actors.md).

The tables are read here with the plain rules every data file follows (tab-separated, `#` comment
lines, `;`-separated lists), so these checks hold whichever module loads them.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import pycountry
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "dyad" / "data"
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
CAMEO = re.compile(r"^(?:[A-Z]{3}){1,5}$")
CODE_FROM = {"codebook", "dictionary", "dyad"}
ROLES = {"head of state", "head of government", "foreign minister"}
STATUSES = {"", "acting", "co", "disputed"}


def rows(name: str) -> list[dict[str, str]]:
    """Rows of a TSV data file, comment lines skipped."""
    lines = [line for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in r.items()} for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


def header(name: str) -> list[str]:
    return next(line for line in (DATA / name).read_text(encoding="utf-8").splitlines() if not line.startswith("#")).split("\t")


def items(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def first_day(value: str) -> dt.date:
    parts = [int(p) for p in str(value).split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def last_day(value: str) -> dt.date:
    parts = [int(p) for p in str(value).split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else 12
    return dt.date(year, month, parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1])


def as_of(name: str) -> dt.date:
    text = (DATA / name).read_text(encoding="utf-8")
    found = re.search(r"^#?\s*as_of:\s*(\d{4}-\d{2}-\d{2})", text, re.M)
    assert found, f"{name}: no as_of date"
    return dt.date.fromisoformat(found.group(1))


def overlaps(spans: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Pairs of (since, until) spans that certainly overlap; an empty since/until is open."""
    def start(s: str) -> tuple[dt.date, dt.date]:
        return (first_day(s), last_day(s)) if s else (dt.date.min, dt.date.min)

    ordered = sorted(spans, key=lambda span: start(span[0])[0])
    found = []
    for (a_since, a_until), (b_since, b_until) in zip(ordered, ordered[1:], strict=False):
        a_end = first_day(a_until) if a_until else dt.date.max
        if a_end > start(b_since)[1]:
            found.append((f"{a_since}..{a_until}", f"{b_since}..{b_until}"))
    return found


@lru_cache(maxsize=1)
def states() -> frozenset[str]:
    return frozenset(r["iso3"] for r in rows("gazetteer.tsv"))


@lru_cache(maxsize=1)
def sectors() -> frozenset[str]:
    return frozenset(r["code"] for r in rows("cameo_sectors.tsv"))


def check_span(where: str, since: str, until: str) -> None:
    for value in (since, until):
        assert not value or DATE.match(value), f"{where}: bad date {value!r}"
        if value:
            first_day(value), last_day(value)  # raises on an impossible month or day
    if since and until:
        assert first_day(since) <= last_day(until), f"{where}: since {since} after until {until}"


# --- office_holders.tsv -------------------------------------------------------------------------

HOLDERS = "office_holders.tsv"
# States covered since 1990 (since independence for the post-Soviet ones), and the gaps in the
# heads' record that history left (no Iraqi head of state under the occupation authority).
CORE = {
    **dict.fromkeys("USA GBR FRA DEU ITA JPN CHN IND BRA CAN AUS ARG IDN MEX KOR SAU ZAF TUR PRK TWN ISR "
                    "IRN IRQ SYR PAK ARE QAT KWT BHR OMN EGY VEN CUB AFG".split(), "1990-01-01"),
    "RUS": "1991-12-26",
    "UKR": "1991-12-26",
}
CORE_HEAD_GAPS = {("IRQ", "head of state"), ("IRQ", "head of government"), ("AFG", "head of government"),
                  ("SYR", "head of government")}


@lru_cache(maxsize=1)
def holders() -> list[dict[str, str]]:
    return rows(HOLDERS)


def test_office_holders_columns_and_cells() -> None:
    assert header(HOLDERS) == ["iso3", "role", "name", "aliases", "since", "until", "status"]
    limit = as_of(HOLDERS)
    for n, r in enumerate(holders(), 1):
        where = f"{HOLDERS} row {n} ({r['name']})"
        assert r["iso3"] in states(), f"{where}: {r['iso3']} is not a gazetteer state"
        assert r["name"], where
        roles = r["role"].split(";")
        assert set(roles) <= ROLES and len(roles) == len(set(roles)), f"{where}: role {r['role']!r}"
        aliases = items(r["aliases"])
        assert len(aliases) == len(set(aliases)) and r["name"] not in aliases, f"{where}: repeated alias"
        assert r["since"], f"{where}: no since"
        check_span(where, r["since"], r["until"])
        assert first_day(r["since"]) <= limit, f"{where}: starts after as_of"
        assert r["status"] in STATUSES, f"{where}: status {r['status']!r}"


def test_office_holders_terms_of_one_office_do_not_overlap() -> None:
    terms = defaultdict(list)
    for r in holders():
        if not r["status"]:
            for role in r["role"].split(";"):
                terms[(r["iso3"], role)].append((r["since"], r["until"]))
    clashes = {office: found for office, spans in terms.items() if (found := overlaps(spans))}
    assert not clashes, f"overlapping terms not marked acting/co/disputed: {clashes}"


def test_office_holders_name_every_state() -> None:
    named = {r["iso3"] for r in holders()}
    assert not states() - named, f"states without any office holder: {sorted(states() - named)}"
    heads = {r["iso3"] for r in holders() if "head of" in r["role"]}
    # Bosnia's presidency is collective; San Marino's two captains regent change every six months.
    assert states() - heads <= {"BIH", "SMR"}, sorted(states() - heads)


def gaps(iso3: str, role: str, start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
    spans = sorted((first_day(r["since"]), last_day(r["until"]) if r["until"] else end)
                   for r in holders() if r["iso3"] == iso3 and role in r["role"].split(";"))
    found, covered = [], start
    for since, until in spans:
        if (since - covered).days > 366:
            found.append((covered, since))
        covered = max(covered, until)
    if (end - covered).days > 366:
        found.append((covered, end))
    return found


@pytest.mark.parametrize("iso3", sorted(CORE))
def test_office_holders_cover_the_core_states(iso3: str) -> None:
    end = as_of(HOLDERS)
    for role in ("head of state", "head of government"):
        if (iso3, role) not in CORE_HEAD_GAPS:
            assert not gaps(iso3, role, first_day(CORE[iso3]), end), f"{iso3} {role}"
    if iso3 != "AFG":
        assert not gaps(iso3, "foreign minister", dt.date(2005, 1, 1), end), f"{iso3} foreign minister"


def test_office_holders_spell_known_names_both_ways() -> None:
    def forms(iso3: str, role: str) -> set[str]:
        return {f for r in holders() if r["iso3"] == iso3 and role in r["role"] for f in (r["name"], *items(r["aliases"]))}

    assert {"Kim Jong Un", "Kim Jong-un"} <= forms("PRK", "head of state")
    assert {"Volodymyr Zelensky", "Volodymyr Zelenskyy"} <= forms("UKR", "head of state")
    assert {"Recep Tayyip Erdoğan", "Recep Tayyip Erdogan"} <= forms("TUR", "head of state")
    usa = [r for r in holders() if r["iso3"] == "USA" and r["name"] == "Barack Obama"]
    assert usa and usa[0]["role"] == "head of state;head of government"


def test_heads_of_international_bodies_are_dated_terms_of_listed_bodies() -> None:
    assert header("igo_heads.tsv") == ["igo", "office", "name", "aliases", "since", "until"]
    bodies = {r["key"] for r in rows("igos.tsv")}
    terms: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for r in rows("igo_heads.tsv"):
        assert r["igo"] in bodies, r
        assert r["office"] == r["office"].lower() and r["name"], r
        assert DATE.match(r["since"]) and (not r["until"] or DATE.match(r["until"])), r
        if r["until"]:
            assert first_day(r["since"]) < last_day(r["until"]), r
        terms[(r["igo"], r["office"])].append((r["since"], r["until"]))
    for office, spans in terms.items():
        assert not overlaps(spans), (office, overlaps(spans))
    assert as_of("igo_heads.tsv") >= dt.date(2025, 1, 1)


# --- groups.yaml --------------------------------------------------------------------------------

GROUP_KINDS = {"organization", "alliance", "forum", "partnership", "region"}
GROUP_FIELDS = {"key", "name", "aliases", "adjectives", "refs", "igo", "kind", "members", "bodies", "includes"}


@lru_cache(maxsize=1)
def groups_file() -> dict:
    return yaml.safe_load((DATA / "groups.yaml").read_text(encoding="utf-8"))


def groups() -> dict[str, dict]:
    return {g["key"]: g for g in groups_file()["groups"]}


def text(value: object) -> str:
    return "" if value is None else str(value)


def members_on(key: str, day: str) -> set[str]:
    """States in a grouping on a day, with the members of the groups it includes."""
    when = dt.date.fromisoformat(day)
    group = groups()[key]
    found = {m["iso3"] for m in group["members"]
             if (not m.get("since") or first_day(text(m["since"])) <= when)
             and (not m.get("until") or when < first_day(text(m["until"])))}
    for other in group.get("includes") or []:
        found |= members_on(other, day)
    return found


def test_groups_entries_are_well_formed() -> None:
    data = groups_file()
    dt.date.fromisoformat(text(data["as_of"]))
    keys = [g["key"] for g in data["groups"]]
    assert len(keys) == len(set(keys)), "duplicate group key"
    igo_keys = {r["key"] for r in rows("igos.tsv")}
    for g in data["groups"]:
        where = f"groups.yaml {g['key']}"
        assert set(g) <= GROUP_FIELDS, f"{where}: unknown field {set(g) - GROUP_FIELDS}"
        assert re.fullmatch(r"[A-Z][A-Z0-9_]*", g["key"]) and g["name"], where
        assert g["kind"] in GROUP_KINDS, f"{where}: kind {g['kind']!r}"
        for field in ("aliases", "adjectives", "refs", "includes"):
            assert all(isinstance(v, str) and v for v in g.get(field) or []), f"{where}: {field}"
        assert not g.get("igo") or g["igo"] in igo_keys, f"{where}: igo {g['igo']} not in igos.tsv"
        assert all(other in keys and other != g["key"] for other in g.get("includes") or []), where
        assert g["members"], f"{where}: no members"
        periods = defaultdict(list)
        for m in g["members"]:
            assert set(m) <= {"iso3", "since", "until", "suspended"}, f"{where}: {m}"
            assert m["iso3"] in states(), f"{where}: {m['iso3']} is not a gazetteer state"
            since, until = text(m.get("since")), text(m.get("until"))
            check_span(f"{where} {m['iso3']}", since, until)
            periods[m["iso3"]].append((since, until))
            for s in m.get("suspended") or []:
                check_span(f"{where} {m['iso3']} suspension", text(s["since"]), text(s.get("until")))
                assert not since or first_day(text(s["since"])) >= first_day(since), f"{where}: suspended before joining"
        clashes = {iso3: found for iso3, spans in periods.items() if (found := overlaps(spans))}
        assert not clashes, f"{where}: overlapping membership {clashes}"
        for b in g.get("bodies") or []:
            assert b["igo"] in igo_keys, f"{where}: body {b['igo']}"
            check_span(f"{where} {b['igo']}", text(b.get("since")), text(b.get("until")))


def test_groups_names_are_unambiguous() -> None:
    seen: dict[str, str] = {}
    for g in groups_file()["groups"]:
        for form in {g["name"], *(g.get("aliases") or [])}:
            assert seen.setdefault(form, g["key"]) == g["key"], f"{form!r} names {seen[form]} and {g['key']}"


def test_groups_membership_on_known_dates() -> None:
    assert members_on("G7", "2024-06-01") == {"USA", "GBR", "FRA", "DEU", "ITA", "JPN", "CAN"}
    assert "RUS" in members_on("G8", "2010-01-01") and not members_on("G8", "2015-01-01")
    assert "ZAF" not in members_on("BRICS", "2010-01-01") and "ZAF" in members_on("BRICS", "2011-01-01")
    assert len(members_on("BRICS", "2024-06-01")) == 9 and "IDN" in members_on("BRICS", "2025-06-01")
    assert "GBR" in members_on("EU", "2020-01-30") and "GBR" not in members_on("EU", "2020-02-01")
    assert len(members_on("EU", "2020-02-01")) == 27
    assert "FIN" in members_on("NATO", "2023-06-01") and "SWE" not in members_on("NATO", "2023-06-01")
    assert len(members_on("NATO", "2024-06-01")) == 32
    assert {"MLI", "BFA", "NER"} <= members_on("ECOWAS", "2024-06-01")
    assert not {"MLI", "BFA", "NER"} & members_on("ECOWAS", "2025-06-01")
    assert members_on("QUAD", "2024-01-01") == {"USA", "JPN", "IND", "AUS"}
    assert members_on("P5", "2024-01-01") == {"USA", "GBR", "FRA", "CHN", "RUS"}
    assert {"SAU", "RUS", "KAZ"} <= members_on("OPEC_PLUS", "2024-01-01")
    assert "AGO" not in members_on("OPEC_PLUS", "2024-06-01")
    assert len(members_on("ASEAN", "2024-01-01")) == 10


# --- igos.tsv -----------------------------------------------------------------------------------


def test_igos_codes_and_parents() -> None:
    assert header("igos.tsv") == ["key", "name", "aliases", "role", "cameo", "code_from", "parent"]
    table = {r["key"]: r for r in rows("igos.tsv")}
    for key, r in table.items():
        where = f"igos.tsv {key}"
        assert r["name"] and r["role"] in {"international organization", "international court"}, where
        assert CAMEO.match(r["cameo"]), f"{where}: cameo {r['cameo']!r}"
        assert r["code_from"] in CODE_FROM, where
        if r["parent"]:
            assert r["parent"] in table, f"{where}: parent {r['parent']}"
            assert r["cameo"].startswith(table[r["parent"]]["cameo"]), f"{where}: code not under its parent's"


def test_igos_forms_name_one_body_and_no_state() -> None:
    state_forms = {f for r in rows("gazetteer.tsv") for f in (r["name"], *items(r["aliases"]))}
    seen: dict[str, str] = {}
    for r in rows("igos.tsv"):
        for form in {r["name"], *items(r["aliases"])}:
            assert seen.setdefault(form, r["key"]) == r["key"], f"{form!r} names {seen[form]} and {r['key']}"
            assert form not in state_forms, f"{form!r} is also a state name"


# --- nonstate_actors.tsv ------------------------------------------------------------------------

NONSTATE = "nonstate_actors.tsv"


def test_nonstate_actors_rows() -> None:
    assert header(NONSTATE) == ["key", "name", "aliases", "country", "cameo", "sector", "kind", "parent",
                                "since", "until", "code_from"]
    table = rows(NONSTATE)
    keys = {r["key"] for r in table}
    periods = defaultdict(list)
    for r in table:
        where = f"{NONSTATE} {r['key']}"
        assert re.fullmatch(r"[A-Z][A-Z0-9_]*", r["key"]) and r["name"] and r["kind"], where
        assert not r["country"] or r["country"] in states(), f"{where}: country {r['country']}"
        assert CAMEO.match(r["cameo"]), f"{where}: cameo {r['cameo']!r}"
        assert r["sector"] in sectors(), f"{where}: sector {r['sector']}"
        if r["country"] and r["cameo"].startswith(r["country"]) and len(r["cameo"]) > 3:
            assert r["cameo"][3:6] == r["sector"], f"{where}: the code's role is not its sector"
        assert not r["parent"] or (r["parent"] in keys and r["parent"] != r["key"]), f"{where}: parent"
        assert r["code_from"] in CODE_FROM, where
        check_span(where, r["since"], r["until"])
        periods[r["key"]].append((r["since"], r["until"]))
    clashes = {key: found for key, spans in periods.items() if (found := overlaps(spans))}
    assert not clashes, f"rows of one key overlap: {clashes}"


def test_nonstate_actors_forms_name_one_actor() -> None:
    elsewhere = {f for name in ("igos.tsv", "gazetteer.tsv") for r in rows(name) for f in (r["name"], *items(r["aliases"]))}
    seen: dict[str, str] = {}
    for r in rows(NONSTATE):
        for form in {r["name"], *items(r["aliases"])}:
            assert seen.setdefault(form, r["key"]) == r["key"], f"{form!r} names {seen[form]} and {r['key']}"
            assert form not in elsewhere, f"{form!r} also names a state or an international body"


def test_armed_groups_live_in_the_nonstate_table_only() -> None:
    forms = {f for r in rows(NONSTATE) for f in (r["name"], *items(r["aliases"]))}
    listed = rows("gazetteer_orgs.tsv")
    assert not [r["name"] for r in listed if r["role"] == "armed group" or r["sector"] in {"REB", "INS", "SEP", "UAF"}]
    assert not [r["name"] for r in listed if r["name"] in forms], "nonstate_actors.tsv rows replace gazetteer_orgs.tsv rows"


def test_taliban_code_follows_its_role() -> None:
    taliban = [r for r in rows(NONSTATE) if r["key"] == "TALIBAN"]
    ruling = [r for r in taliban if r["since"] and first_day(r["since"]) <= dt.date(2022, 1, 1)
              and (not r["until"] or dt.date(2022, 1, 1) < first_day(r["until"]))]
    assert [r["cameo"] for r in ruling] == ["AFGGOVTAL"]


# --- collectives.tsv and cameo_sectors.tsv -------------------------------------------------------


def test_collectives_rows() -> None:
    assert header("collectives.tsv") == ["forms", "country", "use", "sector", "cameo", "code_from"]
    seen: set[str] = set()
    for r in rows("collectives.tsv"):
        where = f"collectives.tsv {r['forms']}"
        forms = items(r["forms"])
        assert forms and not seen & set(forms), f"{where}: empty or repeated form"
        seen |= set(forms)
        assert not r["country"] or r["country"] in states(), where
        assert r["use"] in {"state", "people", "faith"}, where
        assert CAMEO.match(r["cameo"]) and r["code_from"] in CODE_FROM, where
        if r["use"] == "state":
            assert r["country"] and r["cameo"] == r["country"] and not r["sector"], where
        else:
            assert r["sector"] in sectors(), where
    palestinians = next(r for r in rows("collectives.tsv") if "Palestinians" in items(r["forms"]))
    assert palestinians["country"] == "PSE"


def test_cameo_sectors_cover_every_sector_in_use() -> None:
    table = rows("cameo_sectors.tsv")
    codes = [r["code"] for r in table]
    assert len(codes) == len(set(codes)) and all(re.fullmatch(r"[A-Z]{3}", c) for c in codes)
    assert all(r["meaning"] and r["level"] in {"primary", "secondary", "tertiary", "party", "international"} for r in table)
    for r in table:
        assert all(w == w.lower() for w in items(r["words"])), r["code"]
    used = {(name, r["sector"]) for name in ("titles.tsv", "titles_orgs.tsv", "titles_groups.tsv", "gazetteer_orgs.tsv")
            for r in rows(name) if r["sector"] != "-"}
    missing = sorted((name, code) for name, code in used if code not in sectors())
    assert not missing, f"sector codes used but not defined in cameo_sectors.tsv: {missing}"


def test_state_codes_are_iso3() -> None:
    known = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
    assert states() <= known


def test_reference_tables_are_documented() -> None:
    page = (ROOT / "docs" / "data-actors.md").read_text(encoding="utf-8")
    for name in (HOLDERS, "groups.yaml", "igos.tsv", NONSTATE, "collectives.tsv", "cameo_sectors.tsv"):
        assert f"`{name}`" in page, f"{name} is not described in docs/data-actors.md"
