"""Extraction in several local processes, each with the model loaded once.

The main process reads the documents, hands them out in small batches and
gets back one DocExtraction per document, in input order; the caller (the
orchestrator, dyad.run) stays the only writer. At most `in_flight(workers)` batches
are out at any time, so memory does not grow with the corpus.

A document that makes extraction raise comes back as an ExtractionFailure from
the worker's own guard. A worker that dies (killed, out of memory, a crash in
native code) breaks the pool: the pool is started afresh and the documents of
every batch it lost are extracted again one at a time, so the document that
kills a worker is the only one recorded as failed.

Where the platform forks safely (Linux), workers are forked from this process
after it has loaded the model, as spaCy's own `nlp.pipe(n_process=...)` does:
they start in milliseconds and share the model's memory instead of each
importing spaCy and loading it again (seconds per worker). Elsewhere, or when
the `start_method` setting says so, they are spawned.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any, Protocol, TypeVar

from spacy.language import Language

from dyad.extract import Extractor
from dyad.extract.common.nlp import load_pipeline
from dyad.extract.guard import failure
from dyad.extract.pipeline import build_pipeline, extract_many
from dyad.records import Document, Extracted

# documents per task: small enough to balance the tail of a stream, large
# enough that pickling and queueing stay a small fraction of the work
CHUNK = 8
# batches in flight per worker: one being worked on, one queued behind it
AHEAD = 2

Pair = tuple[Document, Extracted]
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


def start_method(setting: str = "auto") -> str:
    """The multiprocessing start method for workers: `setting`, or for "auto" fork on Linux, else spawn."""
    if setting != "auto":
        return setting
    return "fork" if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods() else "spawn"


def _load(models: tuple[str, ...]) -> None:
    global _worker_nlp
    _worker_nlp = load_pipeline(models)


def _extract_batch(documents: list[Document], batch_size: int, names: tuple[str, ...] | None) -> list[Extracted]:
    pairs = extract_many(documents, _worker_nlp, batch_size, build_pipeline(names))
    return [extraction for _, extraction in pairs]


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


class _Pool:
    """A process pool that is started again when a worker dies, and the batches it lost retried."""

    def __init__(
        self, models: tuple[str, ...], workers: int, batch_size: int, names: tuple[str, ...] | None, method: str = "spawn"
    ) -> None:
        self.models, self.workers, self.batch_size, self.names = models, workers, batch_size, names
        self.method = method
        if method == "fork":
            load_pipeline(models)  # loaded once here (cached), so every forked worker starts with it
        self.generation = 0
        self.pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context(self.method),
            initializer=_load,
            initargs=(self.models,),
        )

    def _restart(self, generation: int) -> None:
        """A fresh pool, unless one was started since the broken one was handed the work."""
        if generation == self.generation:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = self._start()
            self.generation += 1

    def submit(self, batch: list[Document]) -> _Batch:
        return _Batch(self, batch, self.generation, self.pool.submit(_extract_batch, batch, self.batch_size, self.names))

    def outcome(self, batch: list[Document], generation: int, future: Future[list[Extracted]]) -> list[Extracted]:
        """The batch's extractions; if the task was lost, each document extracted alone."""
        try:
            return future.result()
        except BrokenProcessPool:
            self._restart(generation)
        except Exception:
            pass  # the batch could not be sent or received whole: find the document at fault
        return [self.alone(document) for document in batch]

    def alone(self, document: Document) -> Extracted:
        """One document in a task of its own; a worker dying on it is that document's failure."""
        generation = self.generation
        try:
            return self.pool.submit(_extract_batch, [document], self.batch_size, self.names).result()[0]
        except BrokenProcessPool as exc:
            self._restart(generation)
            return failure(document, "worker", exc)
        except Exception as exc:
            return failure(document, "worker", exc)

    def shutdown(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class _Batch:
    """A batch handed to the pool; `result()` is its extractions, however the task ended."""

    def __init__(self, pool: _Pool, batch: list[Document], generation: int, future: Future[list[Extracted]]) -> None:
        self.pool, self.batch, self.generation, self.future = pool, batch, generation, future

    def result(self) -> list[Extracted]:
        return self.pool.outcome(self.batch, self.generation, self.future)


def process_extractor(
    models: tuple[str, ...],
    workers: int,
    batch_size: int = 32,
    chunk: int = CHUNK,
    pipeline: tuple[str, ...] | None = None,
    method: str = "auto",
) -> Extractor:
    """An Extractor running `workers` processes started by `method` (see `start_method`); `pipeline` names the components."""

    def run(documents: Iterable[Document]) -> Iterator[Pair]:
        pool = _Pool(models, workers, batch_size, pipeline, start_method(method))
        try:
            window = ordered_window(batches(documents, chunk), pool.submit, in_flight(workers))
            for batch, extractions in window:
                yield from zip(batch, extractions, strict=True)
        finally:
            pool.shutdown()

    return run


def spacy_pipe_extractor(models: tuple[str, ...], workers: int, batch_size: int = 32) -> Extractor:
    """The alternative design: spaCy's own `nlp.pipe(n_process=...)` parses, the main process extracts.

    Kept for the benchmark, which compares it with `process_extractor`.
    """
    from dyad.extract.common.nlp import pipeline_name
    from dyad.extract.guard import extract_guarded

    def run(documents: Iterable[Document]) -> Iterator[Pair]:
        nlp = load_pipeline(models)
        model = pipeline_name(nlp)
        pairs = ((d.text, d) for d in documents)
        components = build_pipeline().components
        for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=workers):
            yield document, extract_guarded(document, doc, model, components)

    return run
