"""Who speaks a quotation that is a sentence of its own: what the paragraph before it says.

In order: the sentence before ends with a colon (its speaker); it goes on a quotation whose
closing mark was lost (that quotation's speaker); it follows a turn of an exchange ("...?"
asked Kim. "...," replied Lee.: the other party's turn, or nobody's); the previous
quotation ended in the sentence before (its speaker goes on); the sentence
before has a speech verb (its subject) or ends with a name and its description
("..., Kim Min-su, a professor at Y.").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from dyad.extract.common.context import DocContext
from dyad.extract.quotes.attribution import subject_of
from dyad.extract.quotes.speakers import Speaker, resolve
from dyad.extract.quotes.window import (
    SENT_END,
    Marked,
    Quoted,
    is_speech_verb,
    left_tokens,
    previous_sentence,
    token_at,
)

SPEECH_DEPS = frozenset({"ROOT", "parataxis"})  # "..., noted Evan Fowler." / "Still, Hecker cautions, ..."


@dataclass
class Said:
    """A quotation already read: its marks, its speaker and whether it asks a question."""

    mark: Marked
    speaker: Speaker
    turn: bool = False  # a turn of an exchange: asked or answered ("asked Kim", "replied Lee")


def bare_quotation(ctx: DocContext, left: list[Token], m: Marked, quoted: Quoted, history: list[Said]) -> Speaker | None:
    """The speaker of a quotation that is a sentence of its own, from the paragraph before it."""
    doc = ctx.doc
    start = left[0].i if left else token_at(doc, m.open)
    before = ctx.document.text[: m.open].rstrip()
    if before.endswith(":"):  # "Kim gave a warning:\n\"...\"": the colon introduces it
        colon = token_at(doc, len(before) - 1)
        return _introducer(ctx, left_tokens(doc, doc[colon].idx, quoted), quoted)
    last = history[-1] if history else None
    if last is not None and not last.mark.closed and last.mark.close >= m.open - 2:
        return last.speaker if last.speaker.name else None  # the next paragraph of the same quotation
    previous = previous_sentence(doc, start, quoted)
    if not previous:
        return None
    if last is not None and last.mark.close >= previous[0].idx:
        if last.turn:
            return _other_party(history)
        if last.speaker.name:
            return last.speaker
    return _speech_verb(ctx, previous, quoted) or _named_with_description(ctx, previous)


def _other_party(history: list[Said]) -> Speaker | None:
    """In an exchange ("..?" asked Kim. "...," replied Lee.), a bare quotation is the next turn:
    the speaker of the turn before the last one, when that is someone else; otherwise nobody."""
    if len(history) < 2:
        return None
    last, before = history[-1].speaker, history[-2].speaker
    return before if before.name and last.name and before.name != last.name else None


def _speech_verb(ctx: DocContext, tokens: list[Token], quoted: Quoted) -> Speaker | None:
    """A sentence whose main verb (or a parenthetical "Kim cautions") is a speech verb: its subject."""
    for tok in tokens:
        if tok.dep_ in SPEECH_DEPS and tok.idx not in quoted and is_speech_verb(tok):
            return resolve(ctx, subject_of(tok, tokens, quoted), tok.idx)
    return None


def _named_with_description(ctx: DocContext, tokens: list[Token]) -> Speaker | None:
    """A sentence that ends "..., Kim Min-su, a professor at Y." names the speaker of the next quotation."""
    words = [t for t in tokens if not t.is_space]
    if len(words) < 4 or words[-1].text not in SENT_END:
        return None
    for k in range(len(words) - 2, 0, -1):
        tok = words[k]
        if tok.text == "," and k + 1 < len(words) and words[k + 1].pos_ in ("DET", "NOUN", "ADJ", "PROPN"):
            tail = words[k + 1 : -1]
            if any(t.pos_ in ("VERB", "AUX") for t in tail):
                return None
            name: list[Token] = []
            j = k - 1
            while j >= 0 and (words[j].pos_ == "PROPN" or words[j].text in ("-", "\u2010")):
                name.insert(0, words[j])
                j -= 1
            if name and j >= 0 and words[j].text == ",":
                speaker = resolve(ctx, name, name[0].idx)
                if speaker.name and any(t.ent_type_ == "PERSON" for t in name):
                    return speaker
                if speaker.actor_key:
                    return speaker
    return None


def _introducer(ctx: DocContext, tokens: list[Token], quoted: Quoted) -> Speaker | None:
    """Who a sentence ending in a colon introduces: its subject when it speaks, else the person it names."""
    outside = [t for t in tokens if t.idx not in quoted]
    for tok in reversed(outside):
        if is_speech_verb(tok):
            return resolve(ctx, subject_of(tok, outside, quoted), tok.idx)
    root = next((t for t in outside if t.dep_ == "ROOT"), None)
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None) if root is not None else None
    if subj is None:
        return None
    speaker = resolve(ctx, subj, subj.idx)
    return speaker if speaker.name else None
