"""Figures written for people, and unit words in their singular and plural forms.

Shared by the claims stage (a counted noun's unit), `dyad eval` and fusion (comparing units),
and every listing that shows a claim: a figure keeps its qualifier ("more than 10", never
"10") and is never written in exponent form ("2,000,000", never "2e+06").
"""

from __future__ import annotations

import math
from functools import lru_cache

BOUND_WORDS = {"lower": "at least", "upper": "up to"}


def _regular_plural(word: str) -> str | None:
    """The singular of a word lemminflect's dictionary does not know but that is written as a regular
    plural ("uyghurs" -> "uyghur", "houthis" -> "houthi"); None for any other word."""
    from lemminflect import getAllLemmas, getLemma

    low = word.lower()
    if getAllLemmas(low, upos="NOUN") or len(low) < 4 or not low.endswith("s") or low.endswith(("ss", "us")):
        return None
    guess = getLemma(low, upos="NOUN", lemmatize_oov=True)
    return guess[0] if guess and guess[0] != low else low[:-1]


@lru_cache(maxsize=8192)
def unit_singular(unit: str) -> str:
    """A unit's singular through lemminflect's dictionary of English nouns ("countries" -> "country",
    "crises" -> "crisis", "member states" -> "member state"), and a word it does not know by the regular
    plural's rule ("Uyghurs" -> "Uyghur"); a word that is not a plural noun is returned as it is
    ("analysis", "gas", "share", "USD")."""
    from lemminflect import getLemma  # its tables load on first use

    words = unit.split()
    if not words or not words[-1].isalpha() or words[-1].isupper():
        return unit
    last = words[-1]
    lemmas = getLemma(last.lower(), upos="NOUN", lemmatize_oov=False)
    single = lemmas[0] if lemmas else _regular_plural(last)
    if not single or single == last.lower():
        return unit
    single = single if last.islower() else single.capitalize()
    return " ".join([*words[:-1], single])


@lru_cache(maxsize=8192)
def unit_plural(word: str) -> str:
    """A counted noun's plural ("country" -> "countries", "index" -> "indexes"); a plural, known to the
    dictionary or regular ("Uyghurs"), is kept as written."""
    from lemminflect import getInflection

    words = word.split()
    if not words or not words[-1].isalpha() or words[-1].isupper() or unit_singular(word) != word:
        return word
    forms = getInflection(words[-1].lower(), tag="NNS")
    plural = forms[0] if forms else words[-1] + "s"
    return " ".join([*words[:-1], plural])


def format_value(value: float) -> str:
    """A number with thousands separators and no exponent: 2000000 -> "2,000,000", 0.333 -> "0.333"."""
    if not math.isfinite(value):
        return str(value)
    if value == int(value) and abs(value) < 1e21:
        return f"{int(value):,}"
    text = f"{value:,.6f}".rstrip("0").rstrip(".")
    return text if text not in ("0", "-0") else f"{value:.3g}"


def figure_text(value: float, unit: str | None = None, qualifier: str | None = None, bound: str | None = None) -> str:
    """A claim as it reads: "more than 10 agreements", "up to 10,000 civilians", "20% share"."""
    words = qualifier or BOUND_WORDS.get(bound or "", "")
    if unit == "share":
        body = f"{format_value(round(value * 100, 6))}%"
    else:
        body = format_value(value) + (f" {unit}" if unit else "")
    return f"{words} {body}".strip()
