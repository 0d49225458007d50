"""Sentences and named-entity spans, straight from the pipeline."""

from __future__ import annotations

from dyad.extract.context import DocContext
from dyad.records import EntityMention, Sentence

POSSESSIVE_ENDINGS = ("'s", "\u2019s", "'", "\u2019")


def strip_possessive(text: str) -> str:
    """'South Korea's' -> 'South Korea' (the small English model sometimes keeps it)."""
    for ending in POSSESSIVE_ENDINGS:
        if text.endswith(ending) and len(text) > len(ending) + 1:
            return text[: -len(ending)]
    return text


def run(ctx: DocContext) -> None:
    for i, sent in enumerate(ctx.doc.sents):
        ctx.result.sentences.append(Sentence(index=i, evidence=ctx.span_evidence(sent)))
    for ent in ctx.doc.ents:
        text = strip_possessive(ent.text)
        ctx.result.entities.append(
            EntityMention(
                text=text, label=ent.label_, evidence=ctx.evidence(ent.start_char, ent.start_char + len(text))
            )
        )
