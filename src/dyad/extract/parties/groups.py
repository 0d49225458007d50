"""Plural parties: "the two sides", "the leaders", and named groupings expanded to their members.

"The two sides", "both countries", "the three leaders" stand for the states
named in their sentence (else in the one before) when exactly that many are;
"the presidents" for two. A named grouping stands for its member states on the
document's date when it has no secretariat of its own (the G7, the Quad, BRICS:
`member_kinds`) or when the noun it modifies names its members ("EU member
states", "NATO allies", "ASEAN leaders"); a bare "NATO" or "the EU" is the body.
Members nobody names in the text come in alphabetical order of their codes.
A member the sentence also names is a party with reason `member`, the others
`grouping`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from spacy.tokens import Token

from dyad.extract.common.context import DocContext
from dyad.extract.common.groupings import Grouping, grouping, members
from dyad.extract.parties.anaphora import Mentions, previous_sentence
from dyad.extract.parties.party import Party
from dyad.extract.parties.words import party_words
from dyad.records import ActorMention

DEFINITE = frozenset({"the", "these", "those"})
NOMINAL_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "poss"})


def group_size(tok: Token, bare_numbers: bool = False) -> int:
    """How many states a plural noun like "the two sides" says it stands for (0: not such a noun); with
    `bare_numbers`, also a number alone ("the two")."""
    words = party_words()
    if bare_numbers and tok.pos_ == "NUM" and tok.lower_ in words.group_sizes and tok.dep_ in NOMINAL_ROLES:
        # "the two met", "these three have disputed it": the number alone, made definite, is the group
        return words.group_sizes[tok.lower_] if any(c.lower_ in DEFINITE for c in tok.children) else 0
    if tok.lemma_.lower() not in words.group_nouns or tok.tag_ not in ("NNS", "NNPS"):
        return 0
    size = next((words.group_sizes[c.lower_] for c in tok.children if c.lower_ in words.group_sizes), 0)
    if not size and tok.lemma_.lower() in words.paired_titles and any(c.lower_ == "the" for c in tok.children):
        if not any(c.dep_ in ("amod", "compound", "poss", "prep") for c in tok.children):
            size = 2  # "the prime ministers signed": a summit's two leaders, when exactly two states are named
    return size


def named_group(
    tok: Token, mentions: Mentions, event_noun: Callable[[str], bool] = lambda lemma: False, bare_numbers: bool = False,
    reach: int = 1,
) -> list[Party]:
    """The states "the two sides" stands for: those named in its sentence when exactly that many are, else
    those named last in the sentences before (the one before, then, up to `reach` sentences back, further
    while they name fewer), when exactly that many are. A state named only as the doer of an event noun ("in case of a **North
    Korean** attack") is no side."""
    size = group_size(tok, bare_numbers)
    if not size:
        return []

    def side(m: ActorMention) -> bool:
        span = mentions.span(m)
        root = span.root if span is not None else None
        return root is None or not (root.dep_ in ("amod", "compound", "poss") and event_noun(root.head.lemma_.lower()))

    sent = tok.sent
    phrase = (tok.left_edge.idx, tok.idx + len(tok.text))
    here = [(sent.start_char, phrase[0]), (phrase[1], sent.end_char)]
    found = _states_in(here, mentions, side)
    if len(found) != size:
        found = {}
        previous = previous_sentence(tok)
        for _ in range(reach):  # the sentences before, nearest first, until they name enough states
            if previous is None:
                break
            found = {**_states_in([(previous.start_char, previous.end_char)], mentions, side), **found}
            if len(found) >= size:
                break
            previous = previous_sentence(previous[0])
    if len(found) == size:
        return [Party(m.actor_key, st, phrase[0], phrase[1], tok.i, True, "group") for st, m in found.items()]
    return []


def _states_in(ranges: list[tuple[int, int]], mentions: Mentions, side: Callable[[ActorMention], bool]) -> dict[str, ActorMention]:
    """The states named in the character ranges, each with its first mention, in text order."""
    states: dict[str, ActorMention] = {}
    for lo, hi in ranges:
        for m in mentions.between(lo, hi):
            state = mentions.ctx.state_of(m.actor_key)
            if state and state not in states and side(m):
                states[state] = m
    return states


def grouping_of(ctx: DocContext, key: str) -> Grouping | None:
    """The named grouping an actor is, if any (the G7 body, "the Quad")."""
    if key.startswith("igo:"):
        found = grouping(key[4:])
        if found is not None:
            return found
    actor = ctx.actor(key)
    return grouping(actor.name) if actor is not None else None


def names_members(head: Token | None) -> bool:
    """Whether the noun a grouping modifies names its members: "EU member states", "NATO allies"."""
    if head is None:
        return False
    words = party_words()
    return head.lemma_.lower() in words.member_nouns or any(
        c.dep_ == "compound" and c.lemma_.lower() == "member" for c in head.children)


def expand(ctx: DocContext, party: Party, head: Token | None, where: Token | None = None) -> list[Party]:
    """A grouping's member states on the document's date, each a party of the grouping's actor; [] when
    the party is no grouping, a body that acts in its own name here, or a grouping too large to expand.
    Members named in the sentence of `where` come first, in the order named; the rest by code."""
    g = grouping_of(ctx, party.key)
    words = party_words()
    if g is None or not (g.kind in words.member_kinds or g.igo is None or names_members(head)):
        return []
    published: dt.date | None = ctx.document.published
    states = members(g.key, published)
    if not states or len(states) > words.max_members:
        return []
    named: dict[str, int] = {}
    if where is not None:
        sent = where.sent
        for m in ctx.mentions_between(sent.start_char, sent.end_char):
            state = ctx.state_of(m.actor_key)
            if state in states:
                named.setdefault(state, m.evidence.start)
    ordered = sorted(states, key=lambda s: (s not in named, named.get(s, 0), s))
    return [party.but(state=iso3, reason="member" if iso3 in named else "grouping") for iso3 in ordered]
