"""Whose side a clause is said from: the speaker of a quotation or of a verb of saying ("'We reject it,' X said")."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from dyad.extract.common.context import DocContext
from dyad.extract.parties.anaphora import previous_sentence
from dyad.extract.parties.party import Party, unique
from dyad.extract.parties.words import party_words

QUOTE_MARKS = frozenset({"\u201c", "\u201d", '"'})


def quoted(tok: Token) -> bool:
    """Whether a word sits inside a quotation opened in its own sentence."""
    inside = False
    for t in tok.sent:
        if t.i >= tok.i:
            return inside
        if "\u201c" in t.text or "\u201d" in t.text:
            inside = "\u201c" in t.text
        elif '"' in t.text:
            inside = not inside
    return inside


def quotation_speaker(ctx: DocContext, tok: Token) -> Party | None:
    """The speaker of the direct quotation a word sits in, as the quotes stage attributed it (a stage
    that runs before the quotes stage finds none)."""
    for q in ctx.result.quotes:
        if q.kind != "indirect" and q.evidence.start <= tok.idx < q.evidence.end and q.speaker_actor:
            actor = ctx.actor(q.speaker_actor)
            if actor is not None:
                return Party(actor.key, actor.country, tok.idx, tok.idx + len(tok.text), tok.i, True, "speaker")
    return None


def speakers(ctx: DocContext, tok: Token, parties: Callable[[Token], list[Party]]) -> list[Party]:
    """Every party of whoever says the clause a word sits in (a grouping's members, a conjoined subject); in
    a quotation that is a sentence of its own, whoever said the quotation of the sentence before; with no
    verb of saying for it, the speaker the quotes stage gave the quotation it sits in. `parties` reads the
    parties of a subject (the resolver's own lookup)."""
    words = party_words()
    first = words.first_person
    for verb in tok.ancestors:
        if verb.lemma_.lower() in words.reporting_verbs and verb.pos_ == "VERB":
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj") and c.lower_ not in first]
            return unique([p for c in subjects for p in parties(c)])
    previous = previous_sentence(tok)
    if previous is not None and quoted(tok) and not any(t.lemma_.lower() in words.reporting_verbs
                                                        and t.pos_ == "VERB" for t in tok.sent):
        for verb in (t for t in previous if t.pos_ == "VERB" and t.lemma_.lower() in words.reporting_verbs):
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj") and c.lower_ not in first]
            if subjects and any(QUOTE_MARKS & set(t.text) for t in previous):
                return unique([p for c in subjects for p in parties(c)])
    by_quotes = quotation_speaker(ctx, tok)
    return [by_quotes] if by_quotes is not None else []
