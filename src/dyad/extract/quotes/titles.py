"""Speakers named by a title or a document: "the official said", "the diplomats said",
"a statement from X said", "the statement said"."""

from __future__ import annotations

from spacy.tokens import Token

from dyad.extract.common.context import DocContext
from dyad.extract.common.doccache import noun_chunks, token_index
from dyad.extract.quotes.names import Speaker, actor_in, mentions_before
from dyad.extract.quotes.words import speech_words
from dyad.records import ActorMention

ANTECEDENT_REACH = 300  # tokens back in which "the statement" finds the statement it refers to
TITLE_REACH = 5  # tokens before a name in which its title stands ("foreign ministry spokesperson X")


def titled(ctx: DocContext, mention: ActorMention, word: str) -> bool:
    """Whether the words right before a mention give it the title ("spokesperson Lena Fischer")."""
    doc = ctx.doc
    k = token_index(doc, mention.evidence.start)
    for tok in reversed(doc[max(0, k - TITLE_REACH) : k]):
        if tok.lemma_.lower() == word or tok.lower_ == word:
            return True
        if tok.pos_ not in ("PROPN", "NOUN", "ADJ") and tok.text not in ("-", "\u2010"):
            return False  # the title must be in the name's own noun phrase
    return False


def title_speaker(ctx: DocContext, head: Token, tokens: list[Token], before: int) -> Speaker:
    """"the official" -> the last actor whose name or role has that word, or the phrase that introduced it;
    "the military" -> the last organisation with that word, never a person of it."""
    word = head.lemma_.lower()
    body = word in speech_words().bodies or head.lower_ in speech_words().bodies
    kinds = ("organization", "group") if body else ("person",)
    for m, actor in reversed(mentions_before(ctx, before)):
        if actor.kind not in kinds:
            continue
        if body and word not in actor.name.lower():
            continue  # "the military" is an organisation named so, not any body whose role is military
        if word in (actor.role or "").lower() or word in m.text.lower() or titled(ctx, m, word):
            return Speaker(actor.name, actor.key, ctx.evidence(m.evidence.start, m.evidence.end))
    if body:
        ev = ctx.evidence(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
        return Speaker(ev.text(ctx.document.text), None, ev)
    for chunk in reversed(noun_chunks(ctx.doc)):
        if chunk.end_char > before or chunk.root.lemma_.lower() != word:
            continue
        body_of = _member_of(ctx, chunk.root)
        if body_of is not None:
            return body_of
        if chunk[0].lower_ in ("a", "an"):
            return Speaker(chunk[1:].text, None, ctx.evidence(chunk[1].idx, chunk.end_char))
    ev = ctx.evidence(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
    return Speaker(ev.text(ctx.document.text), None, ev)


def _member_of(ctx: DocContext, noun: Token) -> Speaker | None:
    """"Top diplomats from the Group of Seven ... “...,” the diplomats said": members introduced as
    from or of an organisation speak for it."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("from", "of"):
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            found = actor_in(ctx, [obj]) if obj is not None else None
            if found is not None and found[1].kind in ("organization", "group"):
                m, actor = found
                return Speaker(actor.name, actor.key, ctx.evidence(m.evidence.start, m.evidence.end))
    return None


def _is_document(tok: Token) -> bool:
    return tok.lemma_.lower() in speech_words().documents or tok.lower_ in speech_words().documents


def _can_issue(tok: Token) -> bool:
    """A name, a pronoun or a title can issue a document; "a statement from the site" cannot."""
    words = speech_words()
    return tok.pos_ in ("PROPN", "PRON") or bool(tok.ent_type_) or (lemma := tok.lemma_.lower()) in words.titles or lemma in words.bodies


def issuer(head: Token) -> Token | None:
    """Who issued a statement or report: "a statement from X", "X's statement", "the X statement",
    "a statement posted by X"; for "the statement" with none of these, the issuer of the same
    document named before ("X said in a statement ... The statement said")."""
    if not _is_document(head):
        return None
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and not _is_document(obj) and _can_issue(obj):
                return obj
        if child.dep_ == "acl" and child.tag_ == "VBN":  # "a statement posted by X"
            agent = next((c for c in child.children if c.dep_ == "agent"), None)
            obj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if obj is not None:
                return obj
    for child in head.children:
        if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN"):
            return child
    for child in head.children:
        if child.dep_ in ("compound", "amod", "nmod") and child.pos_ == "PROPN":
            return child
    if any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children):
        return _antecedent_issuer(head)
    return None


def _antecedent_issuer(head: Token) -> Token | None:
    """The issuer of the last document of the same kind named before: its own issuer, or who
    spoke "in" it ("the diplomats said in a joint statement")."""
    doc = head.doc
    for k in range(head.i - 1, max(-1, head.i - ANTECEDENT_REACH), -1):
        tok = doc[k]
        if tok.lemma_.lower() != head.lemma_.lower():
            continue
        found = issuer(tok) if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children) else None
        if found is not None:
            return found
        prep = tok.head
        if tok.dep_ == "pobj" and prep.lower_ in ("in", "through", "via") and prep.head.pos_ == "VERB":
            verb = prep.head
            if verb.lemma_.lower() in speech_words().verbs:
                return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return None
    return None
