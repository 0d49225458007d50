"""Reported speech with no quotation marks: "Wi told reporters that ...", "according to X, ..."."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from dyad.extract.common.context import DocContext
from dyad.extract.common.doccache import lemma_lowers, lowers, sentences, texts, token_starts
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
    texts_, starts = texts(doc), token_starts(doc)
    for sent in sentences(doc):
        if not _may_accord(doc, _leading_words(texts_, sent.start, sent.end, 3)):
            continue  # the cheap test first: most sentences open with no "according to"
        words = [i for i in range(sent.start, sent.end) if not texts_[i].isspace()]  # Token.is_space
        if len(words) < 6 or any(starts[i] in quoted for i in words):
            continue
        teller = according(ctx, [doc[i] for i in words[:3]], starts[words[0]])
        if teller is None or teller.name is None:
            continue
        comma = next((i for i in words if texts_[i] == ","), None)
        if comma is None:
            continue
        last = words[-1]
        rest = [i for i in words if i > comma and not (i == last and doc[last].is_punct)]
        if rest:
            out.append(_indirect(ctx, teller, starts[rest[0]], starts[rest[-1]] + len(texts_[rest[-1]])))
    return out


def _leading_words(texts_: list[str], start: int, end: int, n: int) -> list[int]:
    """The indices of the first n tokens in [start, end) that are not whitespace."""
    found: list[int] = []
    for i in range(start, end):
        if not texts_[i].isspace():
            found.append(i)
            if len(found) == n:
                break
    return found


def _may_accord(doc: Doc, first: list[int]) -> bool:
    """Whether an "according to" phrase can start among a sentence's first words (what `according` reads),
    so that only those sentences build their tokens."""
    phrases = speech_words().according
    if any(not p for p in phrases):
        return True
    lows = lowers(doc)
    return any(lows[i] == p[0] for i in first for p in phrases)


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
