"""Which states the words of a sentence stand for: names through the actor stage's mentions, every
other word through the party resolver the events stage shares (extract/parties, docs/parties.md).

A state's name, demonym or capital stands for it; a head of state or government stands for it in
every relation ("the president's trade fight with Y"); any other person stands for their country
only where the relation allows a person as one side ("he needs Chinese help"). Pronouns, "we" in an
official's quotation, descriptions ("the island"), counted groups ("the two countries", "these
four nations") and groupings that speak of their members ("the G7 countries") are read by the
resolver; this module keeps the states among what it finds.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from spacy.tokens import Token

from dyad.extract.common.context import DocContext
from dyad.extract.parties import Party, PartyResolver
from dyad.extract.relations.words import relation_words

# roles whose "we" is their state's: a minister's "we support X" is the state's, an analyst's is not
OFFICIAL_ROLES = frozenset(
    {"head of state", "head of government", "minister", "official", "diplomat", "government", "military", "legislature"}
)
# a head of state or government stands for the state in every relation ("Trump's fight with Mexico")
LEADER_ROLES = frozenset({"head of state", "head of government"})
# only the subject "we": "our partnerships", "our region" often speak for a wider group than the state
FIRST_PLURAL = frozenset({"we"})
RELATIVE = frozenset({"which", "who", "that", "whose"})
HYPHENATED = re.compile(r"[-\u2010\u2013\u2014]")
GROUP_REASONS = frozenset({"group", "grouping", "member"})
SINGULAR_PRONOUNS = {"it": "state", "its": "state", "itself": "state", "he": "person", "his": "person",
                     "him": "person", "she": "person", "her": "person"}
GROUP_REACH = 3  # sentences back in which "the two NATO allies" finds the states it counts
LOOKBACK_CHARS = 600  # how far back a pronoun the resolver leaves alone may reach for its state


class StateIndex:
    """ISO3 codes by character offset, from the mentions of state and person actors, and the resolver
    for the words that name no state themselves."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.resolver = PartyResolver(ctx, bare_numbers=True, group_reach=GROUP_REACH)
        # token index, persons -> its states: the mentions and the resolver's answers do not change while
        # the relations stage reads a document, and the frames ask for the same words again and again
        self._states: dict[tuple[int, bool], list[str]] = {}
        self._stood: dict[int, list[Party]] = {}  # token index -> the resolver's parties, asked with and without persons
        rows = []
        for m in ctx.result.mentions:
            actor = ctx.actor(m.actor_key)
            if actor is None or not actor.country or actor.kind not in ("state", "person"):
                continue
            kind = "leader" if actor.kind == "person" and (actor.role or "") in LEADER_ROLES else actor.kind
            rows.append((m.evidence.start, m.evidence.end, actor.country, kind))
        rows.sort()
        self.rows = rows
        self.starts = [r[0] for r in rows]
        # the document's own names for its states, to read "U.S.-China" when the actor stage left it whole
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
        found = self._states.get((tok.i, persons))
        if found is None:
            found = self._states[tok.i, persons] = self._of_token(tok, persons)
        return list(found)

    def _of_token(self, tok: Token, persons: bool) -> list[str]:
        found = [
            iso for _s, _e, iso, kind in self._overlapping(tok.idx, tok.idx + len(tok.text)) if kind in ("state", "leader") or persons
        ]
        forms = relation_words().combining_forms
        if not found and tok.lower_ in forms and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text in ("-", "\u2013"):
            found = [forms[tok.lower_]]
        if not found and HYPHENATED.search(tok.text):
            parts = [self.names.get(p.lower()) for p in HYPHENATED.split(tok.text)]
            found = [iso for iso in parts if iso]
        if not found and (tok.pos_ != "PRON" or tok.lower_ not in FIRST_PLURAL or tok.dep_ == "nsubj"):
            found = [p.state for p in self.stands_for(tok) if p.state and self._counts(p, persons)]
            found = list(dict.fromkeys(found))
        if not found and tok.lower_ in SINGULAR_PRONOUNS and (persons or SINGULAR_PRONOUNS[tok.lower_] == "state"):
            found = self.named_before(tok, SINGULAR_PRONOUNS[tok.lower_])
        return found

    def stands_for(self, tok: Token) -> list[Party]:
        """The resolver's parties for a token, asked once."""
        found = self._stood.get(tok.i)
        if found is None:
            found = self._stood[tok.i] = self.resolver.stands_for(tok)
        return found

    def named_before(self, tok: Token, kind: str) -> list[str]:
        """A side must be a state (or a person): a pronoun the resolver took for a thing, or left alone, is
        the last state ("it") or person ("he") named in the few sentences before it ("The direction of
        X's policy is clear. It treats Y as a partner")."""
        found = self.resolver.mentions.fitting(tok.idx - LOOKBACK_CHARS, tok.idx, (kind,))
        return [c] if found and (c := self.ctx.state_of(found[0].actor_key)) else []

    def _counts(self, party: Party, persons: bool) -> bool:
        """Whether a party the resolver found is a side of a relation: a state, a grouping's member or a
        counted group; the state of an official who says "we"; a person only where persons count."""
        if party.reason in GROUP_REASONS:
            return True
        actor = self.ctx.actor(party.key)
        if actor is None:
            return party.key.startswith("state:")  # a state named only as a place
        if party.reason == "speaker":
            return actor.kind == "state" or (actor.role or "") in OFFICIAL_ROLES
        leader = actor.kind == "person" and (actor.role or "") in LEADER_ROLES
        return actor.kind == "state" or leader or (persons and actor.kind == "person")

    def group(self, tok: Token) -> list[str]:
        """The states a counted reference stands for ("the two countries", "these four nations"), or none."""
        return list(dict.fromkeys(p.state for p in self.stands_for(tok) if p.state and p.reason == "group"))

    def of_tokens(self, tokens: Iterable[Token], persons: bool = False) -> list[str]:
        out: list[str] = []
        for tok in sorted(tokens, key=lambda t: t.i):
            for iso in self.of_token(tok, persons):
                if iso not in out:
                    out.append(iso)
        return out
