"""The `sentences` component: sentences and named-entity spans, straight from the pipeline."""

from __future__ import annotations

from dyad.extract.common.context import DocContext
from dyad.extract.common.doccache import entities, sentences
from dyad.extract.common.words import strip_possessive
from dyad.extract.registry import component
from dyad.records import EntityMention, Sentence


@component("sentences", assigns=["sentences", "entities"])
def run(ctx: DocContext) -> None:
    for i, sent in enumerate(sentences(ctx.doc)):
        ctx.result.sentences.append(Sentence(index=i, evidence=ctx.span_evidence(sent)))
    for ent in entities(ctx.doc):
        text = strip_possessive(ent.text)
        ctx.result.entities.append(
            EntityMention(
                text=text, label=ent.label_, evidence=ctx.evidence(ent.start_char, ent.start_char + len(text))
            )
        )
