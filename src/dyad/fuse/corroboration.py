"""Independent sources, and claims grouped into figures that sources corroborate.

Two documents are the same source when they share an outlet or one is a
near-copy of the other (or both copy one original): a republished wire story
counts once. A claim's subject is its normalised unit, its `about` text and
its actors; figures of one subject agree within a relative tolerance.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from dyad.figures import unit_singular
from dyad.fuse.config import fusion_config
from dyad.stored import ClaimItem, DocInfo

# -- independent sources ------------------------------------------------------------


def source_groups(docs: Iterable[DocInfo]) -> list[list[DocInfo]]:
    """Partition documents into independent sources (same outlet or near-copies merge)."""
    unique = list({d.id: d for d in docs}.values())
    parent = list(range(len(unique)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_by: dict[tuple[str, str], int] = {}
    for i, d in enumerate(unique):
        for key in (("outlet", d.outlet.casefold()), ("copy", d.copy_root)):
            if key in first_by:
                parent[find(i)] = find(first_by[key])
            else:
                first_by[key] = i
    groups: dict[int, list[DocInfo]] = {}
    for i, d in enumerate(unique):
        groups.setdefault(find(i), []).append(d)
    return list(groups.values())


def n_sources(docs: Iterable[DocInfo]) -> int:
    """How many independent sources these documents are."""
    return len(source_groups(docs))


# -- claims -------------------------------------------------------------------------


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
    table: "countries" -> "country", never "countrie")."""
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


def subject_similarity(a: str | None, b: str | None) -> float:
    """0..100 similarity of two `about` texts (0 when either is missing)."""
    if not a or not b:
        return 0.0
    return float(fuzz.token_set_ratio(content_words(a), content_words(b)))


def values_agree(a: float, b: float, tolerance: float, approx: bool = False) -> bool:
    """Relative difference within tolerance (a wider one when either figure is approximate)."""
    if approx:
        tolerance = max(tolerance, float(fusion_config().get("approx_tolerance", 0.0)))
    scale = max(abs(a), abs(b))
    return scale == 0 or abs(a - b) <= tolerance * scale


def bound(claim: ClaimItem) -> str:
    """'lower' for "more than X", 'upper' for "nearly X", else 'point'."""
    q = (claim.qualifier or "").strip().casefold()
    if not q:
        return "point"
    config = fusion_config()
    if q in {s.casefold() for s in config.get("lower_bound_qualifiers", [])}:
        return "lower"
    if q in {s.casefold() for s in config.get("upper_bound_qualifiers", [])}:
        return "upper"
    return "point"


def consistent(a: ClaimItem, b: ClaimItem, tolerance: float) -> bool:
    """Whether two figures of one subject can both be true (bounds taken into account)."""
    if values_agree(a.value, b.value, tolerance, a.approx or b.approx):
        return True
    low, high = (a, b) if a.value < b.value else (b, a)
    # the smaller is a lower bound ("more than 10" vs 12), or the larger an upper bound ("nearly 12" vs 10)
    return bound(low) == "lower" or bound(high) == "upper"


def actors_compatible(a: Sequence[str], b: Sequence[str]) -> bool:
    """Claims about overlapping actors, or where either names no actor."""
    return not a or not b or bool(set(a) & set(b))


@dataclass
class Figure:
    """One value of one subject, with every claim that states it."""

    subject: int  # index of the subject group
    unit: str
    value: float
    claims: list[ClaimItem] = field(default_factory=list)

    @property
    def docs(self) -> list[DocInfo]:
        return list({c.doc.id: c.doc for c in self.claims}.values())

    @property
    def n_sources(self) -> int:
        return n_sources(self.docs)

    @property
    def single_source(self) -> bool:
        return self.n_sources == 1

    @property
    def about(self) -> str | None:
        return next((c.about for c in self.claims if c.about), None)

    @property
    def outlets(self) -> list[str]:
        return sorted({d.outlet for d in self.docs})


def same_subject(a: ClaimItem, b: ClaimItem, tolerance: float, min_similarity: float | None = None) -> bool:
    """Two claims measure the same thing: same unit, compatible actors, similar `about`.

    A claim without `about` joins another of its unit and actors only when
    their values agree (a repeated figure), since nothing else says what it measures.
    """
    if min_similarity is None:
        min_similarity = float(fusion_config()["claim_subject_min_similarity"])
    if normalise_unit(a.unit) != normalise_unit(b.unit) or not actors_compatible(a.actors, b.actors):
        return False
    if a.about and b.about:
        return subject_similarity(a.about, b.about) >= min_similarity
    return values_agree(a.value, b.value, tolerance, a.approx or b.approx)


def subjects(claims: Sequence[ClaimItem], tolerance: float) -> list[list[ClaimItem]]:
    """Claims partitioned into subjects (single-link over same_subject)."""
    parent = list(range(len(claims)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_unit: dict[str, list[int]] = {}
    for i, c in enumerate(claims):
        by_unit.setdefault(normalise_unit(c.unit), []).append(i)
    for members in by_unit.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if find(i) != find(j) and same_subject(claims[i], claims[j], tolerance):
                    parent[find(j)] = find(i)
    groups: dict[int, list[ClaimItem]] = {}
    for i, c in enumerate(claims):
        groups.setdefault(find(i), []).append(c)
    return list(groups.values())


def figures(claims: Sequence[ClaimItem], tolerance: float) -> list[Figure]:
    """Every claim placed in one figure: its subject and a value the others agree with.

    Within a subject, values are taken smallest first; a figure holds the values
    within tolerance of its smallest one.
    """
    out: list[Figure] = []
    for s, group in enumerate(subjects(claims, tolerance)):
        current: Figure | None = None
        for c in sorted(group, key=lambda c: (c.value, c.doc.id, c.idx)):
            if current is None or not values_agree(current.value, c.value, tolerance, c.approx or any(x.approx for x in current.claims)):
                current = Figure(subject=s, unit=normalise_unit(c.unit), value=c.value)
                out.append(current)
            current.claims.append(c)
    return out
