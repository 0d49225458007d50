"""The `claims` component: numeric facts (counts, money, shares, durations) with unit and what they measure.

A figure is a claim when it measures something: it has a unit (a currency, a
share, a time span) or counts a noun. Dates, times, ages, ordinals, list and
label numbers ("No. 5", "Ascend 950"), and numbers that merely refer back
("the two leaders") are not claims (checks.py). A range ("between 1,500 and
3,000 fighters") is two claims, a lower and an upper bound. A figure repeated
in one document with the same qualifier is one claim (its first mention).
A claim's own time, when its words give one ("in 2019", "since 2016", "by
2030"), is read by when.py.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from dyad.extract.claims.about import MAX_CHAIN, about, asserted_by, counted_noun, of_phrase
from dyad.extract.claims.checks import is_claim
from dyad.extract.claims.figures import Figure, figure_starts, read_figure, unit_of_noun
from dyad.extract.claims.numbers import low
from dyad.extract.claims.states import ClaimStates
from dyad.extract.claims.when import claim_time
from dyad.extract.claims.words import number_words
from dyad.extract.common.context import DocContext
from dyad.extract.common.doccache import sentences
from dyad.extract.events.timing import date_entities
from dyad.extract.registry import component
from dyad.records import Claim


def _figures(doc: Doc, sent: Span) -> Iterator[Figure]:
    """The figures of a sentence, read from left to right (only where one may start), none inside another."""
    starts = figure_starts(doc)
    k = bisect.bisect_left(starts, sent.start)
    while k < len(starts) and starts[k] < sent.end:
        i = starts[k]
        fig = read_figure(doc, i, sent.start, sent.end)
        if fig is None:
            k += 1
            continue
        yield fig
        k = bisect.bisect_left(starts, max(fig.end, i + 1), k + 1)


def _ranges(doc: Doc, figures: list[Figure]) -> list[Figure]:
    """ "between 1,500 and 3,000", "from 5 to 8", "10-12 days": the first figure is a lower bound,
    the second an upper bound, and the first takes the unit of the second."""
    nw = number_words()
    for a, b in zip(figures, figures[1:], strict=False):
        between = [t.lower_ for t in doc[a.end : b.start]]
        if len(between) != 1 or between[0] not in nw.range_words or b.qualifier:
            continue
        opener = low(doc, a.start - 1) if a.qualifier is None else a.qualifier
        if between[0] == "and" and opener != "between":
            continue
        if between[0] == "or" and a.unit is None and b.unit is None and a.value < 10:
            continue  # "one or two items" is vague, not a range
        a.bound, b.bound, a.approx, b.approx = "lower", "upper", True, True
        a.qualifier = a.qualifier or (opener if opener in ("between", "from") else None)
        if opener in ("between", "from"):
            a.start -= 1
        if a.unit is None and b.unit is not None:
            a.unit = b.unit
        a.range_end = b.end
    return figures


def _counted_by_name(doc: Doc, fig: Figure, sent: Span) -> Token | None:
    """ "put the number of fighters at 3,000": a bare figure counts what "the number of" names."""
    node = doc[fig.number_start]
    for _ in range(4):
        if node.head is node or not (sent.start <= node.head.i < sent.end):
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            break
    for child in node.children:
        if child.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and child.lemma_.lower() in number_words().count_nouns:
            of = next((c for c in child.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
                return obj
    return None


def _expected(doc: Doc, fig: Figure, sent: Span) -> bool:
    """Whether the figure is expected rather than reported: its clause's verb is "expect",
    "forecast" ... or carries "will", "could" ... (numbers.yaml `expected`)."""
    words = number_words().expected
    node = doc[fig.number_start]
    for _ in range(6):
        if node.pos_ in ("VERB", "AUX"):
            if node.lemma_.lower() in words or any(c.dep_ == "aux" and c.lower_ in words for c in node.children):
                return True
            if node.dep_ != "xcomp":
                return False
        if node.head is node or not (sent.start <= node.head.i < sent.end):
            return False
        node = node.head
    return False


def _noun_for(doc: Doc, fig: Figure, sent: Span, previous: Claim | None) -> tuple[Token | None, str | None]:
    """The counted noun and unit of a figure that names no unit of its own."""
    if fig.unit:
        return None, fig.unit
    noun = counted_noun(doc, fig, sent) or _counted_by_name(doc, fig, sent)
    if noun is not None:
        return noun, None
    if low(doc, fig.end) == "of" and low(doc, fig.end + 1) in ("them", "those", "these") and previous is not None:
        return None, previous.unit  # "two militants ..., and four of them"
    return None, None


def claims_in(ctx: DocContext) -> list[Claim]:
    doc = ctx.doc
    out: list[Claim] = []
    seen: set[tuple[float, str, str | None]] = set()
    states = ClaimStates(ctx)
    date_ents = date_entities(doc)
    for sent in sentences(doc):
        previous: Claim | None = None
        for fig in _ranges(doc, list(_figures(doc, sent))):
            noun, unit = _noun_for(doc, fig, sent, previous)
            if unit is not None and fig.unit is None:
                fig.unit = unit
            if not is_claim(doc, fig, noun, sent):
                continue
            value, unit = fig.value, fig.unit
            if unit is None and noun is not None:
                unit, factor = unit_of_noun(noun)
                value *= factor
            assert unit is not None
            if not math.isfinite(value):  # "1e400 tonnes": a figure no record can hold is no claim
                continue
            # a bare repetition restates a figure; a differently qualified one is another estimate
            key = (round(value, 6), unit, fig.qualifier)
            if key in seen or (fig.qualifier is None and any(k[:2] == key[:2] for k in seen)):
                continue
            seen.add(key)
            claim = _claim(ctx, states, fig, noun, sent, value, unit, date_ents)
            out.append(claim)
            previous = claim
    return out


def _claim(ctx: DocContext, states: ClaimStates, fig: Figure, noun: Token | None, sent: Span, value: float, unit: str,
           date_ents: list[Span]) -> Claim:
    doc = ctx.doc
    ev_end = noun.i + 1 if noun is not None and 0 <= noun.i - fig.end <= MAX_CHAIN else fig.end
    ev_end = max(ev_end, fig.range_end or ev_end)
    if noun is None:  # "nearly half of its supplies", "$30 billion in pledges": the words it is of
        of = [t for t in of_phrase(doc, fig, sent, set()) if t.i - fig.end <= 8]
        ev_end = max([ev_end, *[t.i + 1 for t in of]])
    start_char, end_char = doc[fig.start].idx, doc[ev_end - 1].idx + len(doc[ev_end - 1].text)
    expected = _expected(doc, fig, sent)
    time = claim_time(doc[fig.number_start], range(fig.start, fig.range_end or fig.end), sent, date_ents, ctx.document.published, expected)
    return Claim(
        value=round(value, 6),
        unit=unit,
        approx=fig.approx,
        qualifier=fig.qualifier,
        bound=fig.bound,
        expected=expected,
        about=about(doc, fig, noun, sent),
        actors=states.of(doc, fig, noun, sent),
        asserted_by=asserted_by(ctx, start_char, end_char),
        evidence=ctx.evidence(start_char, end_char),
        when=time.when if time else None,
        when_precision=time.precision if time else None,
        when_until=time.until if time else None,
        when_text=time.text if time else None,
    )


@component("claims", requires=["actors", "mentions", "quotes"], assigns=["claims"])
def run(ctx: DocContext) -> None:
    ctx.result.claims.extend(claims_in(ctx))
