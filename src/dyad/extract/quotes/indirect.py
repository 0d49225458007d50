"""Reported speech with no quotation marks: "Wi told reporters that ...", "according to X, ..."."""

from __future__ import annotations

from spacy.tokens import Token

from dyad.extract.common.context import DocContext
from dyad.extract.common.doccache import lemma_lowers, sentences
from dyad.extract.quotes.attribution import according
from dyad.extract.quotes.speakers import Speaker, resolve
from dyad.extract.quotes.window import Quoted, is_speech_verb
from dyad.extract.quotes.words import speech_words
from dyad.records import Quote


def indirect_quotes(ctx: DocContext, quoted: Quoted) -> list[Quote]:
    """Reported speech: a speech verb with a clause of what was said and no quotation marks in it."""
    doc = ctx.doc
    out: list[Quote] = []
    said = speech_words()
    for i, lemma in enumerate(lemma_lowers(doc)):
        if lemma not in said.verbs and lemma not in said.complement:
            continue  # no speech verb (the first test of is_speech_verb, without building the token)
        tok = doc[i]
        if tok.idx in quoted or not is_speech_verb(tok):
            continue
        clause = next((c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i), None)
        if clause is None:
            continue
        tokens = list(clause.subtree)
        while tokens and (tokens[0].dep_ == "mark" or tokens[0].is_punct):
            tokens.pop(0)
        while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
            tokens.pop()
        if not tokens or any(t.idx in quoted or t.text in ('"', "\u201c", "\u201d") for t in tokens):
            continue
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or not _can_speak(subj):
            continue
        speaker = resolve(ctx, subj, tok.idx)
        if speaker.name is None:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        out.append(_indirect(ctx, speaker, start, end))
    for sent in sentences(doc):
        words = [t for t in sent if not t.is_space]
        if len(words) < 6 or words[0].idx in quoted or any(t.idx in quoted for t in words):
            continue
        teller = according(ctx, words[:3], words[0].idx)
        if teller is None or teller.name is None:
            continue
        comma = next((t for t in words if t.text == ","), None)
        if comma is None:
            continue
        rest = [t for t in words if t.i > comma.i and not (t.is_punct and t.i == words[-1].i)]
        if rest:
            out.append(_indirect(ctx, teller, rest[0].idx, rest[-1].idx + len(rest[-1].text)))
    return out


def _can_speak(subj: Token) -> bool:
    """Persons, bodies and titles speak; meetings and statements only "suggest"."""
    if subj.pos_ in ("PROPN", "PRON") or subj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return subj.lower_ not in ("it", "this", "that", "which")
    return subj.lemma_.lower() in speech_words().titles or subj.lower_ in speech_words().titles


def _indirect(ctx: DocContext, speaker: Speaker, start: int, end: int) -> Quote:
    return Quote(
        text=ctx.document.text[start:end],
        kind="indirect",
        speaker=speaker.name,
        speaker_actor=speaker.actor_key,
        evidence=ctx.evidence(start, end),
        speaker_evidence=speaker.evidence,
    )
