"""The parties of an event: which actor (and state) a word of the parse stands for.

A word stands for the actor whose mention covers it; an unresolved pronoun,
"the country" or "we" in a quotation falls back to a fitting earlier actor or to
the speaker; "the two sides" stands for the states just named. Actors are looked
up only through the DocContext API.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Token

from dyad.extract.common.context import DocContext
from dyad.extract.events.codes import role_words
from dyad.extract.events.lexicon import lexicon, word_lists
from dyad.extract.events.modality import cues
from dyad.extract.events.syntax import MODIFIER_DEPS, OWNER_DEPS, SUBJECT_DEPS, conjuncts
from dyad.records import ActorMention

# an unresolved pronoun falls back to the nearest earlier actor of a fitting kind in its sentence
PRONOUN_KINDS = {
    "he": ("person",), "him": ("person",), "his": ("person",), "she": ("person",), "her": ("person",),
    "it": ("state", "organization"), "its": ("state", "organization"),
    "they": ("state", "organization", "group"), "them": ("state", "organization", "group"),
    "their": ("state", "organization", "group"),
}
# "we" as the subject of a quoted act is the speaker's side: the subject of the verb of saying above it
# ("our partnerships" names a standing tie, not an act, and stays unread)
FIRST_PERSON = frozenset({"we", "i"})


@dataclass(frozen=True)
class Party:
    key: str
    state: str | None
    start: int
    end: int
    token: int  # index of the token the mention covers
    anaphor: bool = False  # read from a pronoun or "the country", not a name


PARTICIPLES = frozenset({"made", "built", "run", "held", "born", "grown"})


def agentive(tok: Token) -> bool:
    """"U.S.-proposed", "Iran-backed": the actor did something to the noun; it is no party of the noun's event."""
    head, dash, last = tok.lower_.rpartition("-")
    return bool(dash and head) and (last.endswith("ed") or last in PARTICIPLES)


@dataclass
class ActorIndex:
    """Memoised actor lookups for one document (each token asked at most once)."""

    ctx: DocContext
    _memo: dict[int, Party | None] = field(default_factory=dict)
    _starts: list[int] = field(default_factory=list)
    _mentions: list[ActorMention] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._mentions = sorted(self.ctx.result.mentions, key=lambda m: m.evidence.start)
        self._starts = [m.evidence.start for m in self._mentions]

    def at(self, tok: Token) -> Party | None:
        if tok.i not in self._memo:
            m: ActorMention | None = self.ctx.mention_for_token(tok)
            start, end = (m.evidence.start, m.evidence.end) if m is not None else (tok.idx, tok.idx + len(tok.text))
            anaphor = m is None
            if m is None and tok.lower_ in FIRST_PERSON and tok.pos_ == "PRON" and tok.dep_ == "nsubj":
                speaker = self.speaker(tok)
                self._memo[tok.i] = Party(speaker.key, speaker.state, start, end, tok.i, True) if speaker else None
                return self._memo[tok.i]
            if m is None and tok.lower_ in PRONOUN_KINDS and tok.pos_ == "PRON" and self.may_resolve(tok):
                m = self.antecedent(tok, PRONOUN_KINDS[tok.lower_])  # the evidence stays the pronoun itself
            elif m is None and tok.lemma_.lower() in role_words().anaphoric_nouns and any(
                c.dep_ == "det" and c.lower_ == "the" for c in tok.children
            ) and not any(c.dep_ in ("prep", "poss", "compound", "amod") for c in tok.children):  # "the government of X"
                m = self.antecedent(tok, ("state",))
            self._memo[tok.i] = (
                Party(m.actor_key, self.ctx.state_of(m.actor_key), start, end, tok.i, anaphor) if m else None
            )
        return self._memo[tok.i]

    def speaker(self, tok: Token) -> Party | None:
        """The party of whoever says the clause a first-person pronoun sits in ("'We reject it,' X said")."""
        for verb in tok.ancestors:
            if verb.lemma_.lower() in cues().reporting and verb.pos_ == "VERB":
                subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.lower_ not in FIRST_PERSON]
                found = [p for c in subjects for p in self.direct(c)]
                return found[0] if found else None
        return None

    def may_resolve(self, tok: Token) -> bool:
        """A subject "it"/"they" is too often a thing ("it arrived in port"); it is read only as the
        speaker's own state under a verb of saying ("Seoul said it would ...")."""
        if tok.lower_ not in ("it", "they") or tok.dep_ not in ("nsubj", "nsubjpass"):
            return True
        verb = tok.head
        return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in cues().reporting

    def antecedent(self, tok: Token, kinds: tuple[str, ...]) -> ActorMention | None:
        """The nearest earlier fitting mention in the sentence, else the subject of the sentence before.

        A subject pronoun prefers an antecedent that was itself a subject.
        """
        sent = tok.sent
        fitting = self._fitting(sent.start_char, tok.idx, kinds)
        # "the Kremlin said a Ukraine deal needs work, signalling its reluctance": a noun's modifier is seldom meant
        fitting = [m for m in fitting if not self._is_modifier(m)] or fitting
        if fitting:
            if tok.dep_ in ("nsubj", "nsubjpass"):
                return next((m for m in fitting if self._is_subject(m)), fitting[0])
            return fitting[0]
        if sent.start == 0:
            return None
        previous = tok.doc[sent.start - 1].sent
        return next((m for m in self._fitting(previous.start_char, previous.end_char, kinds) if self._is_subject(m)), None)

    def named_group(self, tok: Token) -> list[Party]:
        """The states "the two sides" stands for: those named in its sentence, else in the one before."""
        if tok.lemma_.lower() not in role_words().group_nouns or tok.tag_ not in ("NNS", "NNPS"):
            return []
        sizes = role_words().group_sizes
        size = next((sizes[c.lower_] for c in tok.children if c.lower_ in sizes), 0)
        if not size and tok.lemma_.lower() in role_words().paired_titles and any(c.lower_ == "the" for c in tok.children):
            size = 2  # "the prime ministers signed": a summit's two leaders, when exactly two states are named
        if not size:
            return []
        sent = tok.sent
        phrase = (tok.left_edge.idx, tok.idx + len(tok.text))
        candidates = [(sent.start_char, phrase[0]), (phrase[1], sent.end_char)]
        if sent.start > 0:
            previous = tok.doc[sent.start - 1].sent
            candidates.append((previous.start_char, previous.end_char))
        for ranges in (candidates[:2], candidates[2:]):
            states: dict[str, ActorMention] = {}
            for lo, hi in ranges:
                i = bisect.bisect_left(self._starts, lo)
                while i < len(self._starts) and self._starts[i] < hi:
                    m = self._mentions[i]
                    state = self.ctx.state_of(m.actor_key)
                    if state and state not in states:
                        states[state] = m
                    i += 1
            if len(states) == size:
                return [Party(m.actor_key, st, phrase[0], phrase[1], tok.i) for st, m in states.items()]
            if states and ranges is candidates[:2]:
                return []  # the sentence names other states: do not guess from the one before
        return []

    def _fitting(self, lo: int, hi: int, kinds: tuple[str, ...]) -> list[ActorMention]:
        """Mentions starting in [lo, hi) whose actor has one of the kinds and a country, nearest to hi first."""
        out: list[ActorMention] = []
        i = bisect.bisect_left(self._starts, hi) - 1
        while i >= 0 and self._starts[i] >= lo:
            m = self._mentions[i]
            actor = self.ctx.actor(m.actor_key)
            if actor is not None and actor.kind in kinds and actor.country:
                out.append(m)
            i -= 1
        return out

    def _is_modifier(self, m: ActorMention) -> bool:
        span = self.ctx.doc.char_span(m.evidence.start, m.evidence.end, alignment_mode="expand")
        return span is not None and span.root.dep_ in ("compound", "amod")

    def _is_subject(self, m: ActorMention) -> bool:
        span = self.ctx.doc.char_span(m.evidence.start, m.evidence.end, alignment_mode="expand")
        return span is not None and span.root.dep_ in ("nsubj", "nsubjpass")

    def direct(self, tok: Token, depth: int = 0) -> list[Party]:
        """Actors a role head names: itself, an apposition, a modifier, or "of/from X" ("diplomats from China")."""
        p = self.at(tok)
        if p is not None:
            return [p]
        if depth > 1:
            return []
        group = self.named_group(tok)
        if group:
            return group
        for child in tok.children:
            if child.dep_ == "appos" and (q := self.at(child)):
                return [q]
            if child.dep_ == "poss" and child.lower_ == "whose":  # "Yoon, whose government aligned ..."
                clause = next((a for a in tok.ancestors if a.dep_ == "relcl"), None)
                if clause is not None and (q := self.at(clause.head)):
                    return [q]
        if tok.lemma_.lower() in word_lists().get("relational_nouns", frozenset()):
            return []  # "Chinese rivals", "America's allies" are not China or America
        for child in tok.children:
            if child.dep_ in MODIFIER_DEPS + OWNER_DEPS and not agentive(child) and (q := self.at(child)):
                # "Russian and Iranian leaders": the modifier's conjuncts are parties too
                return unique([q, *(r for c in conjuncts(child) if (r := self.at(c)))])
        for child in tok.children:  # "the US THAAD system": a modifier of a modifier
            if child.dep_ in MODIFIER_DEPS:
                for grand in child.children:
                    if grand.dep_ in MODIFIER_DEPS + OWNER_DEPS and (q := self.at(grand)):
                        return [q]
        event_noun = ("noun", tok.lemma_.lower()) in lexicon()  # "the bombing of a French base": a patient
        for child in tok.children:
            if child.dep_ == "prep" and (child.lower_ == "from" or (child.lower_ == "of" and not event_noun)):
                out = [q for g in child.children if g.dep_ == "pobj" for q in self.parties(g, depth + 1)]
                if out:
                    return out
        return []

    def parties(self, tok: Token, depth: int = 0) -> list[Party]:
        """Actors of a role head and of the heads conjoined with it."""
        out: list[Party] = []
        for t in [tok, *conjuncts(tok)]:
            out += self.direct(t, depth)
        return unique(out)


def unique(parties: list[Party]) -> list[Party]:
    seen: set[str] = set()
    out = []
    for p in parties:
        if p.key not in seen:
            seen.add(p.key)
            out.append(p)
    return out
