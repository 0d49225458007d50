"""References that do not name anyone: "the president", "the premier", "he", "she".

A title-only reference goes to the most recent person before it whose role the
title gives; a subject pronoun goes to the one person named in its sentence
before it, else to the one person named in the sentence before.
Nothing is resolved when two candidates remain.

The people named so far are indexed once per document (by role and country, and
by sentence), so each reference is resolved by bisection, not by a scan.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from dyad.extract.actors import lexicon
from dyad.extract.actors.drafts import Registry
from dyad.extract.actors.names import normalise
from dyad.extract.actors.people import People
from dyad.extract.actors.states import PlaceHit
from dyad.extract.common.context import DocContext
from dyad.extract.common.doccache import (
    lowers,
    noun_chunk_roots,
    noun_chunks,
    sentence_number,
    sentence_starts,
    sentences,
    texts,
)
from dyad.extract.common.words import POSSESSIVE

PRONOUNS = {"he", "she"}
TITLE_DETERMINERS = {"the"}
WINDOW_SENTENCES = 3  # a title refers back at most this many sentences, unless only one person fits


def resolve_references(ctx: DocContext, reg: Registry, places: dict[int, PlaceHit], people: People) -> None:
    _title_references(ctx, reg, places, people)
    _pronouns(ctx, reg, people)


@dataclass
class _Named:
    """Mentions of people of one role (and country) in text order, with which keys were seen up to each."""

    starts: list[int] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    distinct: list[tuple[str, ...]] = field(default_factory=list)  # up to two distinct keys so far

    def add(self, start: int, key: str) -> None:
        seen = self.distinct[-1] if self.distinct else ()
        if key not in seen and len(seen) < 2:
            seen = (*seen, key)
        self.starts.append(start)
        self.keys.append(key)
        self.distinct.append(seen)


def _index(people: People, reg: Registry) -> dict[tuple[str, str | None], _Named]:
    """People by (role, country) and (role, None), in text order."""
    index: dict[tuple[str, str | None], _Named] = {}
    for span, key in sorted(people.spans, key=lambda p: p[0].start):
        draft = reg.drafts[key]
        if draft.role is None:
            continue
        for country in {None, draft.country}:
            index.setdefault((draft.role, country), _Named()).add(span.start, key)
    return index


def _title_references(ctx: DocContext, reg: Registry, places: dict[int, PlaceHit], people: People) -> None:
    """'the president', 'the Chinese premier', "Japan's foreign minister" with no name after them."""
    doc = ctx.doc
    titles = lexicon.titles()
    index = _index(people, reg)
    first_in = _first_in_sentences(ctx, people)
    texts_of, lows = texts(doc), lowers(doc)
    for chunk, root in zip(noun_chunks(doc), noun_chunk_roots(doc), strict=True):
        if root != chunk.end - 1 or root in people.by_token:
            continue
        country = None
        words = []
        for i in range(chunk.start, chunk.end):
            if i in places and not places[i].igo:
                country = country or places[i].target
            elif i in places:
                continue  # "Iran's U.N. ambassador": the body the envoy is sent to
            elif texts_of[i] not in POSSESSIVE and lows[i] not in TITLE_DETERMINERS:
                words.append(lows[i])
        starts_right = lows[chunk.start] in TITLE_DETERMINERS or (country is not None and chunk.start in places)
        title = titles.get(" ".join(words))
        if not starts_right or title is None or title.kind != "person":
            continue
        nxt = doc[chunk.end] if chunk.end < len(doc) else None
        if nxt is not None and (nxt.i in people.by_token or nxt.pos_ in {"ADP", "PROPN"} or nxt.text == ","):
            continue  # "the president, X", "the president of Y", "the president X": not a bare reference
        key = _recent_with_role(chunk, index.get((title.role, country)))
        if key:
            reg.mention(key, chunk.start_char, chunk.end_char, "title")
        elif country is not None and chunk[0].i in places and nxt is not None and nxt.lower_ != "and" and _owned(doc, chunk):
            named = _named_next(ctx, reg, first_in, chunk, country)  # "China's envoy spoke. Fu Cong said ..."
            if named:
                reg.mention(named, chunk.start_char, chunk.end_char, "title")
            else:
                _unnamed(reg, chunk, country, title)  # "Iran's U.N. ambassador participated": someone, unnamed


def _owned(doc, chunk: Span) -> bool:
    """The chunk opens with a state and a possessive ("Iran's U.N. ambassador")."""
    return any(t.text in POSSESSIVE for t in chunk[1:3])


def _named_next(ctx: DocContext, reg: Registry, first_in: dict[int, str], chunk: Span, country: str) -> str | None:
    """The person first named in the next sentence, whose country was read from this one's subject."""
    key = first_in.get(sentence_number(ctx.doc, chunk.start) + 1)
    draft = reg.drafts.get(key or "")
    spoke_on = draft is not None and draft.country == country and any("speaks on" in w for w in draft.why)
    return key if spoke_on else None


def _first_in_sentences(ctx: DocContext, people: People) -> dict[int, str]:
    """Sentence number -> the person named first in it."""
    found: dict[int, str] = {}
    for span, key in sorted(people.spans, key=lambda p: p[0].start, reverse=True):
        found[sentence_number(ctx.doc, span.start)] = key
    return found


def _unnamed(reg: Registry, chunk: Span, country: str, title: lexicon.Title) -> None:
    """A state's office-holder the text never names: a person actor described by the title."""
    name = chunk.text
    draft = reg.ensure(f"person:anonymous:{country}:{normalise(name)}", name, "person")
    draft.set_country(country, f"described as '{name}'")
    draft.set_role(title.role, title.sector, f"described as '{name}'")
    reg.mention(draft.key, chunk.start_char, chunk.end_char, "name")


def _recent_with_role(chunk: Span, named: _Named | None) -> str | None:
    """The one person of that role (and country) named before, preferring the last three sentences."""
    if named is None:
        return None
    upto = bisect.bisect_left(named.starts, chunk.start)  # mentions before the chunk
    if not upto:
        return None
    starts = sentence_starts(chunk.doc)
    window = starts[max(0, sentence_number(chunk.doc, chunk.start) - WINDOW_SENTENCES)]
    near = set(named.keys[bisect.bisect_left(named.starts, window) : upto])
    if len(near) == 1:
        return near.pop()
    every = named.distinct[upto - 1]
    return every[0] if not near and len(every) == 1 else None


def _pronouns(ctx: DocContext, reg: Registry, people: People) -> None:
    doc = ctx.doc
    sents = sentences(doc)
    by_sentence: dict[int, list[tuple[int, str]]] = {}
    for span, key in sorted(people.spans, key=lambda p: p[0].start):
        if reg.drafts[key].kind == "person":
            by_sentence.setdefault(sentence_number(doc, span.start), []).append((span.start, key))
    lows = lowers(doc)
    for n, sent in enumerate(sents):
        for tok in (doc[i] for i in range(sent.start, sent.end) if lows[i] in PRONOUNS):
            if tok.dep_ not in {"nsubj", "nsubjpass"}:
                continue
            antecedent = _antecedent(tok, by_sentence.get(n, []), by_sentence.get(n - 1, []) if n else None)
            if antecedent:
                people.by_token.setdefault(tok.i, antecedent)
                reg.mention(antecedent, tok.idx, tok.idx + len(tok.text), "pronoun")


def _keys(named: list[tuple[int, str]], before: int | None = None) -> list[str]:
    """Distinct people in text order, named before a token index if one is given."""
    return list(dict.fromkeys(k for start, k in named if before is None or start < before))


def _antecedent(tok: Token, here_named: list[tuple[int, str]], prev_named: list[tuple[int, str]] | None) -> str | None:
    here = _keys(here_named, before=tok.i)
    if len(here) == 1:
        return here[0]
    if here or prev_named is None:
        return None
    there = _keys(prev_named)
    return there[0] if len(there) == 1 else None
