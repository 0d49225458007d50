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
    time_points: frozenset[str]
    labels: frozenset[str]
    span_words: frozenset[str]  # "for (almost) a year": before "a"/"an" and a time unit, a span of one
    spelled_count_min: float  # a spelled-out count at least this large is a claim whatever it counts


@dataclass(frozen=True)
class Units:
    currency_symbols: dict[str, str]  # "$" -> "USD"
    currency_words: dict[str, str]  # "won" -> "KRW"
    share_words: frozenset[str]
    synonyms: dict[str, Synonym]
    durations: frozenset[str]
    salient: frozenset[str]
    dimensions: frozenset[str]


@lru_cache(maxsize=1)
def number_words() -> NumberWords:
    raw = load_yaml("numbers.yaml")
    qualifiers = sorted((tuple(q.lower().split()) for q in raw.get("qualifiers", [])), key=len, reverse=True)
    return NumberWords(
        cardinals={k.lower(): float(v) for k, v in raw.get("cardinals", {}).items()},
        multipliers={k.lower(): float(v) for k, v in raw.get("multipliers", {}).items()},
        collectives={
            k.lower(): Collective(float(v["value"]), v.get("unit"), bool(v.get("needs_number", False)))
            for k, v in raw.get("collectives", {}).items()
        },
        fractions={k.lower(): float(v) for k, v in raw.get("fractions", {}).items()},
        denominators={k.lower(): float(v) for k, v in raw.get("denominators", {}).items()},
        qualifiers=tuple(qualifiers),
        time_points=frozenset(w.lower() for w in raw.get("time_points", [])),
        labels=frozenset(str(w).lower() for w in raw.get("labels", [])),
        span_words=frozenset(str(w).lower() for w in raw.get("span_words", [])),
        spelled_count_min=float(raw.get("spelled_count_min", 10)),
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
        salient=frozenset(raw.get("salient", [])),
        dimensions=frozenset(raw.get("dimensions", [])),
    )
