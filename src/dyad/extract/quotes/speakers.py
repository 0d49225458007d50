"""Who is speaking: turn an attribution's subject into a speaker name and actor key.

Names are looked up through the actor stage's mentions. Pronouns ("he said")
go to the last person named before; titles ("the official said") to the last
actor or noun phrase with that title. What cannot be resolved stays as the
words of the text, with no actor: never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from dyad.extract.common.context import DocContext
from dyad.extract.common.doccache import entities, noun_chunks, token_index
from dyad.extract.quotes.marks import in_quotation
from dyad.extract.quotes.words import speech_words
from dyad.records import Actor, ActorMention, Evidence

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
ORG_PRONOUNS = frozenset({"it"})
SUBJECT_SKIP = frozenset({"appos", "relcl", "acl", "punct", "cc", "conj", "advcl", "prep", "poss"})
ARTICLES = ("the ", "a ", "an ")
TITLE_REACH = 5  # tokens before a name in which its title stands ("foreign ministry spokesperson X")


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
            ent = next(e for e in entities(tok.doc) if e.start <= tok.i < e.end)
            return ent
    return None


def _pronoun(ctx: DocContext, word: str, before: int) -> Speaker | None:
    """The last actor of the pronoun's kind named before it, outside quotation marks.

    For "he"/"she", a person name the actor stage did not keep counts too when
    it comes later: a PERSON entity, or a proper-noun subject no actor claims
    ("Okafor rejected the plan. … he said").
    """
    text = ctx.document.text
    kinds = ("person",) if word in PERSON_PRONOUNS else ("organization",)
    found: Speaker | None = None
    at = -1
    for m, actor in reversed(_mentions_before(ctx, before)):
        if actor.kind in kinds and not in_quotation(text, m.evidence.start):
            found, at = Speaker(actor.name, actor.key, ctx.evidence(m.evidence.start, m.evidence.end)), m.evidence.start
            break
    if word not in PERSON_PRONOUNS:
        return found
    later = [
        (e.start_char, e.end_char)
        for e in entities(ctx.doc)
        if e.label_ == "PERSON" and at < e.start_char and e.end_char <= before and ctx.mention_for_token(e[0]) is None
    ]
    later += [
        (t.idx, t.idx + len(t.text))
        for t in ctx.doc[token_index(ctx.doc, at) : token_index(ctx.doc, before)]
        if t.dep_ == "nsubj" and t.pos_ == "PROPN" and t.ent_type_ in ("", "PERSON", "GPE") and at < t.idx and t.idx + len(t.text) <= before
        and ctx.mention_for_token(t) is None
    ]
    later = [span for span in later if not in_quotation(text, span[0])]
    if later:
        start, end = max(later)
        return Speaker(text[start:end], None, ctx.evidence(start, end))
    return found


def _they(ctx: DocContext, pronoun: Token) -> Speaker | None:
    """"they said": the plural subject of the sentence before the one the attribution is in
    ("Nine rights groups called for his release. “...,” they said"), if it has one.
    Sentences that are quotations are passed over; the group is named by its own words unless it is an actor."""
    text = ctx.document.text
    k = pronoun.sent.start - 1
    while k >= 0:
        sent = ctx.doc[k].sent
        root = sent.root
        if in_quotation(text, root.idx):  # a quotation between: the speakers' own words
            k = sent.start - 1
            continue
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.pos_ == "PRON" or in_quotation(text, subj.idx):
            return None
        if not (subj.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subj.children)):
            return None
        found = _actor_in(ctx, [subj])
        if found is not None and found[1].kind != "state":
            return _from_actor(ctx, found[1], found[0], [subj])
        dropped = {t.i for c in subj.children if c.dep_ in ("appos", "relcl", "acl") for t in c.subtree}
        core = [t for t in subj.subtree if t.i not in dropped and not t.is_punct]
        ev = ctx.evidence(core[0].idx, core[-1].idx + len(core[-1].text))
        return Speaker(ev.text(text), None, ev)
    return None


def _titled(ctx: DocContext, mention: ActorMention, word: str) -> bool:
    """Whether the words right before a mention give it the title ("spokesperson Lena Fischer")."""
    doc = ctx.doc
    k = token_index(doc, mention.evidence.start)
    for tok in reversed(doc[max(0, k - TITLE_REACH) : k]):
        if tok.lemma_.lower() == word or tok.lower_ == word:
            return True
        if tok.pos_ not in ("PROPN", "NOUN", "ADJ") and tok.text not in ("-", "\u2010"):
            return False  # the title must be in the name's own noun phrase
    return False


def _title(ctx: DocContext, head: Token, tokens: list[Token], before: int) -> Speaker:
    """"the official" -> the last actor whose name or role has that word, or the phrase that introduced it;
    "the military" -> the last organisation with that word, never a person of it."""
    word = head.lemma_.lower()
    body = word in speech_words().bodies or head.lower_ in speech_words().bodies
    kinds = ("organization", "group") if body else ("person",)
    for m, actor in reversed(_mentions_before(ctx, before)):
        if actor.kind not in kinds:
            continue
        if body and word not in actor.name.lower():
            continue  # "the military" is an organisation named so, not any body whose role is military
        if word in (actor.role or "").lower() or word in m.text.lower() or _titled(ctx, m, word):
            return Speaker(actor.name, actor.key, ctx.evidence(m.evidence.start, m.evidence.end))
    if body:
        ev = ctx.evidence(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
        return Speaker(ev.text(ctx.document.text), None, ev)
    for chunk in reversed(noun_chunks(ctx.doc)):
        if chunk.end_char > before or chunk.root.lemma_.lower() != word:
            continue
        if chunk[0].lower_ in ("a", "an"):
            return Speaker(chunk[1:].text, None, ctx.evidence(chunk[1].idx, chunk.end_char))
    ev = ctx.evidence(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
    return Speaker(ev.text(ctx.document.text), None, ev)


def _issuer(head: Token) -> Token | None:
    """Who issued a statement or report: "a statement from X", "X's statement", "the X statement"."""
    if head.lemma_.lower() not in speech_words().documents and head.lower_ not in speech_words().documents:
        return None
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.lemma_.lower() not in speech_words().documents:
                return obj
    for child in head.children:
        if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN"):
            return child
    for child in head.children:
        if child.dep_ in ("compound", "amod", "nmod") and child.pos_ == "PROPN":
            return child
    return None


def resolve(ctx: DocContext, subject: Token | list[Token] | None, before: int) -> Speaker:
    """The speaker for the subject of an attribution, resolved before character `before`."""
    if subject is None:
        return Speaker(None, None, None)
    tokens = subject_core(subject) if isinstance(subject, Token) else subject
    tokens = [t for t in tokens if not t.is_punct or t.text in ("-", "\u2010")]
    if not tokens:
        return Speaker(None, None, None)
    head = subject if isinstance(subject, Token) else tokens[-1]
    # a pronoun is resolved here, outside quotation marks: a name quoted in the previous quotation is not the speaker
    found = _actor_in(ctx, [head]) if head.pos_ != "PRON" else None
    if found is None and head.pos_ != "PRON":
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
        if low == "they":
            return _they(ctx, head) or Speaker(None, None, None)
        return Speaker(None, None, None)
    ent = _person_entity(tokens)
    if ent is not None:
        return Speaker(ent.text, None, ctx.evidence(ent.start_char, ent.end_char))
    issuer = _issuer(head)
    if issuer is not None:
        return resolve(ctx, issuer, before)
    words = speech_words()
    if {head.lemma_.lower(), head.lower_} & (words.titles | words.bodies):
        return _title(ctx, head, tokens, before)
    if head.pos_ == "PROPN" or head.pos_ == "NOUN":
        ev = ctx.evidence(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
        return Speaker(ev.text(ctx.document.text), None, ev)
    return Speaker(None, None, None)
