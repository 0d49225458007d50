"""Read one figure (a number with its qualifier, currency, multiplier and unit) from tokens.

A `Figure` is only the arithmetic: what counts as a claim is decided in checks.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from dyad.extract.claims.numbers import HYPHENS, finite, low, read_number
from dyad.extract.claims.words import number_words, units
from dyad.extract.common.doccache import lowers, once, texts, tokens_by_lower
from dyad.figures import unit_plural
from dyad.records import Bound


@dataclass
class Figure:
    start: int  # first token (qualifier included)
    number_start: int  # first token of the number itself
    end: int  # token after the figure (multiplier / percent / currency word included)
    value: float
    qualifier: str | None = None
    unit: str | None = None  # set when the figure names its own unit (USD, share, years)
    spelled: bool = False  # the number is written in words
    collective: bool = False  # "a dozen", "a decade"
    bound: Bound | None = None  # "lower" ("more than 10") or "upper" ("up to 10")
    approx: bool = False  # qualified, or vague by itself ("a couple of")
    hyphenated: Token | None = None  # the noun of "a 27-nation bloc", "a two-day visit"
    range_end: int | None = None  # for the lower bound of a range: the token after the upper bound


def _qualifier_before(doc: Doc, i: int, floor: int) -> tuple[int, str | None]:
    """The qualifying words that end right before token i, if any."""
    lows = lowers(doc)
    for words in number_words().qualifiers:
        start = i - len(words)
        if start < floor:
            continue
        if tuple(lows[start:i]) == words:
            return start, " ".join(words)
    return i, None


def _hyphen_unit(doc: Doc, j: int, end: int) -> tuple[int, str, Token] | None:
    """ "-day", "-nation", "-square-kilometer" after a number: (next index, unit, noun token)."""
    un, nw = units(), number_words()
    if not (j + 1 < end and doc[j].text in HYPHENS):
        return None
    k, dimension = j + 1, ""
    if low(doc, k) in un.dimensions and k + 2 < end and doc[k + 1].text in HYPHENS:
        dimension, k = low(doc, k) + " ", k + 2
    word = low(doc, k)
    syn = un.synonyms.get(word)
    if syn is not None and (syn.unit in un.durations or dimension):
        after = low(doc, k + 1)
        if after in HYPHENS or after == "old":
            return None  # an age: "14-year-old"
        return k + 1, dimension + syn.unit, doc[k]
    if word in nw.hyphen_units and not dimension:
        return k + 1, unit_plural(word), doc[k]
    return None


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    """Every lower-case word a figure can start with, besides digits, currency symbols and "...fold"
    (what `read_number` and the span adjectives of `read_figure` read)."""
    nw = number_words()
    return frozenset({"a", "an", *nw.interval_words, *nw.collectives, *nw.multiples, *nw.fractions, *nw.cardinals,
                      *nw.span_adjectives})


def may_start_figure(doc: Doc, i: int) -> bool:
    """Whether a figure can start at token i: a cheap test that lets most words of a text go unread."""
    return _may_start(texts(doc)[i], lowers(doc)[i])


def _may_start(text: str, word: str) -> bool:
    return (text[:1].isdigit() or word in _first_words() or text in units().currency_symbols
            or word.endswith("fold"))


def figure_starts(doc: Doc) -> list[int]:
    """Every token index where a figure may start (`may_start_figure`), in order, tested once per document."""
    return once(doc, "figure_starts", _figure_starts)


def _figure_starts(doc: Doc) -> list[int]:
    """`_may_start` tested once per distinct word of the document (through its indexes of words) rather than
    once per token: its tests of the lower-case word, then those of the text."""
    first, symbols = _first_words(), units().currency_symbols
    found = [i for word, at in tokens_by_lower(doc).items() if word in first or word.endswith("fold") for i in at]
    words = texts(doc)
    starts = {text for text in set(words) if text[:1].isdigit() or text in symbols}
    if starts:
        found += [i for i, text in enumerate(words) if text in starts]
    return sorted(set(found))


def read_figure(doc: Doc, i: int, floor: int, end: int) -> Figure | None:
    """The figure whose number (or currency symbol) starts at token i, within [floor, end)."""
    if not may_start_figure(doc, i):
        return None
    nw, un = number_words(), units()
    j = i
    currency = un.currency_symbols.get(doc[i].text)
    if currency:
        j += 1
        if j >= end:
            return None
    number = read_number(doc, j, floor, end, money=bool(currency))
    if number is None:
        span = nw.span_adjectives.get(doc[i].lower_)
        if span is None or currency:
            return None
        start, qualifier = _qualifier_before(doc, i, floor)
        return Figure(start, i, i + 1, 1.0, qualifier, span, True, True, None, qualifier is not None, doc[i])
    j, value, unit = number.end, number.value, number.unit
    if currency:
        unit = currency
    while j < end and low(doc, j) in nw.multipliers:
        word = low(doc, j)
        if len(word) <= 2 and not currency and doc[j].idx != doc[j - 1].idx + len(doc[j - 1].text):
            break  # "m"/"bn" only as suffixes of money: "$3bn"
        value *= nw.multipliers[word]
        j += 1
    if not finite(value):
        return None
    collective, hyphenated = number.collective, None
    if unit is None and j < end:
        word = low(doc, j)
        coll = nw.collectives.get(word)
        hyphen = _hyphen_unit(doc, j, end)
        if coll and not collective:
            value, unit, collective = value * coll.value, coll.unit, True
            j += 1
        elif word in un.share_words:
            value, unit = round(value / 100, 6), "share"
            j += 1
        elif word == "per" and low(doc, j + 1) == "cent":
            value, unit = round(value / 100, 6), "share"
            j += 2
        elif word in un.currency_words:
            unit = un.currency_words[word]
            j += 1
        elif hyphen is not None:
            j, unit, hyphenated = hyphen
        elif FOLD_SUFFIX == word or (doc[j].text in HYPHENS and low(doc, j + 1) == FOLD_SUFFIX):
            unit, j = "times", j + (1 if word == FOLD_SUFFIX else 2)  # "10-fold"
    start, qualifier = _qualifier_before(doc, i, floor)
    kind = nw.qualifier_kinds.get(qualifier or "")
    return Figure(
        start=start,
        number_start=i,
        end=j,
        value=value,
        qualifier=qualifier,
        unit=unit,
        spelled=number.spelled,
        collective=collective,
        bound="lower" if kind == "lower" else "upper" if kind == "upper" else None,
        approx=qualifier is not None or number.approx,
        hyphenated=hyphenated,
    )


FOLD_SUFFIX = "fold"


def unit_of_noun(token: Token) -> tuple[str, float]:
    """The canonical unit for a counted noun and the factor it carries ("decades" -> years x 10):
    a synonym from units.yaml, a currency word, or the noun's plural through its lemma
    ("country" and "countries" -> "countries")."""
    un = units()
    low_text = token.lower_
    before = token.doc[token.i - 1].lower_ if token.i > 0 else ""
    for key in (low_text, token.lemma_.lower()):
        if key in un.synonyms:
            syn = un.synonyms[key]
            if before in un.dimensions:  # "25 square kilometers" is an area
                return f"square {syn.unit}" if before != "cubic" else f"cubic {syn.unit}", syn.factor
            return syn.unit, syn.factor
    if low_text in un.currency_words:
        return un.currency_words[low_text], 1.0
    if token.tag_ in ("NNS", "NNPS"):
        return low_text, 1.0
    return unit_plural(token.lemma_.lower() or low_text), 1.0
