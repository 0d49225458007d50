"""Read one number from tokens: digits, number words, articles, fractions and multiples.

Runs of number words ("one hundred forty", "twenty-four", "two thousand five hundred") are
read by text2num, so "one hundred forty" is 140, not 100 and 40. An article is a number
where it counts: "a million", "a dozen", "a quarter", "a year ago", "for an hour". A figure
that does not fit a float (a 400-digit number, "a trillion trillion ...") is no figure.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from spacy.tokens import Doc
from text_to_num import text2num

from dyad.extract.claims.words import number_words, units
from dyad.extract.common.doccache import lowers

DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
FOLD = re.compile(r"^(.+?)-?fold$")
SUFFIXED = re.compile(r"^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)([a-z]{1,2})$")  # "$3bn" as one token
HYPHENS = frozenset({"-", "\u2010", "\u2011", "\u2012", "\u2013"})
MAX_WORDS = 12  # number words read as one number


@dataclass
class Number:
    end: int  # token after the number
    value: float
    spelled: bool = False
    unit: str | None = None  # a unit the words give by themselves ("a decade", "a quarter", "twice")
    collective: bool = False  # "a dozen", "a decade", "a year"
    approx: bool = False  # "a couple of"


def low(doc: Doc, i: int) -> str:
    words = lowers(doc)
    return words[i] if 0 <= i < len(words) else ""


def finite(value: float) -> bool:
    return math.isfinite(value) and abs(value) < 1e300


def digits_value(text: str) -> float | None:
    if not DIGITS.match(text):
        return None
    value = float(text.replace(",", ""))
    return value if finite(value) else None


def _word_run(doc: Doc, i: int, end: int) -> tuple[int, list[str]]:
    """The number words from token i: cardinals, scale words, "and" inside, hyphens between."""
    nw = number_words()
    words: list[str] = []
    j = i
    while j < end and len(words) < MAX_WORDS:
        word = low(doc, j)
        if word in nw.cardinals or (word in nw.multipliers and len(word) > 2 and words):
            words.append(word)
            j += 1
        elif word == "and" and words and words[-1] in nw.multipliers and low(doc, j + 1) in nw.cardinals:
            j += 1  # "one hundred and forty"
        elif doc[j].text in HYPHENS and words and low(doc, j + 1) in nw.cardinals and nw.cardinals[low(doc, j + 1)] < 10:
            words[-1] = f"{words[-1]}-{low(doc, j + 1)}"  # "twenty-four"
            j += 2
        else:
            break
    return j, words


def _words_value(words: list[str]) -> float | None:
    """The value of a run of number words, by text2num; the first word alone when they are not one number."""
    try:
        return float(text2num(" ".join(words), "en"))
    except ValueError:
        return None


def _article(doc: Doc, i: int, end: int) -> Number | None:
    """ "a"/"an" as the number one: "a million", "a dozen", "a quarter", "a couple of"."""
    nw = number_words()
    nxt = low(doc, i + 1) if i + 1 < end else ""
    if nxt in nw.multipliers and len(nxt) > 2:
        return Number(i + 1, 1.0, True)  # the multiplier is read after the number
    coll = nw.collectives.get(nxt)
    if coll and not coll.needs_number:
        j = i + 2 + (low(doc, i + 2) == "of" and coll.approx)
        return Number(j, coll.value, True, coll.unit, True, coll.approx)
    if nxt in nw.denominators and nxt not in ("half", "halves"):
        return Number(i + 2, round(1 / nw.denominators[nxt], 3), True, "share")
    return None


def _one_unit_of_time(doc: Doc, i: int, floor: int, end: int) -> Number | None:
    """ "for (almost) a year", "a year ago", "in the past month": one unit of time, a span."""
    un, nw = units(), number_words()
    first = low(doc, i)
    if first in ("a", "an"):
        unit_at = i + 1
    elif first in nw.interval_words and low(doc, i - 1) == "the" and low(doc, i - 2) in nw.span_words and i - 2 >= floor:
        unit_at = i + 1  # "in the past month"
    else:
        return None
    if unit_at >= end:
        return None
    syn = un.synonyms.get(low(doc, unit_at))
    if syn is None or syn.unit not in un.durations or low(doc, unit_at).endswith("s"):
        return None
    before = low(doc, i - 1) if i - 1 >= floor else ""
    after = low(doc, unit_at + 1) if unit_at + 1 < end else ""
    k = i - 1
    while k >= floor and low(doc, k) in {w for q in nw.qualifiers for w in q}:
        k -= 1  # "for almost a year", "for more than a year"
    if first in ("a", "an") and not (after in nw.time_points or low(doc, k) in nw.span_words):
        return None
    if before in ("once", "twice", "per", "times"):
        return None  # a rate
    return Number(unit_at + 1, syn.factor, True, syn.unit, True)


def read_number(doc: Doc, i: int, floor: int, end: int, money: bool = False) -> Number | None:
    """The number that starts at token i, within [floor, end); `money`: right after a currency symbol."""
    nw = number_words()
    word, text = low(doc, i), doc[i].text
    value = digits_value(text)
    if value is not None:
        return Number(i + 1, value)
    suffixed = SUFFIXED.match(word) if money else None
    if suffixed and suffixed.group(2) in nw.multipliers:
        value = digits_value(suffixed.group(1))
        return Number(i + 1, value * nw.multipliers[suffixed.group(2)]) if value is not None else None
    span = _one_unit_of_time(doc, i, floor, end)
    if span is not None:
        return span
    if word in ("a", "an"):
        return _article(doc, i, end)
    coll = nw.collectives.get(word)
    if coll and coll.approx and low(doc, i - 1) in nw.interval_words and i - 1 >= floor:
        return Number(i + 1 + (low(doc, i + 1) == "of"), coll.value, True, coll.unit, True, True)  # "the last couple of weeks"
    if word in nw.multiples:
        return Number(i + 1, nw.multiples[word], True, "times")
    fold = FOLD.match(word)
    if fold:
        base = digits_value(fold.group(1)) or nw.cardinals.get(fold.group(1))
        if base:
            return Number(i + 1, float(base), not fold.group(1)[:1].isdigit(), "times")
    if word in nw.fractions:
        if low(doc, i + 1) in ("a", "an") and low(doc, i + 2) in nw.multipliers and len(low(doc, i + 2)) > 2:
            return Number(i + 2, nw.fractions[word], True)  # "half a million": the multiplier follows
        return Number(i + 1, nw.fractions[word], True, "share")
    if word not in nw.cardinals:
        return None
    j, words = _word_run(doc, i, end)
    value = _words_value(words)
    if value is None:
        j, value = i + 1, nw.cardinals[word]
    if low(doc, j) == "in" and j + 1 < end and value > 0:  # "one in five": a share
        of = digits_value(doc[j + 1].text) or nw.cardinals.get(low(doc, j + 1))
        if of and of > value:
            return Number(j + 2, round(value / of, 3), True, "share")
    # one-third, two thirds
    if j + 1 < end and doc[j].text in HYPHENS and low(doc, j + 1) in nw.denominators:
        return Number(j + 2, round(value / nw.denominators[low(doc, j + 1)], 3), True, "share")
    den = low(doc, j)
    if j < end and den in nw.denominators and den != "half" and value < 10 and (den.endswith("s") or value == 1):
        return Number(j + 1, round(value / nw.denominators[den], 3), True, "share")
    return Number(j, value, True) if finite(value) else None
