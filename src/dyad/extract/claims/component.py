"""The `claims` component: numeric facts (counts, money, shares, durations) with unit and what they measure.

A figure is a claim when it measures something: it has a unit (a currency, a
share, a time span) or counts a noun. Dates, times, ages, ordinals, list and
label numbers ("No. 5", "Ascend 950"), and numbers that merely refer back
("the two leaders") are not claims. A figure repeated in one document is one
claim (its first mention).
"""

from __future__ import annotations

import math
import re

from spacy.tokens import Doc, Span, Token

from dyad.extract.claims.figures import Figure, read_figure, unit_of_noun
from dyad.extract.claims.words import number_words, units
from dyad.extract.common.context import DocContext
from dyad.extract.common.doccache import entities
from dyad.extract.registry import component
from dyad.records import Claim

MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan jan. feb feb. mar mar. apr apr. jun jun. jul jul. aug aug. sep sep. sept sept. oct oct. "
    "nov nov. dec dec. monday tuesday wednesday thursday friday saturday sunday".split()
)
REFERRING = frozenset("the these those this that its their his her our your both all each every".split())
YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)$")
CLOCK = frozenset({"a.m.", "p.m.", "am", "pm", "gmt", "utc", "o'clock", "hrs"})
NOUNS = frozenset({"NOUN", "PROPN"})
MAX_ABOUT_TOKENS = 14


def _is_date_or_time(doc: Doc, fig: Figure) -> bool:
    tok = doc[fig.number_start]
    if fig.unit is None and YEAR.match(tok.text):
        return True
    if tok.ent_type_ == "TIME":
        return True
    if tok.ent_type_ == "DATE":
        ent = next((e for e in entities(doc) if e.start <= tok.i < e.end), None)
        if ent is not None and any(t.lower_ in MONTHS or YEAR.match(t.text) for t in ent):
            return True
    near = {doc[k].lower_ for k in (fig.number_start - 1, fig.end) if 0 <= k < len(doc)}
    if near & MONTHS or near & CLOCK:
        return True
    return fig.end < len(doc) and doc[fig.end].text == ":" and fig.end + 1 < len(doc) and doc[fig.end + 1].is_digit


def _is_label_or_list(doc: Doc, fig: Figure, sent: Span) -> bool:
    i = fig.number_start
    prev = doc[i - 1] if i > sent.start else None
    if fig.qualifier or fig.unit in units().currency_symbols.values():
        return False
    if prev is not None:
        if prev.lower_ in number_words().labels:
            return True
        # a capitalised word right before a bare number names a model or place: "Ascend 950", "Lane 60"
        if prev.is_title and prev.i > sent.start and prev.pos_ in NOUNS | {"VERB", "ADJ"} and not prev.ent_type_ == "DATE":
            return True
        # a word in capitals right before it is a designation: "MK 29", "T 90"
        if prev.is_upper and prev.is_alpha and not fig.spelled:
            return True
    # a number opening its line and followed by "." or ")" numbers a list item; the check reads the
    # previous token, since Doc.text rebuilds the whole text on every access
    before = doc[fig.start - 1] if fig.start > 0 else None
    opens_line = before is None or (before.is_space and "\n" in before.text)
    return opens_line and fig.end < len(doc) and doc[fig.end].text in (".", ")")


def _is_age(doc: Doc, fig: Figure) -> bool:
    i, j = fig.number_start, fig.end
    if i > 0 and doc[i - 1].lower_ in ("aged", "age"):
        return True
    if j + 2 < len(doc) and doc[j].text == "-" and doc[j + 1].lower_ in ("year", "years") and doc[j + 2].text == "-":
        return True
    if j + 1 < len(doc) and doc[j].lower_ in ("years", "year") and doc[j + 1].lower_ == "old":
        return True
    return 1 < i and doc[i - 1].text == "," and doc[i - 2].ent_type_ == "PERSON" and j < len(doc) and doc[j].text == ","


def _counted_noun(doc: Doc, fig: Figure, sent: Span) -> Token | None:
    """The noun the figure counts: its syntactic head, or the next noun within a few words."""
    last = doc[fig.end - 1]
    head = last
    for _ in range(3):
        if head.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and head.head.i >= fig.end:
            head = head.head
            if head.pos_ in NOUNS and head.tag_ != "CD":
                break
        else:
            break
    if head is not last and head.pos_ in NOUNS and head.i < sent.end and head.i - fig.end <= 5:
        return head
    k = fig.end
    while k < min(sent.end, fig.end + 4):
        tok = doc[k]
        if tok.pos_ in NOUNS and tok.tag_ != "CD" and not (k + 1 < sent.end and doc[k + 1].pos_ in NOUNS and doc[k + 1].dep_ != "appos"):
            return tok
        if tok.pos_ not in NOUNS | {"ADJ", "ADV", "PUNCT"} or tok.text in (",", ".", ";", ":"):
            return None
        k += 1
    return None


SKIP_DEPS = frozenset({"relcl", "conj", "cc", "appos", "punct", "advcl", "parataxis"})


def _phrase(token: Token, sent: Span, skip: set[int]) -> list[Token]:
    """The token and its modifiers, without clauses, conjuncts and the figure itself."""
    out = [token] if token.i not in skip else []
    for child in token.children:
        if child.dep_ in SKIP_DEPS or child.i in skip or not (sent.start <= child.i < sent.end):
            continue
        out.extend(_phrase(child, sent, skip))
    return out


def _text(doc: Doc, tokens: list[Token]) -> str | None:
    if not tokens:
        return None
    start, end = min(t.i for t in tokens), max(t.i for t in tokens) + 1
    span = doc[start : min(end, start + MAX_ABOUT_TOKENS)]
    while len(span) and (span[0].is_punct or span[0].lower_ in ("of", "in", "for", "on")):
        span = span[1:]
    while len(span) and span[-1].is_punct:
        span = span[:-1]
    return span.text or None


def _of_phrase(doc: Doc, fig: Figure, sent: Span, skip: set[int]) -> list[Token]:
    """The "of"/"in"/"for" phrase right after a share or an amount of money."""
    k = fig.end
    if k < sent.end and doc[k].lower_ in ("of", "in", "for", "on") and doc[k].dep_ == "prep":
        obj = next((c for c in doc[k].children if c.dep_ == "pobj"), None)
        if obj is not None:
            return _phrase(obj, sent, skip)
    return []


def _about(doc: Doc, fig: Figure, noun: Token | None, sent: Span) -> str | None:
    """What the figure measures: the counted noun phrase, the thing a share or sum is of, or what lasts."""
    skip = set(range(fig.start, fig.end))
    un = units()
    span = _hyphen_span(doc, fig)
    if noun is not None and span is not None and noun.i == span.i and noun.head.pos_ in NOUNS and noun.head.i != noun.i:
        return _text(doc, _phrase(noun.head, sent, skip | {fig.end, noun.i}))  # "a two-day visit": the visit lasts
    if noun is not None and unit_of_noun(noun)[0] not in un.durations:
        return _text(doc, _phrase(noun, sent, skip))
    if noun is None and fig.unit not in un.durations:
        return _text(doc, _of_phrase(doc, fig, sent, skip))
    anchor = noun if noun is not None else doc[fig.end - 1]
    prep = anchor.head if anchor.dep_ == "pobj" else None
    if prep is None or prep.head is prep:
        return None
    host = prep.head
    skip |= {t.i for t in prep.subtree}
    if host.pos_ in NOUNS:
        return _text(doc, _phrase(host, sent, skip))
    subj = next((c for c in host.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return None
    if subj.tag_ == "WDT" and host.dep_ == "relcl":
        return _text(doc, _phrase(host.head, sent, skip))
    return _text(doc, _phrase(subj, sent, skip))


CLAUSE_BREAKS = frozenset({"conj", "ccomp", "advcl", "parataxis", "relcl"})


def _clause_span(doc: Doc, fig: Figure, sent: Span) -> tuple[int, int]:
    """Character range of the clause the figure sits in (its verb and arguments, not the next clause)."""
    node = doc[fig.number_start]
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i and sent.start <= node.head.i < sent.end:
        node = node.head
    if node.pos_ not in ("VERB", "AUX"):
        return sent.start_char, sent.end_char
    keep = [node]
    for child in node.children:
        if child.dep_ in CLAUSE_BREAKS and child.pos_ in ("VERB", "AUX"):
            continue
        keep.extend(child.subtree)
    return min(t.idx for t in keep), max(t.idx + len(t.text) for t in keep)


def _states_in(ctx: DocContext, start_char: int, end_char: int) -> list[str]:
    found: list[str] = []
    for m in ctx.result.mentions:
        if start_char <= m.evidence.start and m.evidence.end <= end_char:
            actor = ctx.actor(m.actor_key)
            if actor is not None and actor.kind == "state" and actor.country and actor.country not in found:
                found.append(actor.country)
    return found


def _asserted_by(ctx: DocContext, start: int, end: int) -> str | None:
    for q in ctx.result.quotes:
        if q.evidence.start <= start and end <= q.evidence.end and q.speaker:
            return q.speaker
    return None


def _hyphen_span(doc: Doc, fig: Figure) -> Token | None:
    """The unit of time in "a two-day visit", "a 30-day ceasefire": a span, unless it is an age ("14-year-old")."""
    k = fig.end
    if not (k + 1 < len(doc) and doc[k].text in ("-", "\u2013")):
        return None
    word = doc[k + 1]
    syn = units().synonyms.get(word.lower_)
    if syn is None or syn.unit not in units().durations:
        return None
    after = doc[k + 2] if k + 2 < len(doc) else None
    if after is not None and (after.text in ("-", "\u2013") or after.lower_ in number_words().time_points):
        return None
    return word


def _is_claim(doc: Doc, fig: Figure, noun: Token | None, sent: Span) -> bool:
    un = units()
    if _is_date_or_time(doc, fig) or _is_label_or_list(doc, fig, sent) or _is_age(doc, fig):
        return False
    nxt = doc[fig.end] if fig.end < len(doc) else None
    if nxt is not None and nxt.text in ("-", "\u2013") and fig.unit is None and _hyphen_span(doc, fig) is None:
        return False  # "three-way talks", "26-27"
    if fig.number_start > 0 and doc[fig.number_start - 1].text in ("-", "\u2013", "/"):
        return False
    unit = fig.unit or (unit_of_noun(noun)[0] if noun is not None else None)
    if unit is None:
        return False
    after = noun.i + 1 if noun is not None else fig.end
    if after < len(doc) and doc[after].lower_ in number_words().time_points:
        return False  # "two years ago"
    if fig.spelled and not fig.qualifier and not fig.collective:
        before = doc[fig.start - 1].lower_ if fig.start > sent.start else ""
        if before in REFERRING:
            return False  # "the two leaders" refers back, it does not count
        small = fig.value < number_words().spelled_count_min
        if fig.unit is None and small and unit not in un.durations and unit not in un.salient:
            return False
        if fig.value == 1 and fig.unit is None:
            return False
    return True


def _figures(doc: Doc, sent: Span):
    i = sent.start
    while i < sent.end:
        fig = read_figure(doc, i, sent.start, sent.end)
        if fig is None:
            i += 1
            continue
        yield fig
        i = max(fig.end, i + 1)


def claims_in(ctx: DocContext) -> list[Claim]:
    doc = ctx.doc
    out: list[Claim] = []
    seen: set[tuple[float, str]] = set()
    for sent in doc.sents:
        for fig in _figures(doc, sent):
            noun = None if fig.unit else (_hyphen_span(doc, fig) or _counted_noun(doc, fig, sent))
            if not _is_claim(doc, fig, noun, sent):
                continue
            value = fig.value
            unit = fig.unit
            if unit is None and noun is not None:
                unit, factor = unit_of_noun(noun)
                value *= factor
            assert unit is not None
            if not math.isfinite(value):  # "1e400 tonnes": a figure no record can hold is no claim
                continue
            key = (round(value, 6), unit)
            if key in seen:
                continue
            seen.add(key)
            about = _about(doc, fig, noun, sent)
            ev_end = noun.i + 1 if noun is not None and noun.i - fig.end <= 4 else fig.end
            if noun is None:  # "nearly half of its supplies", "$30 billion in pledges": the words it is of
                of = [t for t in _of_phrase(doc, fig, sent, set()) if t.i - fig.end <= 8]
                ev_end = max([ev_end, *[t.i + 1 for t in of]])
            start_char, end_char = doc[fig.start].idx, doc[ev_end - 1].idx + len(doc[ev_end - 1].text)
            states = _states_in(ctx, *_clause_span(doc, fig, sent))
            out.append(
                Claim(
                    value=round(value, 6),
                    unit=unit,
                    approx=fig.qualifier is not None,
                    qualifier=fig.qualifier,
                    about=about,
                    actors=states,
                    asserted_by=_asserted_by(ctx, start_char, end_char),
                    evidence=ctx.evidence(start_char, end_char),
                )
            )
    return out


@component("claims", requires=["actors", "mentions", "quotes"], assigns=["claims"])
def run(ctx: DocContext) -> None:
    ctx.result.claims.extend(claims_in(ctx))
