"""`extract(document) -> DocExtraction`: a pure function of one document.

The pipeline is a list of registered component names (the `pipeline` setting,
by default sentences, actors, events, quotes, claims, relations). Building it
looks each name up in the registry and checks the order: a component that
requires what no earlier component assigns stops the build with an error that
names both. The components then run in order over one parsed document, each
reading what the earlier ones left in the context. Nothing here touches the
store or another document, so scaling out is a map over documents.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from dyad.extract import registry
from dyad.extract.common.context import DocContext
from dyad.extract.common.nlp import load_pipeline, pipeline_name
from dyad.extract.common.parse import parse
from dyad.extract.guard import extract_guarded, parse_guarded
from dyad.extract.registry import Component
from dyad.records import DocExtraction, Document, Extracted, ExtractionFailure


def register_builtins() -> None:
    """Register the components dyad ships: importing a component's module registers it."""
    from dyad.extract import sentences  # noqa: F401
    from dyad.extract.actors import component as _actors  # noqa: F401
    from dyad.extract.actors import places as _places  # noqa: F401
    from dyad.extract.claims import component as _claims  # noqa: F401
    from dyad.extract.events import component as _events  # noqa: F401
    from dyad.extract.quotes import component as _quotes  # noqa: F401
    from dyad.extract.relations import component as _relations  # noqa: F401


@dataclass(frozen=True)
class Pipeline:
    """Components in the order they run, already checked."""

    components: tuple[Component, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.components)

    def run(self, ctx: DocContext) -> None:
        for comp in self.components:
            comp.run(ctx)
        ctx.settle()


@lru_cache(maxsize=16)
def _build(names: tuple[str, ...]) -> Pipeline:
    register_builtins()
    components = tuple(registry.get(name) for name in names)
    registry.check_order(components)
    return Pipeline(components)


def build_pipeline(names: Sequence[str] | None = None) -> Pipeline:
    """The checked pipeline of these component names (default: the `pipeline` setting)."""
    if names is None:
        from dyad.settings import load_settings

        names = load_settings().pipeline
    return _build(tuple(names))


def default_pipeline() -> Language:
    from dyad.settings import load_settings

    return load_pipeline(tuple(load_settings().models))


def extract_parsed(document: Document, doc: Doc, model: str, pipeline: Pipeline | None = None) -> DocExtraction:
    ctx = DocContext(document=document, doc=doc, result=DocExtraction(doc_id=document.id, model=model))
    (pipeline or build_pipeline()).run(ctx)
    return ctx.result


def extract(document: Document, nlp: Language | None = None, pipeline: Pipeline | None = None) -> DocExtraction:
    """The extraction of one document; whatever a component raises propagates (see `extract_many`)."""
    nlp = nlp or default_pipeline()
    return extract_parsed(document, parse(nlp, document.text), pipeline_name(nlp), pipeline)


def extract_many(
    documents: Iterable[Document], nlp: Language | None = None, batch_size: int = 32, pipeline: Pipeline | None = None
) -> Iterator[tuple[Document, Extracted]]:
    """Stream (document, extraction) pairs through nlp.pipe in batches, each document under a guard.

    A document whose parse or whose extraction raises comes out as an
    `ExtractionFailure` naming the stage and the reason; the others are not
    affected (see dyad.extract.guard).
    """
    nlp = nlp or default_pipeline()
    pipeline = pipeline or build_pipeline()
    model = pipeline_name(nlp)
    frozen = False
    try:
        for document, parsed in parse_guarded(nlp, documents, batch_size):
            extracted = parsed if isinstance(parsed, ExtractionFailure) else extract_guarded(document, parsed, model, pipeline.components)
            if not frozen and not isinstance(extracted, ExtractionFailure):
                # The pipeline and the lexicons the stages load on first use are in memory now: out of the
                # collector's sight, the full collections extraction sets off every few documents no longer
                # walk them (they cost ~1.7 s on the 119k-word bench, where bare nlp.pipe has none).
                gc.freeze()
                frozen = True
            yield document, extracted
    finally:
        if frozen:
            gc.unfreeze()  # collectable again (and seen at exit) once the run is over
