"""Run extraction over many documents: one process, several, or a Dask cluster.

`extractor_for` returns a function that maps a stream of Documents to a
stream of (Document, DocExtraction) pairs; the ingest runner writes them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from dyad.records import DocExtraction, Document
from dyad.settings import Settings

Extractor = Callable[[Iterable[Document]], Iterator[tuple[Document, DocExtraction]]]


def extractor_for(settings: Settings, workers: int = 1, engine: str = "local", scheduler: str | None = None) -> Extractor:
    """The extraction strategy for these options."""
    from dyad.extract.nlp import load_pipeline
    from dyad.extract.pipeline import extract_many

    if engine != "local" or workers != 1:
        raise NotImplementedError("parallel extraction is being built")

    def run(documents: Iterable[Document]) -> Iterator[tuple[Document, DocExtraction]]:
        return extract_many(documents, load_pipeline(tuple(settings.models)), settings.batch_size)

    return run
