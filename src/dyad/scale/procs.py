"""Extraction in several local processes, each loading the model once.

The main process reads the documents, hands them out in small batches and
gets back one DocExtraction per document, in input order; the caller (the
orchestrator, dyad.run) stays the only writer. At most `in_flight(workers)` batches
are out at any time, so memory does not grow with the corpus.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from typing import Any, Protocol, TypeVar

from spacy.language import Language

from dyad.extract import Extractor
from dyad.extract.common.nlp import load_pipeline
from dyad.extract.pipeline import extract_many
from dyad.records import DocExtraction, Document

# documents per task: small enough to balance the tail of a stream, large
# enough that pickling and queueing stay a small fraction of the work
CHUNK = 8
# batches in flight per worker: one being worked on, one queued behind it
AHEAD = 2

Pair = tuple[Document, DocExtraction]
T = TypeVar("T")


class Pending(Protocol):
    """A result to come: a concurrent.futures or a Dask future."""

    def result(self) -> Any: ...

_worker_nlp: Language | None = None


def in_flight(workers: int) -> int:
    """Most batches handed out and not yet returned."""
    return AHEAD * workers


def batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Consecutive lists of at most `size` documents, read lazily."""
    it = iter(documents)
    while batch := list(islice(it, size)):
        yield batch


def _load(models: tuple[str, ...]) -> None:
    global _worker_nlp
    _worker_nlp = load_pipeline(models)


def _extract_batch(documents: list[Document], batch_size: int) -> list[DocExtraction]:
    return [extraction for _, extraction in extract_many(documents, _worker_nlp, batch_size)]


def ordered_window(items: Iterable[T], submit: Callable[[T], Pending], limit: int) -> Iterator[tuple[T, Any]]:
    """Submit items, keeping at most `limit` pending; yield (item, result) in input order."""
    pending: deque[tuple[T, Pending]] = deque()
    for item in items:
        pending.append((item, submit(item)))
        if len(pending) >= limit:
            done, future = pending.popleft()
            yield done, future.result()
    while pending:
        done, future = pending.popleft()
        yield done, future.result()


def process_extractor(models: tuple[str, ...], workers: int, batch_size: int = 32, chunk: int = CHUNK) -> Extractor:
    """An Extractor running `workers` processes (spawned, so safe on every platform)."""

    def run(documents: Iterable[Document]) -> Iterator[Pair]:
        pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_load,
            initargs=(models,),
        )
        try:
            window = ordered_window(
                batches(documents, chunk),
                lambda batch: pool.submit(_extract_batch, batch, batch_size),
                in_flight(workers),
            )
            for batch, extractions in window:
                yield from zip(batch, extractions, strict=True)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    return run


def spacy_pipe_extractor(models: tuple[str, ...], workers: int, batch_size: int = 32) -> Extractor:
    """The alternative design: spaCy's own `nlp.pipe(n_process=...)` parses, the main process extracts.

    Kept for the benchmark, which compares it with `process_extractor`.
    """
    from dyad.extract.common.nlp import pipeline_name
    from dyad.extract.pipeline import extract_parsed

    def run(documents: Iterable[Document]) -> Iterator[Pair]:
        nlp = load_pipeline(models)
        model = pipeline_name(nlp)
        pairs = ((d.text, d) for d in documents)
        for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=workers):
            yield document, extract_parsed(document, doc, model)

    return run
