"""Who is speaking: turn an attribution's subject into a speaker name and actor key.

Names are looked up through the actor stage's mentions (names.py). "he"/"she"
go to the person who is the subject of the nearest sentence before, else the
last person named; titles and documents ("the official said", "a statement
from X said") through titles.py. What cannot be resolved stays as the
words of the text, with no actor: never a guess.
"""

from __future__ import annotations

from spacy.tokens import Token

from dyad.extract.common.context import DocContext
from dyad.extract.common.doccache import entities, token_index
from dyad.extract.quotes.marks import in_quotation
from dyad.extract.quotes.names import (
    Speaker,
    actor_in,
    from_actor,
    mentions_before,
    named_earlier,
    person_entity,
    subject_core,
)
from dyad.extract.quotes.titles import issuer, title_speaker
from dyad.extract.quotes.words import speech_words

__all__ = ["Speaker", "resolve", "subject_core"]

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
ORG_PRONOUNS = frozenset({"it"})
CHAIN_SENTENCES = 5  # sentences read back for the person a "he"/"she" stands for


def _person_subject(ctx: DocContext, subj: Token) -> Speaker | None:
    """The person a subject names: its head is a person actor's mention, a PERSON name, or the
    surname of a person named before ("Kirkwood said ..."); or its apposition names one."""
    core = subject_core(subj)
    found = actor_in(ctx, [subj])
    if found is not None and found[1].kind == "person":
        return from_actor(ctx, found[1], found[0], core)
    if found is None and subj.text[:1].isupper() and subj.pos_ in ("PROPN", "INTJ", "X", "NOUN"):
        earlier = named_earlier(ctx, subj)
        if earlier is not None:
            return earlier
    appos = [t for c in subj.children if c.dep_ == "appos" for t in subject_core(c)]
    named = actor_in(ctx, appos)
    if named is not None and named[1].kind == "person":
        return from_actor(ctx, named[1], named[0], appos)
    if found is None and subj.ent_type_ == "PERSON":
        ent = person_entity([subj])
        if ent is not None:
            return Speaker(ent.text, None, ctx.evidence(ent.start_char, ent.end_char))
    return None


def _subject_chain(ctx: DocContext, before: int) -> Speaker | None:
    """"he"/"she": the person who is the subject of the nearest sentence before that has one.

    Sentences are read back from the one before the pronoun's; words inside quotation marks do
    not count. In each, the subjects of its verbs are read left to right: the first person
    wins; a "he"/"she" subject means the same person goes on, so the search goes on back;
    a person named only as an object or possessor ("describes Trump as ...") is not a subject.
    """
    text = ctx.document.text
    doc = ctx.doc
    k = token_index(doc, before)
    sent = doc[min(k, len(doc) - 1)].sent if len(doc) else None
    for _ in range(CHAIN_SENTENCES):
        if sent is None or sent.start == 0:
            return None
        sent = doc[sent.start - 1].sent
        for tok in sent:
            if tok.dep_ not in ("nsubj", "nsubjpass") or in_quotation(text, tok.idx) or tok.head.pos_ not in ("VERB", "AUX"):
                continue
            if tok.lower_ in PERSON_PRONOUNS:
                break  # the same person goes on: look further back
            found = _person_subject(ctx, tok)
            if found is not None:
                return found
    return None


def _pronoun(ctx: DocContext, word: str, before: int) -> Speaker | None:
    """"he"/"she": the subject chain, else the last person named before; "it": the last organisation.

    For "he"/"she", a person name the actor stage did not keep counts too when
    it comes later: a PERSON entity, or a proper-noun subject no actor claims
    ("Okafor rejected the plan. … he said").
    """
    text = ctx.document.text
    if word in PERSON_PRONOUNS:
        chained = _subject_chain(ctx, before)
        if chained is not None:
            return chained
    kinds = ("person",) if word in PERSON_PRONOUNS else ("organization",)
    found: Speaker | None = None
    at = -1
    for m, actor in reversed(mentions_before(ctx, before)):
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
        found = actor_in(ctx, [subj])
        if found is not None and found[1].kind != "state":
            return from_actor(ctx, found[1], found[0], [subj])
        dropped = {t.i for c in subj.children if c.dep_ in ("appos", "relcl", "acl") for t in c.subtree}
        core = [t for t in subj.subtree if t.i not in dropped and not t.is_punct]
        ev = ctx.evidence(core[0].idx, core[-1].idx + len(core[-1].text))
        return Speaker(ev.text(text), None, ev)
    return None


def _titled_name(ctx: DocContext, head: Token) -> Speaker | None:
    """"U.N. Resident Coordinator for Myanmar Andrew Kirkwood said": a capitalised title with no
    article, whose "for"/"of" phrase ends in a person's name, is that person's title."""
    if head.pos_ != "PROPN" or any(c.dep_ == "det" for c in head.children):
        return None
    for child in head.children:
        obj = next((c for c in child.children if c.dep_ == "pobj"), None) if child.dep_ == "prep" else None
        if obj is None or obj.right_edge.i != head.right_edge.i:
            continue
        found = actor_in(ctx, [obj])
        if found is not None and found[1].kind == "person":
            return from_actor(ctx, found[1], found[0], [obj])
        ent = person_entity([obj])
        if found is None and ent is not None:
            return Speaker(ent.text, None, ctx.evidence(ent.start_char, ent.end_char))
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
    found = actor_in(ctx, [head]) if head.pos_ != "PRON" else None
    if found is None and head.pos_ != "PRON":
        found = actor_in(ctx, tokens)
        if found is not None and found[1].kind != "person":
            found = None  # "a senior South Korean official": the state is not the speaker
    if found is None or found[1].kind != "person":
        named_after = _titled_name(ctx, head)
        if named_after is not None:
            return named_after
    if found is None:
        # "South Korea's security director, Wi Sung-lac, said": the name is in the apposition
        appos = [t for c in head.children if c.dep_ == "appos" for t in subject_core(c)]
        named = actor_in(ctx, appos)
        if named is not None and named[1].kind == "person":
            found = named
        elif person_entity(appos) is not None:
            tokens = appos
    if found is not None:
        return from_actor(ctx, found[1], found[0], tokens)
    low = head.lower_
    if head.pos_ == "PRON":
        if low in PERSON_PRONOUNS or low in ORG_PRONOUNS:
            return _pronoun(ctx, low, before) or Speaker(None, None, None)
        if low == "they":
            return _they(ctx, head) or Speaker(None, None, None)
        return Speaker(None, None, None)
    ent = person_entity(tokens)
    if ent is not None:
        return Speaker(ent.text, None, ctx.evidence(ent.start_char, ent.end_char))
    made_by = issuer(head)
    if made_by is not None:
        return resolve(ctx, made_by, before)
    words = speech_words()
    if any(w in words.titles or w in words.bodies for w in (head.lemma_.lower(), low)):  # no union of the lists
        return title_speaker(ctx, head, tokens, before)
    if head.pos_ == "PROPN" or head.pos_ == "NOUN":
        ev = ctx.evidence(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
        return Speaker(ev.text(ctx.document.text), None, ev)
    return Speaker(None, None, None)
