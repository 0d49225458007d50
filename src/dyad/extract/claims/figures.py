"""Read one figure (a number with its qualifier, currency, multiplier and unit) from tokens.

A `Figure` is only the arithmetic: what counts as a claim is decided in claims.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from dyad.extract.claims.words import number_words, units

DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
HYPHENS = {"-", "\u2010", "\u2011", "\u2012", "\u2013"}


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


def _low(doc: Doc, i: int) -> str:
    return doc[i].lower_ if 0 <= i < len(doc) else ""


def _qualifier_before(doc: Doc, i: int, floor: int) -> tuple[int, str | None]:
    """The approximating words that end right before token i, if any."""
    for words in number_words().qualifiers:
        start = i - len(words)
        if start < floor:
            continue
        if tuple(doc[k].lower_ for k in range(start, i)) == words:
            return start, " ".join(words)
    return i, None


def _read_number(doc: Doc, i: int, end: int) -> tuple[int, float, bool, str | None, bool] | None:
    """(next index, value, spelled, unit, collective) for a number starting at token i."""
    nw = number_words()
    low = _low(doc, i)
    text = doc[i].text
    if DIGITS.match(text):
        return i + 1, float(text.replace(",", "")), False, None, False
    if low in ("a", "an") and i + 1 < end:
        nxt = _low(doc, i + 1)
        coll = nw.collectives.get(nxt)
        if coll and not coll.needs_number:
            return i + 2, coll.value, True, coll.unit, True
        if nxt in nw.denominators and nxt not in ("half", "halves"):
            return i + 2, round(1 / nw.denominators[nxt], 3), True, "share", False
        return None
    if low in nw.fractions:
        return i + 1, nw.fractions[low], True, "share", False
    if low in nw.cardinals:
        value = nw.cardinals[low]
        j = i + 1
        # twenty-four, one-third, two thirds
        if j + 1 < end and doc[j].text in HYPHENS:
            after = _low(doc, j + 1)
            if after in nw.cardinals and nw.cardinals[after] < 10 and value >= 20:
                return j + 2, value + nw.cardinals[after], True, None, False
            if after in nw.denominators:
                return j + 2, round(value / nw.denominators[after], 3), True, "share", False
        if j < end and _low(doc, j) in nw.denominators and _low(doc, j) not in ("half",) and value < 10:
            if _low(doc, j).endswith("s") or value == 1:
                return j + 1, round(value / nw.denominators[_low(doc, j)], 3), True, "share", False
        return j, value, True, None, False
    return None


def _span_of_one(doc: Doc, i: int, floor: int, end: int) -> tuple[int, float, bool, str | None, bool] | None:
    """"for (almost) a year": "a"/"an" and a unit of time after a span word is one of that unit."""
    un = units()
    if _low(doc, i) not in ("a", "an") or i + 1 >= end:
        return None
    syn = un.synonyms.get(_low(doc, i + 1))
    if syn is None or syn.unit not in un.durations or _low(doc, i + 1).endswith("s"):
        return None
    start, _qualifier = _qualifier_before(doc, i, floor)
    if start - 1 < floor or _low(doc, start - 1) not in number_words().span_words:
        return None
    return i + 2, syn.factor, True, syn.unit, True


def read_figure(doc: Doc, i: int, floor: int, end: int) -> Figure | None:
    """The figure whose number (or currency symbol) starts at token i, within [floor, end)."""
    nw, un = number_words(), units()
    j = i
    currency = un.currency_symbols.get(doc[i].text)
    if currency:
        j += 1
        if j >= end:
            return None
    read = _read_number(doc, j, end)
    if read is None and not currency:
        read = _span_of_one(doc, i, floor, end)
    if read is None:
        return None
    j, value, spelled, unit, collective = read
    if currency:
        unit = currency
    while j < end and _low(doc, j) in nw.multipliers:
        word = _low(doc, j)
        if len(word) <= 2 and not currency and doc[j].idx != doc[j - 1].idx + len(doc[j - 1].text):
            break  # "m"/"bn" only as suffixes of money: "$3bn"
        value *= nw.multipliers[word]
        j += 1
    if unit is None and j < end:
        word = _low(doc, j)
        coll = nw.collectives.get(word)
        if coll and not collective:
            value *= coll.value
            unit = coll.unit
            collective = True
            j += 1
        elif word in un.share_words:
            value, unit = round(value / 100, 6), "share"
            j += 1
        elif word == "per" and _low(doc, j + 1) == "cent":
            value, unit = round(value / 100, 6), "share"
            j += 2
        elif word in un.currency_words:
            unit = un.currency_words[word]
            j += 1
    start, qualifier = _qualifier_before(doc, i, floor)
    return Figure(
        start=start,
        number_start=i,
        end=j,
        value=value,
        qualifier=qualifier,
        unit=unit,
        spelled=spelled,
        collective=collective,
    )


def pluralize(word: str) -> str:
    """A plain English plural for a unit noun ("agreement" -> "agreements")."""
    if word.endswith("s"):
        return word
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("x", "ch", "sh")):
        return word + "es"
    return word + "s"


def unit_of_noun(token: Token) -> tuple[str, float]:
    """The canonical unit for a counted noun and the factor it carries ("decades" -> years x 10)."""
    un = units()
    low = token.lower_
    before = token.doc[token.i - 1].lower_ if token.i > 0 else ""
    for key in (low, token.lemma_.lower()):
        if key in un.synonyms:
            syn = un.synonyms[key]
            if before in un.dimensions:  # "25 square kilometers" is an area
                return f"square {syn.unit}" if before != "cubic" else f"cubic {syn.unit}", syn.factor
            return syn.unit, syn.factor
    if low in un.currency_words:
        return un.currency_words[low], 1.0
    if token.tag_ in ("NNS", "NNPS"):
        return low, 1.0
    return pluralize(token.lemma_.lower() or low), 1.0
