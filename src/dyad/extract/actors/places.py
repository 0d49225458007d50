"""The `places` component: states that do not act, named only as where something is (and outlets
named only as where something was said).

A state is an actor of a document when it acts or is acted upon. A state whose
every mention is a place ("talks in Stockholm", "the border with Ethiopia",
"fled to neighbouring countries, including Chad", "operations across Iraq,
Syria and Turkey"), a topic ("the Singapore summit", "Korea policy"), a
symbol ("Palestinian flags"), a stance ("pro-Palestinian") or the nationality
of a crowd that is an actor of its own ("Palestinian demonstrators") makes no
actor, unless an official, body or force of that state is one, or an event,
relation or quotation of the document involves it. So it runs last, after
the stages that may use a place as a party ("troops stationed in Australia",
"lashed out at Seoul"). The words are in place_uses.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache, partial

from spacy.tokens import Token

from dyad.codes import load_yaml, word_set
from dyad.extract.actors import lexicon
from dyad.extract.common.context import DocContext
from dyad.extract.registry import component
from dyad.records import ActorMention

# Sectors of the people and bodies through which a state acts.
STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})


@dataclass(frozen=True)
class PlaceWords:
    prepositions: frozenset[str]
    visits: frozenset[str]
    displacement: frozenset[str]
    borders: frozenset[str]
    topics: frozenset[str]
    meetings: frozenset[str]
    symbols: frozenset[str]
    places: frozenset[str]
    media: frozenset[str]
    media_preps: frozenset[str]


@lru_cache(maxsize=1)
def place_words() -> PlaceWords:
    raw = load_yaml("place_uses.yaml")
    words = partial(word_set, raw)

    return PlaceWords(words("place_prepositions"), words("visit_verbs"), words("displacement_verbs"),
                      words("border_nouns"), words("topic_nouns"), words("meeting_nouns"), words("symbol_nouns"),
                      words("place_nouns"), words("medium_words"), words("medium_prepositions"))


@component("places", requires=["actors", "mentions"], assigns=["actors", "mentions"])
def drop_states_that_do_not_act(ctx: DocContext) -> None:
    """Remove the states every mention of which is a place, topic, symbol, stance or crowd's nationality,
    and that no event, relation or quotation of the document involves (run after those stages)."""
    result = ctx.result
    acting = {a.country for a in result.actors if a.kind in {"person", "organization"} and a.sector in STATE_SECTORS}
    # a party named by an actor of its own is that actor; a side with no actor is its state
    used = {c for e in result.events for c, k in ((e.source, e.source_actor), (e.target, e.target_actor)) if k is None}
    used |= {c for r in result.relations for c in (r.a, r.b)}  # a figure's states are only those named near it
    used_keys = {k for e in result.events for k in (e.source_actor, e.target_actor)} | {q.speaker_actor for q in result.quotes}
    spans: dict[str, list[ActorMention]] = {}
    for m in result.mentions:
        spans.setdefault(m.actor_key, []).append(m)
    for actor in list(result.actors):
        if actor.key in used_keys:
            continue
        if actor.kind == "organization" and actor.role in {"media", "company"}:
            if all(_medium(ctx, m.evidence.start, m.evidence.end) for m in spans.get(actor.key, [])):
                ctx.drop_actor(actor.key)  # "in a post on his Truth Social platform": where it was said
            continue
        if actor.kind != "state" or actor.country in acting | used:
            continue
        if all(_passive_mention(ctx, m.evidence.start, m.evidence.end, m.how) for m in spans.get(actor.key, [])):
            ctx.drop_actor(actor.key)


def _medium(ctx: DocContext, start: int, end: int) -> bool:
    """The mention names where something was said: "on X" after a word of saying or posting."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    tok, words = span.root, place_words()
    while tok.dep_ == "compound" and tok.head is not tok:
        tok = tok.head  # "his Truth Social platform"
    if tok.dep_ != "pobj" or tok.head.lower_ not in words.media_preps:
        return False
    governor = tok.head.head
    return governor.lemma_.lower() in words.media or governor.lower_ in words.media or tok.lower_ in words.media


def _passive_mention(ctx: DocContext, start: int, end: int, how: str) -> bool:
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None or how == "context":
        return False
    root, words = span.root, place_words()
    if how == "demonym":
        return _stance(root) or _modifies(root, words.symbols) or _crowd_of(ctx, root)
    if _place_use(root) or (root.dep_ == "poss" and root.head.lemma_.lower() in words.places and _place_use(root.head)):
        return True
    if how not in {"name", "alias", "metonym"}:
        return False
    return _modifies(root, words.topics) or (_modifies(root, words.meetings) and _alone(root, start, end))


def _place_use(tok: Token, depth: int = 0) -> bool:
    """The token is (the first of a list of) the object of a place preposition, a border or a flight."""
    words = place_words()
    while tok.head is not tok and (tok.dep_ == "conj" or _inside_name(tok)):
        # "across Iraq, Syria and Turkey": the list is where its first item is ("the Republic of
        # Congo, Nigeria and Chad": a name's last word stands for the name)
        tok = tok.head.head if _inside_name(tok) else tok.head
    if tok.dep_ == "appos" and depth < 2:
        return _place_use(tok.head, depth + 1)
    if tok.dep_ != "pobj":
        return False
    prep, governor = tok.head, tok.head.head
    low, lemma = prep.lower_, governor.lemma_.lower()
    if low == "including" and depth < 2:
        return _place_use(governor, depth + 1)  # "to neighbouring countries, including Chad"
    if low in words.prepositions:
        return not (governor.pos_ in {"VERB", "AUX"} and lemma in words.visits)
    if low == "with":
        return lemma in words.borders
    return low == "to" and lemma in words.displacement


def _modifies(tok: Token, nouns: frozenset[str]) -> bool:
    """A compound or adjective before one of these nouns ("the Singapore summit", "Palestinian flags"),
    or a word right before one that the parser left unattached ("U.S.-Korea policy program")."""
    if tok.dep_ in {"compound", "amod", "nmod"} and tok.head.i > tok.i and tok.head.lower_ in nouns:
        return True
    return tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ in nouns and tok.nbor(1).pos_ == "NOUN"


def _alone(tok: Token, start: int, end: int) -> bool:
    """The state is the only one before its noun: the whole token is its name, no other name joins it
    by a dash or 'and' ("the Singapore summit", not "the Australia-New Zealand talks")."""
    whole = tok.idx == start and tok.idx + len(tok.text) == end
    joined = any(c.dep_ in {"conj", "cc"} for c in tok.children) or (tok.i > 0 and tok.nbor(-1).text in {"-", "\u2013", "\u2014"})
    return whole and not joined and not (tok.i + 1 < len(tok.doc) and tok.nbor(1).text in {"-", "\u2013", "\u2014"})


def _inside_name(tok: Token) -> bool:
    """'Congo' in 'the Republic of Congo': the object of 'of' inside a proper name."""
    return tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "PROPN"


def _stance(tok: Token) -> bool:
    """'pro-Palestinian', 'anti-American': what someone supports, not the state."""
    doc = tok.doc
    return tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ in {"pro", "anti", "non"}


def _crowd_of(ctx: DocContext, tok: Token) -> bool:
    """'Palestinian demonstrators', when the crowd is an actor of its own: the crowd acts, not the state."""
    noun = tok.head if tok.dep_ in {"amod", "compound", "nmod"} and tok.head.i > tok.i else None
    if noun is None:
        return False
    info = lexicon.group_nouns().get(noun.lower_)
    if info is None or info.use == "body" or info.sector in STATE_SECTORS:
        return False  # officials and lawmakers act for their state
    found = (ctx.actor(m.actor_key) for m in ctx.mentions_between(noun.idx, noun.idx + len(noun.text)))
    return any(actor is not None and actor.kind == "group" for actor in found)
