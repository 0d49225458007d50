"""The fusion gold files (quality/fusion/*.jsonl) are well formed and consistent, as docs/fusion-gold.md says."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

from dyad.examples import example_files

ROOT = Path(__file__).resolve().parents[1]
FUSION = ROOT / "quality" / "fusion"
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"

STORY_KEYS = {"kind", "id", "pair", "root", "code", "when", "until", "status", "part_of", "note", "mentions"}
STORY_REQUIRED = {"kind", "id", "pair", "root", "when", "status", "note", "mentions"}
MENTION_KEYS = {"doc", "source", "target", "root", "code", "realis", "negated", "when"}
MENTION_REQUIRED = {"doc", "source", "target", "root", "code", "realis"}
CONTRADICTION_KEYS = {"kind", "type", "subject", "pair", "relation", "story", "a", "b", "note"}
STATUSES = {"happened", "planned", "denied"}
RELATION_TYPES = {"ally", "partner", "depends_on", "supports", "rival", "neutral"}
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
WHEN = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def _data_rows(name: str) -> list[list[str]]:
    text = resources.files("dyad.data").joinpath(name).read_text(encoding="utf-8")
    return [row for row in csv.reader(text.splitlines(), delimiter="\t") if row and not row[0].startswith("#")]


STATES = {row[0] for row in _data_rows("gazetteer.tsv")}
CODES = {row[0] for row in _data_rows("cameo_codes.tsv") if re.fullmatch(r"\d{3}", row[0])}
ROOTS = {code[:2] for code in CODES}
EXAMPLE_DOCS = {path.name for path in example_files()}


def read(name: str) -> list[dict]:
    """The records of one gold file; a line that is not a JSON object fails with its number."""
    records = []
    for number, line in enumerate((FUSION / name).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            record = json.loads(line)
            assert isinstance(record, dict), f"{name}:{number}: not an object"
            records.append(record)
    return records


def stories(records: list[dict]) -> list[dict]:
    return [r for r in records if r["kind"] == "story"]


def contradictions(records: list[dict]) -> list[dict]:
    return [r for r in records if r["kind"] == "contradiction"]


def start(when: str) -> dt.date:
    """The first day of a date, month or year."""
    parts = [int(p) for p in when.split("-")] + [1, 1]
    return dt.date(*parts[:3])


def check_when(value: object, where: str) -> None:
    assert isinstance(value, str) and WHEN.fullmatch(value), f"{where}: bad date {value!r}"
    start(value)  # raises on an impossible date


def check_mention(m: dict, story: dict, docs: set[str] | None) -> None:
    where = f"{story['id']}: mention {m}"
    assert MENTION_REQUIRED <= m.keys() <= MENTION_KEYS, f"{where}: keys"
    if docs is not None:
        assert m["doc"] in docs, f"{where}: no such document"
    assert {m["source"], m["target"]} == set(story["pair"]), f"{where}: not the story's pair"
    assert m["root"] in ROOTS and m["code"] in CODES and m["code"].startswith(m["root"]), f"{where}: code"
    assert isinstance(m["realis"], bool), f"{where}: realis must be true or false"
    if "negated" in m:
        assert m["negated"] is True and m["realis"] is False, f"{where}: only an irrealis mention is negated"
    if "when" in m:
        check_when(m["when"], where)


def check_story(s: dict, docs: set[str] | None) -> None:
    where = s.get("id", s)
    assert STORY_REQUIRED <= s.keys() <= STORY_KEYS, f"{where}: keys {sorted(s)}"
    assert SLUG.fullmatch(s["id"]), f"{where}: id must be a lower-case slug"
    assert isinstance(s["pair"], list) and len(s["pair"]) == 2 and set(s["pair"]) <= STATES, f"{where}: pair"
    assert s["root"] in ROOTS, f"{where}: root"
    if "code" in s:
        assert s["code"] in CODES and s["code"].startswith(s["root"]), f"{where}: code"
    if s["when"] is not None:
        check_when(s["when"], where)
    if "until" in s:
        assert s["when"] is not None, f"{where}: until without when"
        check_when(s["until"], where)
        assert start(s["until"]) >= start(s["when"]), f"{where}: until before when"
    if "part_of" in s:
        assert SLUG.fullmatch(s["part_of"]), f"{where}: part_of must be a slug"
    assert isinstance(s["note"], str) and s["note"].strip() and "\n" not in s["note"], f"{where}: note"
    assert s["mentions"], f"{where}: a story needs at least one mention"
    for m in s["mentions"]:
        check_mention(m, s, docs)
    facets = Counter(
        (m["doc"], m["source"], m["target"], m["code"], m["realis"], m.get("negated", False), m.get("when"))
        for m in s["mentions"]
    )
    assert max(facets.values()) == 1, f"{where}: the same report twice in one document"


def check_status(s: dict) -> None:
    realis = any(m["realis"] for m in s["mentions"])
    negated = any(m.get("negated") for m in s["mentions"])
    expected = "happened" if realis else "denied" if negated else "planned"
    assert s["status"] in STATUSES, f"{s['id']}: status {s['status']!r}"
    assert s["status"] == expected, f"{s['id']}: status {s['status']} but the mentions say {expected}"


def check_contradiction(c: dict, by_id: dict[str, dict], docs: set[str] | None) -> None:
    assert c.keys() <= CONTRADICTION_KEYS and {"type", "a", "b", "note"} <= c.keys(), f"keys {sorted(c)}"
    a, b = c["a"], c["b"]
    assert a["doc"] != b["doc"], f"{c}: a contradiction needs two documents"
    if docs is not None:
        assert {a["doc"], b["doc"]} <= docs, f"{c}: no such document"
    assert isinstance(c["note"], str) and c["note"].strip(), f"{c}: note"
    if c["type"] == "figure":
        assert isinstance(c.get("subject"), str) and c["subject"].strip(), f"{c}: subject"
        for side in (a, b):
            assert side.keys() <= {"doc", "value", "unit", "approx"}, side
            assert isinstance(side["value"], int | float) and isinstance(side["unit"], str), side
        assert a["unit"] == b["unit"] and a["value"] != b["value"], f"{c}: same unit, different values"
    elif c["type"] == "relation":
        assert set(c["pair"]) <= STATES and len(c["pair"]) == 2, f"{c}: pair"
        assert c["relation"] in RELATION_TYPES, f"{c}: relation type"
        assert {a["polarity"], b["polarity"]} == {"+", "-"}, f"{c}: one side asserts, the other denies"
    elif c["type"] == "realis":
        story = by_id[c["story"]]
        assert {a["realis"], b["realis"]} == {True, False}, f"{c}: one side happened, the other not"
        for side in (a, b):
            assert any(
                m["doc"] == side["doc"] and m["realis"] == side["realis"] for m in story["mentions"]
            ), f"{c}: {side['doc']} has no such mention of {story['id']}"
    else:
        pytest.fail(f"{c}: unknown contradiction type {c['type']!r}")


def check_file(name: str, docs: set[str] | None) -> list[dict]:
    records = read(name)
    assert {r.get("kind") for r in records} <= {"story", "contradiction"}, f"{name}: unknown kind"
    ids = [s["id"] for s in stories(records)]
    assert len(ids) == len(set(ids)), f"{name}: duplicate ids {[i for i, n in Counter(ids).items() if n > 1]}"
    by_id = {s["id"]: s for s in stories(records)}
    for s in stories(records):
        check_story(s, docs)
        check_status(s)
    for c in contradictions(records):
        check_contradiction(c, by_id, docs)
    return records


def test_examples_gold_is_valid() -> None:
    check_file("examples.jsonl", EXAMPLE_DOCS)


def test_seeds_gold_is_valid() -> None:
    docs = {p.name for p in SEEDS.glob("*.txt")} if SEEDS.is_dir() else None
    check_file("seeds.jsonl", docs)


def test_seeds_gold_copies_no_text() -> None:
    """Notes and subjects are our own words: no run of five words from a seed article."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not present")

    def grams(text: str) -> set[tuple[str, ...]]:
        words = re.findall(r"[a-z0-9]+", text.casefold())
        return {tuple(words[i : i + 5]) for i in range(len(words) - 4)}

    seed_grams = set().union(*(grams(p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt")))
    for record in read("seeds.jsonl"):
        for text in (record.get("note", ""), record.get("subject", "")):
            shared = grams(text) & seed_grams
            assert not shared, f"{record.get('id', record)}: words taken from a seed: {sorted(shared)[0]}"


def test_examples_gold_holds_what_the_corpus_was_written_for() -> None:
    """The visit reported by several outlets, a preview, the near-copy, the two disagreements."""
    records = read("examples.jsonl")
    multi = [s for s in stories(records) if len({m["doc"] for m in s["mentions"]}) >= 5]
    assert multi, "no story reported by five or more documents"
    assert any(s["status"] == "happened" and not all(m["realis"] for m in s["mentions"]) for s in multi)
    copy, original = "10-north-korea-missiles-syndicated.md", "09-north-korea-missiles.md"
    for s in stories(records):
        docs = {m["doc"] for m in s["mentions"]}
        assert (copy in docs) == (original in docs), f"{s['id']}: the near-copy and its original differ"
    assert Counter(c["type"] for c in contradictions(records)) == {"figure": 1, "relation": 1}


def test_checks_catch_a_status_that_the_mentions_contradict() -> None:
    """A preview alone never makes a story happened."""
    preview = {"doc": "a.md", "source": "KOR", "target": "JPN", "root": "04", "code": "042", "realis": False}
    story = {"kind": "story", "id": "made-up-visit", "pair": ["KOR", "JPN"], "root": "04", "when": None}
    story |= {"status": "happened", "note": "an invented visit", "mentions": [preview]}
    check_story(story, None)
    with pytest.raises(AssertionError, match="status happened"):
        check_status(story)
