"""Who is speaking: turn an attribution's subject into a speaker name and actor key.

Names are looked up through the actor stage's mentions. Pronouns ("he said")
go to the last person named before; titles ("the official said") to the last
actor or noun phrase with that title. What cannot be resolved stays as the
words of the text, with no actor: never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from dyad.extract.context import DocContext
from dyad.extract.quote_data import speech_words
from dyad.records import Actor, ActorMention, Evidence

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
ORG_PRONOUNS = frozenset({"it"})
SUBJECT_SKIP = frozenset({"appos", "relcl", "acl", "punct", "cc", "conj", "advcl", "prep", "poss"})
ARTICLES = ("the ", "a ", "an ")


@dataclass
class Speaker:
    name: str | None
    actor_key: str | None
    evidence: Evidence | None


def subject_core(token: Token) -> list[Token]:
    """A subject without its appositions and clauses: "Park, a professor at Y," -> "Park"."""
    out = [token]
    for child in token.children:
        if child.dep_ in SUBJECT_SKIP and not (child.dep_ == "punct" and child.text in ("-", "\u2010")):
            continue
        out.extend(subject_core(child))
    return sorted(out, key=lambda t: t.i)


def _mentions_before(ctx: DocContext, char: int) -> list[tuple[ActorMention, Actor]]:
    found = []
    for m in ctx.result.mentions:
        if m.evidence.start < char:
            actor = ctx.actor(m.actor_key)
            if actor is not None:
                found.append((m, actor))
    found.sort(key=lambda pair: pair[0].evidence.start)
    return found


def _from_actor(ctx: DocContext, actor: Actor, mention: ActorMention | None, tokens: list[Token]) -> Speaker:
    ev = ctx.evidence(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
    return Speaker(actor.name, actor.key, ev)


def _actor_in(ctx: DocContext, tokens: list[Token]) -> tuple[ActorMention, Actor] | None:
    """The actor mentioned in the tokens, preferring persons, then organisations, then groups and states."""
    order = {"person": 0, "organization": 1, "group": 2, "state": 3}
    best: tuple[ActorMention, Actor] | None = None
    for tok in tokens:
        m = ctx.mention_for_token(tok)
        actor = ctx.actor(m.actor_key) if m else None
        if m is None or actor is None:
            continue
        if best is None or order.get(actor.kind, 9) < order.get(best[1].kind, 9):
            best = (m, actor)
    return best


def _person_entity(tokens: list[Token]) -> Span | None:
    for tok in tokens:
        if tok.ent_type_ == "PERSON":
            ent = next(e for e in tok.doc.ents if e.start <= tok.i < e.end)
            return ent
    return None


def _pronoun(ctx: DocContext, word: str, before: int) -> Speaker | None:
    kinds = ("person",) if word in PERSON_PRONOUNS else ("organization",)
    for m, actor in reversed(_mentions_before(ctx, before)):
        if actor.kind in kinds:
            return Speaker(actor.name, actor.key, ctx.evidence(m.evidence.start, m.evidence.end))
    if word in PERSON_PRONOUNS:
        persons = [e for e in ctx.doc.ents if e.label_ == "PERSON" and e.end_char <= before]
        if persons:
            e = persons[-1]
            return Speaker(e.text, None, ctx.evidence(e.start_char, e.end_char))
    return None


def _title(ctx: DocContext, head: Token, tokens: list[Token], before: int) -> Speaker:
    """"the official" -> the last actor whose name or role has that word, or the phrase that introduced it."""
    word = head.lemma_.lower()
    for m, actor in reversed(_mentions_before(ctx, before)):
        if actor.kind == "person" and (word in (actor.role or "").lower() or word in m.text.lower()):
            return Speaker(actor.name, actor.key, ctx.evidence(m.evidence.start, m.evidence.end))
    for chunk in reversed(list(ctx.doc.noun_chunks)):
        if chunk.end_char > before or chunk.root.lemma_.lower() != word:
            continue
        if chunk[0].lower_ in ("a", "an"):
            return Speaker(chunk[1:].text, None, ctx.evidence(chunk[1].idx, chunk.end_char))
    ev = ctx.evidence(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
    return Speaker(ev.text(ctx.document.text), None, ev)


def resolve(ctx: DocContext, subject: Token | list[Token] | None, before: int) -> Speaker:
    """The speaker for the subject of an attribution, resolved before character `before`."""
    if subject is None:
        return Speaker(None, None, None)
    tokens = subject_core(subject) if isinstance(subject, Token) else subject
    tokens = [t for t in tokens if not t.is_punct or t.text in ("-", "\u2010")]
    if not tokens:
        return Speaker(None, None, None)
    head = subject if isinstance(subject, Token) else tokens[-1]
    found = _actor_in(ctx, [head])
    if found is None:
        found = _actor_in(ctx, tokens)
        if found is not None and found[1].kind != "person":
            found = None  # "a senior South Korean official": the state is not the speaker
    if found is None:
        # "South Korea's security director, Wi Sung-lac, said": the name is in the apposition
        appos = [t for c in head.children if c.dep_ == "appos" for t in subject_core(c)]
        named = _actor_in(ctx, appos)
        if named is not None and named[1].kind == "person":
            found = named
        elif _person_entity(appos) is not None:
            tokens = appos
    if found is not None:
        return _from_actor(ctx, found[1], found[0], tokens)
    low = head.lower_
    if head.pos_ == "PRON":
        if low in PERSON_PRONOUNS or low in ORG_PRONOUNS:
            return _pronoun(ctx, low, before) or Speaker(None, None, None)
        return Speaker(None, None, None)
    ent = _person_entity(tokens)
    if ent is not None:
        return Speaker(ent.text, None, ctx.evidence(ent.start_char, ent.end_char))
    if head.lemma_.lower() in speech_words().titles or head.lower_ in speech_words().titles:
        return _title(ctx, head, tokens, before)
    if head.pos_ == "PROPN" or head.pos_ == "NOUN":
        ev = ctx.evidence(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
        return Speaker(ev.text(ctx.document.text), None, ev)
    return Speaker(None, None, None)
