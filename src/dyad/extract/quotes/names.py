"""Names in the text: the actor a few words mention, the person a subject or surname names."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from dyad.extract.common.context import DocContext
from dyad.extract.common.doccache import entities
from dyad.records import Actor, ActorMention, Evidence

SUBJECT_SKIP = frozenset({"appos", "relcl", "acl", "punct", "cc", "conj", "advcl", "prep", "poss"})
NAME_REACH = 400  # tokens back in which a surname's earlier, fuller use is looked for


@dataclass
class Speaker:
    name: str | None
    actor_key: str | None
    evidence: Evidence | None


def subject_core(token: Token) -> list[Token]:
    """A subject without its appositions and clauses: "Park, a professor at Y," -> "Park".

    Walked with a stack, not by recursion: a parse can be deeper than Python's recursion limit."""
    out: list[Token] = []
    stack = [token]
    while stack:
        tok = stack.pop()
        out.append(tok)
        for child in tok.children:
            if child.dep_ in SUBJECT_SKIP and not (child.dep_ == "punct" and child.text in ("-", "\u2010")):
                continue
            stack.append(child)
    return sorted(out, key=lambda t: t.i)


def mentions_before(ctx: DocContext, char: int) -> list[tuple[ActorMention, Actor]]:
    found = []
    for m in ctx.result.mentions:
        if m.evidence.start < char:
            actor = ctx.actor(m.actor_key)
            if actor is not None:
                found.append((m, actor))
    found.sort(key=lambda pair: pair[0].evidence.start)
    return found


def from_actor(ctx: DocContext, actor: Actor, mention: ActorMention | None, tokens: list[Token]) -> Speaker:
    ev = ctx.evidence(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
    return Speaker(actor.name, actor.key, ev)


def actor_in(ctx: DocContext, tokens: list[Token]) -> tuple[ActorMention, Actor] | None:
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


def person_entity(tokens: list[Token]) -> Span | None:
    for tok in tokens:
        if tok.ent_type_ == "PERSON":
            ent = next(e for e in entities(tok.doc) if e.start <= tok.i < e.end)
            return ent
    return None


def named_earlier(ctx: DocContext, word: Token) -> Speaker | None:
    """The person named before whose name has this word ("Oh said" after "Oh Ei Sun, a fellow ...")."""
    for m, actor in reversed(mentions_before(ctx, word.idx)):
        if actor.kind == "person" and word.text in actor.name.split():
            return from_actor(ctx, actor, m, [word])
    for ent in reversed(entities(ctx.doc)):
        if ent.label_ == "PERSON" and ent.end_char <= word.idx and word.text in ent.text.split() and len(ent) > 1:
            return Speaker(ent.text, None, ctx.evidence(ent.start_char, ent.end_char))
    doc = ctx.doc
    for k in range(word.i - 1, max(-1, word.i - NAME_REACH), -1):
        if doc[k].text != word.text or ctx.mention_for_token(doc[k]) is not None:
            continue
        lo, hi = k, k + 1  # the run of capitalised words round the earlier use: "said Oh Ei Sun, ..."
        while lo > 0 and name_word(doc[lo - 1]):
            lo -= 1
        while hi < len(doc) and name_word(doc[hi]):
            hi += 1
        if hi - lo > 1 and not doc[lo].is_sent_start:
            span = doc[lo:hi]
            return Speaker(span.text, None, ctx.evidence(span.start_char, span.end_char))
    return None


def name_word(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.is_alpha and tok.pos_ in ("PROPN", "INTJ", "X") and tok.ent_type_ in ("", "PERSON")
