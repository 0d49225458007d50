"""References that do not name anyone: "the president", "the premier", "he", "she".

A title-only reference goes to the most recent person before it whose role the
title gives; a subject pronoun goes to the one person named in its sentence
before it, else to the one person named in the sentence before.
Nothing is resolved when two candidates remain.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from dyad.extract.actors import lexicon
from dyad.extract.actors.drafts import Registry
from dyad.extract.actors.people import People
from dyad.extract.actors.states import PlaceHit
from dyad.extract.common.context import DocContext
from dyad.extract.common.doccache import noun_chunks
from dyad.extract.common.words import POSSESSIVE

PRONOUNS = {"he", "she"}
TITLE_DETERMINERS = {"the"}


def resolve_references(ctx: DocContext, reg: Registry, places: dict[int, PlaceHit], people: People) -> None:
    _title_references(ctx, reg, places, people)
    _pronouns(ctx, reg, people)


def _title_references(ctx: DocContext, reg: Registry, places: dict[int, PlaceHit], people: People) -> None:
    """'the president', 'the Chinese premier', "Japan's foreign minister" with no name after them."""
    doc = ctx.doc
    titles = lexicon.titles()
    for chunk in noun_chunks(doc):
        if chunk.root.i != chunk.end - 1 or chunk.root.i in people.by_token:
            continue
        country = None
        words = []
        for tok in chunk:
            if tok.i in places and not places[tok.i].igo:
                country = country or places[tok.i].target
            elif tok.text not in POSSESSIVE and tok.lower_ not in TITLE_DETERMINERS:
                words.append(tok.lower_)
        starts_right = chunk[0].lower_ in TITLE_DETERMINERS or (country is not None and chunk[0].i in places)
        title = titles.get(" ".join(words))
        if not starts_right or title is None or title.kind != "person":
            continue
        nxt = doc[chunk.end] if chunk.end < len(doc) else None
        if nxt is not None and (nxt.i in people.by_token or nxt.pos_ in {"ADP", "PROPN"} or nxt.text == ","):
            continue  # "the president, X", "the president of Y", "the president X": not a bare reference
        key = _recent_with_role(chunk, people, reg, title.role, country)
        if key:
            reg.mention(key, chunk.start_char, chunk.end_char, "title")


def _recent_with_role(chunk: Span, people: People, reg: Registry, role: str, country: str | None) -> str | None:
    """The one person of that role (and country) named before, preferring the last three sentences."""
    before = [
        (s, k)
        for s, k in people.spans
        if s.start < chunk.start and reg.drafts[k].role == role and (country is None or reg.drafts[k].country == country)
    ]
    near = {k for s, k in before if s.start >= _window_start(chunk)}
    if len(near) == 1:
        return near.pop()
    every = {k for _, k in before}
    return every.pop() if not near and len(every) == 1 else None


def _window_start(chunk: Span) -> int:
    """Token index where the sentence three sentences back begins."""
    sents = list(chunk.doc.sents)
    idx = next(i for i, s in enumerate(sents) if s.start <= chunk.start < s.end)
    return sents[max(0, idx - 3)].start


def _pronouns(ctx: DocContext, reg: Registry, people: People) -> None:
    doc = ctx.doc
    sents = list(doc.sents)
    for n, sent in enumerate(sents):
        for tok in sent:
            if tok.lower_ not in PRONOUNS or tok.dep_ not in {"nsubj", "nsubjpass"}:
                continue
            key = _antecedent(tok, sent, sents[n - 1] if n else None, people, reg)
            if key:
                people.by_token.setdefault(tok.i, key)
                reg.mention(key, tok.idx, tok.idx + len(tok.text), "pronoun")


def _persons_in(span: Span, people: People, reg: Registry, before: int | None = None) -> list[str]:
    keys: list[str] = []
    for s, k in people.spans:
        if span.start <= s.start < span.end and (before is None or s.start < before) and reg.drafts[k].kind == "person":
            if k not in keys:
                keys.append(k)
    return keys


def _antecedent(tok: Token, sent: Span, prev: Span | None, people: People, reg: Registry) -> str | None:
    here = _persons_in(sent, people, reg, before=tok.i)
    if len(here) == 1:
        return here[0]
    if here or prev is None:
        return None
    there = _persons_in(prev, people, reg)
    return there[0] if len(there) == 1 else None
