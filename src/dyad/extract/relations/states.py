"""Which states the words of a sentence stand for, through the actor stage's mentions.

A state's name, demonym or capital stands for it; a person stands for their
country only where the relation allows a person as one side ("he needs Chinese
help"). Pronouns ("it", "its", "he") go to the last state (or person) named
before them when the actor stage left them unresolved.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from spacy.tokens import Token

from dyad.extract.common.context import DocContext
from dyad.extract.relations.parties import counted, grouping_members, named_last
from dyad.extract.relations.words import relation_words

STATE_PRONOUNS = frozenset({"it", "its", "itself"})
# only the subject "we": "our partnerships", "our region" often speak for a wider group than the state
FIRST_PLURAL = frozenset({"we"})
# roles whose "we" is their state's: a minister's "we support X" is the state's, an analyst's is not
OFFICIAL_ROLES = frozenset(
    {"head of state", "head of government", "minister", "official", "diplomat", "government", "military", "legislature"}
)
PERSON_PRONOUNS = frozenset({"he", "his", "him", "she", "her"})
RELATIVE = frozenset({"which", "who", "that", "whose"})
HYPHENATED = re.compile(r"[-\u2010\u2013\u2014]")
LOOKBACK_CHARS = 600  # how far back a pronoun may reach for its state


class StateIndex:
    """ISO3 codes by character offset, from the mentions of state and person actors."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        rows = []
        for m in ctx.result.mentions:
            actor = ctx.actor(m.actor_key)
            if actor is None or not actor.country or actor.kind not in ("state", "person"):
                continue
            rows.append((m.evidence.start, m.evidence.end, actor.country, actor.kind))
        rows.sort()
        self.rows = rows
        self.starts = [r[0] for r in rows]
        # the document's own names for its states, to read "U.S.-China" when the actor stage left it whole
        self.resolving = False
        self.names = {
            m.text.lower(): actor.country
            for m in ctx.result.mentions
            if (actor := ctx.actor(m.actor_key)) is not None and actor.kind == "state" and actor.country
        }

    def _overlapping(self, start: int, end: int) -> list[tuple[int, int, str, str]]:
        k = bisect.bisect_left(self.starts, start - 200)
        out: list[tuple[int, int, str, str]] = []
        while k < len(self.rows) and self.rows[k][0] < end:
            row = self.rows[k]
            if row[1] > start:
                out.append(row)
            k += 1
        return out

    def of_token(self, tok: Token, persons: bool = False) -> list[str]:
        """The states a token stands for (a hyphenated token may stand for two: "U.S.-China")."""
        found = [
            iso for _s, _e, iso, kind in self._overlapping(tok.idx, tok.idx + len(tok.text)) if kind == "state" or persons
        ]
        forms = relation_words().combining_forms
        if not found and tok.lower_ in forms and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text in ("-", "\u2013"):
            found = [forms[tok.lower_]]
        if not found and HYPHENATED.search(tok.text):
            parts = [self.names.get(p.lower()) for p in HYPHENATED.split(tok.text)]
            found = [iso for iso in parts if iso]
        if not found and tok.lower_ in STATE_PRONOUNS | PERSON_PRONOUNS:
            found = self.pronoun(tok, persons)
        if not found and tok.lower_ in FIRST_PLURAL:
            found = self.speakers_state(tok)
        if not found:
            found = grouping_members(self.ctx, tok)
        if not found and not self.resolving:
            self.resolving = True  # a reference is read against names, never another reference
            try:
                found = self.implicit(tok)
            finally:
                self.resolving = False
        return found

    def implicit(self, tok: Token) -> list[str]:
        """ "these four nations" or "their" (parties.py)."""
        found: list[str] = []
        n = counted(tok)
        if n is not None:
            found = named_last(self, tok, tok.sent, n)
        if not found and tok.lower_ == "their":
            found = self.their(tok)
        return found

    def their(self, tok: Token) -> list[str]:
        """"their": the plural subject of its clause ("the G7 countries affirmed their support"), or
        the states a counted reference just before named ("these four nations ..., describing their
        collaboration")."""
        node = tok.head
        for _ in range(6):
            if node.pos_ in ("VERB", "AUX"):
                subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None and tok not in subj.subtree:
                    states = self.of_tokens([subj, *subj.subtree])
                    if len(states) >= 2:
                        return states
            if node.head is node:
                break
            node = node.head
        for ref in reversed(list(tok.doc[tok.sent.start : tok.i])):
            n = counted(ref)
            if n is not None:
                return named_last(self, ref, ref.sent, n)
        return []

    def speakers_state(self, tok: Token) -> list[str]:
        """"we" inside a direct quotation of an official: the state the official speaks for."""
        for q in self.ctx.result.quotes:
            if q.kind == "indirect" or not (q.evidence.start <= tok.idx < q.evidence.end):
                continue
            actor = self.ctx.actor(q.speaker_actor)
            if actor is not None and actor.country and (actor.kind == "state" or (actor.role or "") in OFFICIAL_ROLES):
                return [actor.country]
        return []

    def of_tokens(self, tokens: Iterable[Token], persons: bool = False) -> list[str]:
        out: list[str] = []
        for tok in sorted(tokens, key=lambda t: t.i):
            for iso in self.of_token(tok, persons):
                if iso not in out:
                    out.append(iso)
        return out

    def pronoun(self, tok: Token, persons: bool) -> list[str]:
        """The last state ("it") or person ("he") named before the pronoun, within a few sentences."""
        want = "state" if tok.lower_ in STATE_PRONOUNS else "person"
        if want == "person" and not persons:
            return []
        k = bisect.bisect_left(self.starts, tok.idx) - 1
        while k >= 0 and self.rows[k][0] >= tok.idx - LOOKBACK_CHARS:
            _s, _e, iso, kind = self.rows[k]
            if kind == want:
                return [iso]
            k -= 1
        return []
