"""One bad document never stops a run: parsing and every component run under a guard.

Whatever a document makes spaCy or a component raise (an `Exception`, a
`RecursionError` or `MemoryError` included; never a KeyboardInterrupt) becomes an
`ExtractionFailure` naming the stage and the reason, with the traceback for
`--debug`; the documents before and after it are extracted as if it had not
been there. A batch that nlp.pipe cannot parse is parsed again one document at
a time, so only the document at fault fails.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from dyad.extract.common.context import DocContext
from dyad.extract.common.parse import is_long, parse, tokenizer_text
from dyad.extract.registry import Component
from dyad.records import DocExtraction, Document, Extracted, ExtractionFailure


def failure(document: Document, stage: str, exc: BaseException) -> ExtractionFailure:
    return ExtractionFailure.of(document.id, stage, exc)


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(documents)
    while batch := list(islice(it, size)):
        yield batch


def _parse_one(nlp: Language, document: Document) -> Doc | ExtractionFailure:
    try:
        return parse(nlp, document.text)
    except Exception as exc:
        return failure(document, "parse", exc)


def _parse_batch(nlp: Language, batch: list[Document], batch_size: int) -> list[Doc | ExtractionFailure]:
    """Short texts through nlp.pipe together, long ones in pieces; one at a time if the pipe fails."""
    short = [d for d in batch if not is_long(d.text)]
    try:
        piped = iter(list(nlp.pipe((tokenizer_text(d.text) for d in short), batch_size=batch_size)))
    except Exception:
        return [_parse_one(nlp, d) for d in batch]
    return [_parse_one(nlp, d) if is_long(d.text) else next(piped) for d in batch]


def parse_guarded(
    nlp: Language, documents: Iterable[Document], batch_size: int
) -> Iterator[tuple[Document, Doc | ExtractionFailure]]:
    """Each document with its parse, or the failure of its parse, in input order."""
    for batch in _batches(documents, batch_size):
        yield from zip(batch, _parse_batch(nlp, batch, batch_size), strict=True)


def extract_guarded(document: Document, doc: Doc, model: str, components: Iterable[Component]) -> Extracted:
    """A pipeline's components, in order, over one parsed document; the first that raises names the failure."""
    ctx = DocContext(document=document, doc=doc, result=DocExtraction(doc_id=document.id, model=model))
    for comp in components:
        try:
            comp.run(ctx)
        except Exception as exc:
            return failure(document, comp.name, exc)
    ctx.settle()
    return ctx.result
