"""Earlier actors a pronoun or a description points back to, over the actor mentions of one document.

The small model has no coreference; these rules stand in for it. A pronoun
points to the nearest earlier actor of a fitting kind in its sentence (a subject
pronoun to a subject; an actor that only modifies a noun is passed over when
another fits), else to the subject of the sentence before. A description
("the island", "the kingdom") points to the nearest earlier state it can
describe, anywhere before it in the document.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection

from spacy.tokens import Span, Token

from dyad.extract.common.context import DocContext
from dyad.records import ActorMention

SUBJECTS = ("nsubj", "nsubjpass")


class Mentions:
    """The document's actor mentions in text order, with the searches the resolver needs."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.sorted = sorted(ctx.result.mentions, key=lambda m: m.evidence.start)
        self.starts = [m.evidence.start for m in self.sorted]
        self._spans: dict[int, Span | None] = {}

    def between(self, lo: int, hi: int) -> list[ActorMention]:
        """Mentions starting in [lo, hi), in text order."""
        return self.sorted[bisect.bisect_left(self.starts, lo) : bisect.bisect_left(self.starts, hi)]

    def fitting(self, lo: int, hi: int, kinds: Collection[str], states: Collection[str] | None = None) -> list[ActorMention]:
        """Mentions starting in [lo, hi) whose actor has one of the kinds and a country (one of `states`
        when given), nearest to hi first."""
        out: list[ActorMention] = []
        for m in reversed(self.between(lo, hi)):
            actor = self.ctx.actor(m.actor_key)
            if actor is not None and actor.kind in kinds and actor.country and (states is None or actor.country in states):
                out.append(m)
        return out

    def span(self, m: ActorMention) -> Span | None:
        if m.evidence.start not in self._spans:
            self._spans[m.evidence.start] = self.ctx.doc.char_span(m.evidence.start, m.evidence.end, alignment_mode="expand")
        return self._spans[m.evidence.start]

    def is_subject(self, m: ActorMention) -> bool:
        span = self.span(m)
        return span is not None and span.root.dep_ in SUBJECTS

    def is_modifier(self, m: ActorMention) -> bool:
        span = self.span(m)
        return span is not None and span.root.dep_ in ("compound", "amod")

    def antecedent(self, tok: Token, kinds: Collection[str], states: Collection[str] | None = None) -> ActorMention | None:
        """The nearest earlier fitting mention in the sentence, else the subject of the sentence before."""
        sent = tok.sent
        fitting = self.fitting(sent.start_char, tok.idx, kinds, states)
        # "the Kremlin said a Ukraine deal needs work, signalling its reluctance": a noun's modifier is seldom meant
        fitting = [m for m in fitting if not self.is_modifier(m)] or fitting
        if fitting:
            if tok.dep_ in SUBJECTS:
                return next((m for m in fitting if self.is_subject(m)), fitting[0])
            return fitting[0]
        previous = previous_sentence(tok)
        if previous is None:
            return None
        return next((m for m in self.fitting(previous.start_char, previous.end_char, kinds, states) if self.is_subject(m)), None)

    def armed_group(self, tok: Token, sectors: Collection[str]) -> ActorMention | None:
        """The nearest earlier mention of a named armed group ("the separatist group" -> the group named before)."""
        for m in reversed(self.between(0, tok.idx)):
            actor = self.ctx.actor(m.actor_key)
            if actor is not None and actor.kind != "state" and actor.sector in sectors and not actor.key.startswith("group:"):
                return m
        return None

    def described(self, tok: Token, states: Collection[str] | None) -> ActorMention | None:
        """The nearest earlier state mention that a description can stand for ("the island" -> Taiwan), any
        state when `states` is None."""
        found = self.fitting(0, tok.idx, ("state",), states)
        if not found:
            return None
        # within the sentence of the nearest, a state the verb governs before one inside a noun's phrase:
        # "travels to X for its day of independence from Y. ... the island nation" is X
        sent = self.span(found[0])
        same = [m for m in found if sent is not None and (s := self.span(m)) is not None and s.sent == sent.sent]
        return next((m for m in same if self.is_argument(m)), found[0])

    def is_argument(self, m: ActorMention) -> bool:
        """Whether a mention is a subject or object of a verb, or the object of a verb's preposition."""
        span = self.span(m)
        if span is None:
            return False
        root = span.root
        if root.dep_ in (*SUBJECTS, "dobj"):
            return True
        return root.dep_ == "pobj" and root.head.head.pos_ in ("VERB", "AUX")


def previous_sentence(tok: Token) -> Span | None:
    sent = tok.sent
    return tok.doc[sent.start - 1].sent if sent.start > 0 else None


def last_subject(tok: Token, skip: frozenset[str] = frozenset({"we", "i", "us"})) -> Token | None:
    """The subject nearest before a word of a clause above it ("Seoul said **they** would", "China agreed and
    **it** signed"), else the main subject of the sentence before. A first-person subject is the speaker's,
    and a clause beside the word's own ("we discussed X, the diplomats said") is not above it: both are
    passed over."""
    sent = tok.sent
    above = {a.i for a in tok.ancestors} | {c.i for a in tok.ancestors for c in a.children if c.dep_ == "conj"}
    for t in reversed(tok.doc[sent.start : tok.i]):
        if t.dep_ in SUBJECTS and t.lower_ not in skip and t.head.i in above:
            return t
    previous = previous_sentence(tok)
    if previous is None:
        return None
    return next((c for c in previous.root.children if c.dep_ in SUBJECTS and c.lower_ not in skip), None)
