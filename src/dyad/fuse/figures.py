"""Figures: claims about one measured thing grouped, their consensus value, and where sources disagree.

Two claims measure the same thing when they have the same unit and the same
states and come from documents published in the same month
(`ClaimFeature.block`: a figure is what sources said that month, so a number
repeated for years is one figure a month, and a group never grows without
bound), are about the same moment (`same_moment`: their own times, "in 2019",
"by 2030", "since 2016", overlap; a claim whose text gives no time is about
its publication day, as near as `window_days`), and say what they measure in
similar words, or (with states named) give agreeing values; naming no state,
they must give agreeing values too. A figure is a connected group of such
claims. Its consensus value is the one the most independent
sources support, exactly or within their qualifiers ("some 28,000" supports
28,500 and 28,500 supports it back; four sources giving 28,500 outweigh one
giving 28,000). A claim that cannot be true together with the consensus is a
contradiction when it names states and a specific subject, in a unit that is
not a duration or a distance.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from dyad.figures import unit_singular
from dyad.fuse.config import fusion_config
from dyad.fuse.linking import UnionFind, candidate_pairs
from dyad.stored.fusion_items import ClaimFeature, ContradictionItem


@lru_cache(maxsize=1)
def _unit_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for canonical, spellings in (fusion_config().get("unit_aliases") or {}).items():
        table[canonical.casefold()] = canonical
        for s in spellings:
            table[str(s).casefold()] = canonical
    return table


@lru_cache(maxsize=4096)
def normalise_unit(unit: str) -> str:
    """`$`/`dollars` -> USD, `%`/`percent` -> share, else lower-case singular (through an inflection
    table: "countries" -> "country", "crises" -> "crisis")."""
    key = unit.strip().casefold()
    table = _unit_table()
    if key in table:
        return table[key]
    single = unit_singular(key)
    return table.get(single, single)


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")


@lru_cache(maxsize=65536)
def content_words(text: str) -> str:
    """Lower-cased words of a text without stop words or numbers, for fuzzy comparison."""
    stop = _stop_words()
    return " ".join(w for w in (m.group(0).casefold() for m in _WORD.finditer(text)) if w not in stop)


def subject_words(about: str | None, unit: str) -> str:
    """What a claim measures beyond its unit: "American troops" in troops -> "american"."""
    if not about:
        return ""
    own = {unit.casefold(), normalise_unit(unit).casefold()}
    words = [w for w in content_words(about).split() if normalise_unit(w).casefold() not in own]
    return " ".join(words)


@lru_cache(maxsize=1)
def _approx_tolerance() -> float:
    return float(fusion_config().get("approx_tolerance", 0.0))


def values_agree(a: float, b: float, tolerance: float, approx: bool = False) -> bool:
    """Relative difference within tolerance (a wider one when either figure is approximate)."""
    if approx:
        tolerance = max(tolerance, _approx_tolerance())
    scale = max(abs(a), abs(b))
    return scale == 0 or abs(a - b) <= tolerance * scale


@lru_cache(maxsize=1)
def _bounds() -> tuple[frozenset[str], frozenset[str]]:
    config = fusion_config()
    return (frozenset(s.casefold() for s in config.get("lower_bound_qualifiers", [])),
            frozenset(s.casefold() for s in config.get("upper_bound_qualifiers", [])))


@lru_cache(maxsize=1024)
def bound(qualifier: str | None) -> str:
    """'lower' for "more than X", 'upper' for "nearly X", else 'point'."""
    q = (qualifier or "").strip().casefold()
    if not q:
        return "point"
    lower, upper = _bounds()
    return "lower" if q in lower else "upper" if q in upper else "point"


def consistent(a: ClaimFeature, b: ClaimFeature, tolerance: float) -> bool:
    """Whether two values of one figure can both be true, their qualifiers taken into account."""
    if a.value == b.value or values_agree(a.value, b.value, tolerance, a.approx or b.approx):  # == for infinities
        return True
    low, high = (a, b) if a.value < b.value else (b, a)
    # the smaller is a lower bound ("more than 10" vs 12), or the larger an upper bound ("nearly 12" vs 10)
    return bound(low.qualifier) == "lower" or bound(high.qualifier) == "upper"


@dataclass(frozen=True)
class FigureRules:
    tolerance: float = 0.02
    window_days: int = 31
    contradiction_days: int = 14  # claims this far apart in time are about the same moment
    min_similarity: float = 70.0
    excluded_units: frozenset[str] = frozenset()


def words_similarity(a: str, b: str) -> float:
    return float(fuzz.token_set_ratio(a, b)) if a and b else 0.0


def same_moment(x: ClaimFeature, y: ClaimFeature, days: int) -> bool:
    """Whether two claims can be about one moment. Both dated by their text: their times overlap, and a total
    over a period ("since 2016", "in the first quarter") is never the figure of one time in it ("in 2019").
    Either dated only by its publication: their days (own or publication) are at most `days` apart. With no
    day at all, only claims of one document."""
    if x.span is None or y.span is None:
        return x.doc_id == y.doc_id
    if x.own_time and y.own_time:
        if x.period != y.period:
            return False
        days = 0
    gap = dt.timedelta(days=days)
    return x.span[0] <= y.span[1] + gap and y.span[0] <= x.span[1] + gap


def linked(x: ClaimFeature, y: ClaimFeature, rules: FigureRules) -> bool:
    """Two claims of one block (unit and states) measure the same thing."""
    if not same_moment(x, y, rules.window_days):
        return False
    if not x.actors and not values_agree(x.value, y.value, rules.tolerance, x.approx or y.approx):
        # naming no state, two different values are two things that share a noun ("eight security
        # personnel" injured in one attack, "at least one" killed in another), not one thing in dispute
        return False
    if x.words and y.words:
        needed = rules.min_similarity if x.actors else max(rules.min_similarity, 85.0)
        return words_similarity(x.words, y.words) >= needed
    # nothing says what one of them measures: only the same value about the same named states ties them
    return bool(x.actors) and values_agree(x.value, y.value, rules.tolerance, x.approx or y.approx)


def claim_order(c: ClaimFeature) -> tuple[Any, ...]:
    return (c.published is None, c.published, c.doc_id, c.idx)


def _value_groups(claims: Sequence[ClaimFeature]) -> list[tuple[ClaimFeature, set[str]]]:
    """Claims that say the same thing the same way (value, approximation, qualifier): one representative
    each, with the independent sources saying it. Consensus compares these few, not every pair of claims."""
    groups: dict[tuple[float, bool, str], tuple[ClaimFeature, set[str]]] = {}
    for c in sorted(claims, key=claim_order):
        key = (round(c.value, 9), c.approx, bound(c.qualifier))
        groups.setdefault(key, (c, set()))[1].add(c.source_key)
    return list(groups.values())


def consensus(claims: Sequence[ClaimFeature], tolerance: float) -> ClaimFeature:
    """The claim whose value the most independent sources support (their own value can be true with it),
    then the most give as it is, then within tolerance; a point value before a bound or an approximation,
    then the smallest value."""
    groups = _value_groups(claims)

    def rank(rep: ClaimFeature) -> tuple[Any, ...]:
        near: set[str] = set()
        same: set[str] = set()
        close: set[str] = set()
        for other, sources in groups:
            if consistent(rep, other, tolerance):
                near |= sources
            if values_agree(rep.value, other.value, 1e-9):
                same |= sources
            if values_agree(rep.value, other.value, tolerance):
                close |= sources
        return (-len(near), -len(same), -len(close), bound(rep.qualifier) != "point", rep.approx, rep.value,
                *claim_order(rep))

    return min((rep for rep, _ in groups), key=rank)


def _clash(a: Sequence[ClaimFeature], b: Sequence[ClaimFeature], tolerance: float) -> bool:
    """Whether one text (a document and its near-copies) gives, across a and b, two values that cannot
    both be true: two numbers of one article are two things it measures, never one figure."""
    texts = {c.original for c in a}
    return any(x.original == y.original and not consistent(x, y, tolerance)
               for y in b if y.original in texts for x in a)


def split(members: Sequence[ClaimFeature], rules: FigureRules) -> list[list[ClaimFeature]]:
    """A connected group of claims as figures: whole unless one text in it gives two values that cannot
    both be true; then merged back along its links, closest first (agreeing values, then the most similar
    subjects), never joining two parts that hold such values. Depends on the group only."""
    ordered = sorted(members, key=claim_order)
    if not _clash(ordered, ordered, rules.tolerance):
        return [ordered]
    edges = sorted(
        (not values_agree(ordered[i].value, ordered[j].value, rules.tolerance), -words_similarity(ordered[i].words, ordered[j].words), i, j)
        for i, j in candidate_pairs(ordered, [True] * len(ordered), rules.window_days)
        if linked(ordered[i], ordered[j], rules)
    )
    uf = UnionFind()
    parts: dict[object, list[ClaimFeature]] = {i: [c] for i, c in enumerate(ordered)}
    for *_, i, j in edges:
        a, b = uf.find(i), uf.find(j)
        if a != b and not _clash(parts[a], parts[b], rules.tolerance):
            uf.union(a, b)
            parts[a] = parts[a] + parts.pop(b)
    return [sorted(p, key=claim_order) for p in sorted(parts.values(), key=lambda p: claim_order(min(p, key=claim_order)))]


def figure_id(block: str, first: ClaimFeature) -> str:
    return "F" + hashlib.sha1(f"{block}|{first.doc_id}|{first.idx}".encode()).hexdigest()[:12]


def figure_rows(
    claims: Sequence[ClaimFeature], cluster: str, rules: FigureRules, outlets: dict[str, str | None],
) -> tuple[dict[str, object], list[dict[str, object]]]:
    """The `figures` row of one group of claims and its `figure_claims` rows."""
    ordered = sorted(claims, key=claim_order)
    best = consensus(ordered, rules.tolerance)
    agree = [c for c in ordered if consistent(best, c, rules.tolerance)]
    agreeing = {(c.doc_id, c.idx) for c in agree}
    fid = figure_id(ordered[0].block, ordered[0])
    published = [c.published for c in ordered if c.published]
    qualifiers = sorted({c.qualifier for c in agree if c.qualifier})
    n_sources = len({c.source_key for c in agree})
    lead = agree[0]
    row: dict[str, object] = {
        "id": fid, "cluster": cluster, "unit": best.unit, "actors": list(best.actors),
        "about": lead.about or best.about, "value": best.value, "qualifier": ", ".join(qualifiers) or None,
        "approx": any(c.approx for c in agree), "n_claims": len(ordered), "n_sources": n_sources,
        "n_sources_all": len({c.source_key for c in ordered}), "n_values": len({round(c.value, 9) for c in ordered}),
        "single_source": n_sources == 1, "first_seen": min(published) if published else None,
        "last_seen": max(published) if published else None,
        "outlets": sorted({o for c in ordered if (o := outlets.get(c.doc_id))}),
        "lead_doc": lead.doc_id, "lead_idx": lead.idx,
    }
    members: list[dict[str, object]] = [
        {"figure_id": fid, "cluster": cluster, "doc_id": c.doc_id, "idx": c.idx, "block": c.block, "value": c.value,
         "agrees": (c.doc_id, c.idx) in agreeing, "source_key": c.source_key, "published": c.published,
         "words": c.words}
        for c in ordered
    ]
    return row, members


def _fmt(value: float, unit: str, qualifier: str | None) -> str:
    if unit == "share":
        text = f"{value:.1%}"
    else:
        text = f"{value:,.0f} {unit}" if value == int(value) else f"{value:,.3g} {unit}"
    return f"{qualifier} {text}" if qualifier else text


def contradictions(claims: Sequence[ClaimFeature], fid: str, rules: FigureRules) -> list[ContradictionItem]:
    """Each document whose claim cannot be true with the consensus, against the first consensus claim
    of another document (not a copy of it) about the same specific thing at the same moment (their own
    times overlap; dated only by publication, within `contradiction_days` of it)."""
    ordered = sorted(claims, key=claim_order)
    best = consensus(ordered, rules.tolerance)
    if best.unit in rules.excluded_units or not best.actors:
        return []
    agree = [c for c in ordered if consistent(best, c, rules.tolerance)]
    agreeing = {(c.doc_id, c.idx) for c in agree}
    out: dict[str, ContradictionItem] = {}
    for c in ordered:
        if (c.doc_id, c.idx) in agreeing or c.doc_id in out or not c.words:
            continue
        for d in agree:
            if d.original == c.original or not d.words or d.span is None or c.span is None:
                continue
            if not same_moment(c, d, rules.contradiction_days):
                continue
            if words_similarity(c.words, d.words) < rules.min_similarity or consistent(c, d, rules.tolerance):
                continue
            day = max(x for x in (c.published, d.published) if x is not None) if c.published or d.published else None
            out[c.doc_id] = ContradictionItem(
                "figure", fid, f"{d.about or d.words} ({d.unit})", d.actors[0], d.actors[1] if len(d.actors) > 1 else "",
                d.doc_id, "claims", d.idx, _fmt(d.value, d.unit, d.qualifier),
                c.doc_id, "claims", c.idx, _fmt(c.value, c.unit, c.qualifier), day,
            )
            break
    return list(out.values())
