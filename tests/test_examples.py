"""The embedded example corpus has what later features need to show."""

from __future__ import annotations

import datetime as dt
import re
from itertools import combinations
from pathlib import Path

import pytest
import yaml

from dyad.examples import example_files

NEAR_COPY = 0.8  # word 5-gram Jaccard, the default near_copy_threshold


def parse(path: Path) -> tuple[dict, str]:
    """(front matter, body) of one example article."""
    text = path.read_text(encoding="utf-8")
    match = re.match(r"---\n(.*?)\n---\n(.*)", text, re.S)
    assert match, f"{path.name}: no YAML front matter"
    return yaml.safe_load(match.group(1)), match.group(2)


def shingles(text: str, n: int = 5) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.casefold())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def jaccard(a: str, b: str) -> float:
    x, y = shingles(a), shingles(b)
    return len(x & y) / len(x | y)


ARTICLES = {p.name: parse(p) for p in example_files()}


def lee_visit_reports() -> dict[str, str]:
    """Articles about Lee's January 2026 trip to Beijing, by file name."""
    return {
        name: body
        for name, (meta, body) in ARTICLES.items()
        if dt.date(2026, 1, 1) <= meta["published"] <= dt.date(2026, 1, 10)
        and "Lee" in body
        and "Beijing" in body
    }


def test_at_least_ten_articles() -> None:
    assert len(ARTICLES) >= 10


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_front_matter_and_length(name: str) -> None:
    meta, body = ARTICLES[name]
    assert meta.get("title") and meta.get("outlet"), name
    assert isinstance(meta.get("published"), dt.date), f"{name}: published must be an ISO date"
    assert meta.get("language") == "en"
    assert str(meta.get("url", "")).startswith("https://example.org/"), f"{name}: url must be fictional"
    assert 200 <= len(body.split()) <= 450, f"{name}: {len(body.split())} words"


def test_several_outlets() -> None:
    assert len({meta["outlet"] for meta, _ in ARTICLES.values()}) >= 5


def test_exactly_one_near_copy_pair() -> None:
    pairs = [
        (a, b, jaccard(ARTICLES[a][1], ARTICLES[b][1])) for a, b in combinations(sorted(ARTICLES), 2)
    ]
    near = [p for p in pairs if p[2] >= NEAR_COPY]
    assert len(near) == 1, near
    a, b, _ = near[0]
    assert ARTICLES[a][0]["outlet"] != ARTICLES[b][0]["outlet"]
    assert ARTICLES[a][0]["title"] != ARTICLES[b][0]["title"]
    # Every other pair is clearly distinct, so the near-copy test is not a borderline call.
    assert max(p[2] for p in pairs if p[2] < NEAR_COPY) < 0.3


def test_lee_visit_reported_by_three_outlets() -> None:
    reports = lee_visit_reports()
    outlets = {ARTICLES[name][0]["outlet"] for name in reports}
    assert len(reports) >= 3 and len(outlets) >= 3, sorted(reports)


def test_lee_visit_reports_differ_in_a_figure_and_in_framing() -> None:
    bodies = list(lee_visit_reports().values())
    troops = {m for body in bodies for m in re.findall(r"(\d\d,\d{3}) (?:US|American) troops", body)}
    assert len(troops) >= 2, troops
    assert any("not natural allies" in b for b in bodies)
    assert any(re.search(r"partners (?:drifting|in all but name)", b) for b in bodies)


def test_a_preview_of_planned_events() -> None:
    cues = re.compile(r"\b(?:is set to|will|could|plans to|may|might|if\b[^.]*\bwere to)\b", re.I)
    counts = {name: len(cues.findall(body)) for name, (_, body) in ARTICLES.items()}
    assert max(counts.values()) >= 8, counts


def test_quotes_have_named_speakers() -> None:
    said = re.compile(r"\u201d?\"?,? said [A-Z][a-z]+(?:[- ][A-Z][a-z]+)+")
    assert sum(len(said.findall(body)) for _, body in ARTICLES.values()) >= 8


def test_no_seed_sentences_copied(shared_seeds: Path) -> None:
    """No run of 8 words is shared with a seed article (names and stock phrases are shorter)."""
    seeds: set[tuple[str, ...]] = set()
    for path in shared_seeds.glob("*.txt"):
        seeds |= shingles(path.read_text(encoding="utf-8"), 8)
    for name, (_, body) in ARTICLES.items():
        copied = shingles(body, 8) & seeds
        assert not copied, f"{name}: {[' '.join(c) for c in copied]}"
