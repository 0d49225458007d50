"""`extract(document) -> DocExtraction`: a pure function of one document.

The stages run in order over one parsed document; each reads what the earlier
ones left in the context. Nothing here touches the store or another document,
so scaling out is a map over documents.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from dyad.extract import basics
from dyad.extract.context import DocContext
from dyad.extract.nlp import load_pipeline, pipeline_name
from dyad.records import DocExtraction, Document

Stage = Callable[[DocContext], None]


def stages() -> list[tuple[str, Stage]]:
    """The extraction stages in the order they run."""
    from dyad.extract import actors, claims, events, quotes, relations

    return [
        ("basics", basics.run),
        ("actors", actors.run),
        ("events", events.run),
        ("quotes", quotes.run),
        ("claims", claims.run),
        ("relations", relations.run),
    ]


def default_pipeline() -> Language:
    from dyad.settings import load_settings

    return load_pipeline(tuple(load_settings().models))


def extract_parsed(document: Document, doc: Doc, model: str) -> DocExtraction:
    ctx = DocContext(document=document, doc=doc, result=DocExtraction(doc_id=document.id, model=model))
    for _name, stage in stages():
        stage(ctx)
    return ctx.result


def extract(document: Document, nlp: Language | None = None) -> DocExtraction:
    nlp = nlp or default_pipeline()
    return extract_parsed(document, nlp(document.text), pipeline_name(nlp))


def extract_many(
    documents: Iterable[Document], nlp: Language | None = None, batch_size: int = 32
) -> Iterator[tuple[Document, DocExtraction]]:
    """Stream (document, extraction) pairs through nlp.pipe in batches."""
    nlp = nlp or default_pipeline()
    model = pipeline_name(nlp)
    pairs = ((d.text, d) for d in documents)
    for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield document, extract_parsed(document, doc, model)
