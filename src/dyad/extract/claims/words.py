"""Number words, qualifiers and units for the claims stage, read once from data files."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from dyad.codes import load_yaml


@dataclass(frozen=True)
class Collective:
    value: float
    unit: str | None = None
    needs_number: bool = False
    approx: bool = False  # "a couple of"


@dataclass(frozen=True)
class Synonym:
    unit: str
    factor: float = 1.0


@dataclass(frozen=True)
class NumberWords:
    cardinals: dict[str, float]
    multipliers: dict[str, float]
    collectives: dict[str, Collective]
    fractions: dict[str, float]
    denominators: dict[str, float]
    qualifiers: tuple[tuple[str, ...], ...]  # token sequences, longest first
    qualifier_kinds: dict[str, str]  # "more than" -> lower, "up to" -> upper, "about" -> approx
    multiples: dict[str, float]  # "twice" -> 2 (unit "times")
    span_adjectives: dict[str, str]  # "yearlong" -> years
    range_words: frozenset[str]
    count_nouns: frozenset[str]  # "the number of X": X is what a bare figure counts
    expected: frozenset[str]  # verbs and modals that make a figure expected
    time_points: frozenset[str]
    labels: frozenset[str]
    span_words: frozenset[str]  # "for (almost) a year": before "a"/"an" and a time unit, a span of one
    interval_words: frozenset[str]  # "the past month": a span of one
    hyphen_units: frozenset[str]  # "a 27-nation bloc": the noun a hyphenated number counts
    referring: frozenset[str]  # "the two leaders": words before a spelled number that refers back
    referring_max: float
    spelled_count_min: float  # a spelled-out count at least this large is a claim whatever it counts
    state_preps: frozenset[str]  # prepositions whose object places or sides what a figure measures
    state_sectors: frozenset[str]  # actor sectors that speak for their state in a figure


@dataclass(frozen=True)
class Units:
    currency_symbols: dict[str, str]  # "$" -> "USD"
    currency_words: dict[str, str]  # "won" -> "KRW"
    share_words: frozenset[str]
    synonyms: dict[str, Synonym]
    durations: frozenset[str]
    descriptive: frozenset[str]  # counted nouns a small spelled number only describes ("two meetings")
    dimensions: frozenset[str]


@lru_cache(maxsize=1)
def number_words() -> NumberWords:
    raw = load_yaml("numbers.yaml")
    kinds = {" ".join(str(q).lower().split()): str(kind) for q, kind in (raw.get("qualifiers") or {}).items()}
    qualifiers = sorted((tuple(q.split()) for q in kinds), key=len, reverse=True)
    return NumberWords(
        cardinals={k.lower(): float(v) for k, v in raw.get("cardinals", {}).items()},
        multipliers={k.lower(): float(v) for k, v in raw.get("multipliers", {}).items()},
        collectives={
            k.lower(): Collective(float(v["value"]), v.get("unit"), bool(v.get("needs_number", False)), bool(v.get("approx", False)))
            for k, v in raw.get("collectives", {}).items()
        },
        fractions={k.lower(): float(v) for k, v in raw.get("fractions", {}).items()},
        denominators={k.lower(): float(v) for k, v in raw.get("denominators", {}).items()},
        qualifiers=tuple(qualifiers),
        qualifier_kinds=kinds,
        multiples={k.lower(): float(v) for k, v in (raw.get("multiples") or {}).items()},
        span_adjectives={k.lower(): str(v) for k, v in (raw.get("span_adjectives") or {}).items()},
        range_words=frozenset(str(w).lower() for w in raw.get("range_words", [])),
        count_nouns=frozenset(str(w).lower() for w in raw.get("count_nouns", [])),
        expected=frozenset(str(w).lower() for w in raw.get("expected", [])),
        time_points=frozenset(w.lower() for w in raw.get("time_points", [])),
        labels=frozenset(str(w).lower() for w in raw.get("labels", [])),
        span_words=frozenset(str(w).lower() for w in raw.get("span_words", [])),
        interval_words=frozenset(str(w).lower() for w in raw.get("interval_words", [])),
        hyphen_units=frozenset(str(w).lower() for w in raw.get("hyphen_units", [])),
        referring=frozenset(str(w).lower() for w in raw.get("referring", [])),
        referring_max=float(raw.get("referring_max", 2)),
        spelled_count_min=float(raw.get("spelled_count_min", 10)),
        state_preps=frozenset(str(w).lower() for w in raw.get("state_preps", [])),
        state_sectors=frozenset(str(w) for w in raw.get("state_sectors", [])),
    )


@lru_cache(maxsize=1)
def units() -> Units:
    raw = load_yaml("units.yaml")
    symbols: dict[str, str] = {}
    words: dict[str, str] = {}
    for code, spec in raw.get("currencies", {}).items():
        for s in spec.get("symbols", []):
            symbols[str(s)] = code
        for w in spec.get("words", []):
            words[str(w).lower()] = code
    return Units(
        currency_symbols=symbols,
        currency_words=words,
        share_words=frozenset(str(w).lower() for w in raw.get("share", [])),
        synonyms={
            k.lower(): Synonym(v["unit"], float(v.get("factor", 1.0))) for k, v in raw.get("synonyms", {}).items()
        },
        durations=frozenset(raw.get("durations", [])),
        descriptive=frozenset(raw.get("descriptive", [])),
        dimensions=frozenset(raw.get("dimensions", [])),
    )
