"""Extraction mapped by Dask distributed over partitions of the input documents.

Each task extracts one partition with the pure `extract` and writes Parquet
shards in the store's row layout (`dyad.store.schema`): one file per table
plus a documents file. The client reads the shards back, in partition order,
and yields (Document, DocExtraction) pairs, so the orchestrator (dyad.run) stays
the one writer and keeps its one-transaction-per-document rule. `load_shard` is
the bulk alternative: the store has DuckDB read a partition's Parquet files
directly, in one transaction per partition, so a document's rows land together
or not at all.

A document whose extraction raises is written to the shard's failures file
(the document and why it failed), so the orchestrator records it and stores
the others. A partition whose task is lost (its worker died again and again:
Dask gives up with KilledWorker) is extracted again one document per task, so
only the document at fault fails.

Without a scheduler address a LocalCluster of `workers` processes with one
thread each is started and closed with the stream. On a cluster spanning
several machines, `shard_dir` must be a path every worker and the client see.
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, count
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from dyad.extract import Extractor
from dyad.extract.guard import failure
from dyad.records import DocExtraction, Document, ExtractionFailure
from dyad.scale.procs import AHEAD, Pair, batches, ordered_window
from dyad.store import Store, shards
from dyad.store.db import derived_fields
from dyad.store.schema import (
    EXTRACTION_TABLES,
    arrow_schema,
    columns,
    document_fields,
    document_value,
    from_row,
    row_columns,
    to_row,
)

# documents per partition: a few seconds of work for one worker
PARTITION = 16


def document_columns() -> list[tuple[str, str]]:
    """The documents shard: the documents table but for the ingest time, which the loader sets."""
    derived = [("source_name", "VARCHAR"), ("n_chars", "INTEGER"), ("n_words", "INTEGER"), ("model", "VARCHAR")]
    return [*columns(Document), *derived]


def document_row(document: Document, extraction: DocExtraction) -> tuple[Any, ...]:
    """A documents-shard row, with the columns the store derives computed by the store's own function."""
    own = tuple(document_value(f, getattr(document, f)) for f in Document.model_fields)
    return (*own, *derived_fields(document), extraction.model)


FAILURE_COLUMNS = [("stage", "VARCHAR"), ("reason", "VARCHAR"), ("detail", "VARCHAR")]


def failure_columns() -> list[tuple[str, str]]:
    """The failures shard: each failed document in full, then why it failed."""
    return [*columns(Document), *FAILURE_COLUMNS]


def table_columns(table: str) -> list[tuple[str, str]]:
    return row_columns(EXTRACTION_TABLES[table][0])


@dataclass(frozen=True)
class Shard:
    """The Parquet files of one partition: table name -> path (documents included)."""

    part: int
    files: dict[str, str]


def _write(path: Path, cols: list[tuple[str, str]], rows: list[tuple[Any, ...]]) -> str:
    names = [c for c, _ in cols]
    data = {name: [row[i] for row in rows] for i, name in enumerate(names)}
    pq.write_table(pa.table(data, schema=arrow_schema(cols)), path)
    return str(path)


def write_shard(part: int, pairs: list[Pair], shard_dir: str) -> Shard:
    """Write one partition's documents and extraction rows as Parquet files, its failures beside them."""
    folder = Path(shard_dir) / f"part-{part:06d}"
    folder.mkdir(parents=True, exist_ok=True)
    done = [(d, x) for d, x in pairs if isinstance(x, DocExtraction)]
    failed = [(d, x) for d, x in pairs if isinstance(x, ExtractionFailure)]
    doc_rows = [document_row(d, x) for d, x in done]
    files = {"documents": _write(folder / "documents.parquet", document_columns(), doc_rows)}
    for table, (_, attr) in EXTRACTION_TABLES.items():
        rows = [to_row(d.id, i, item) for d, x in done for i, item in enumerate(getattr(x, attr))]
        files[table] = _write(folder / f"{table}.parquet", table_columns(table), rows)
    fail_rows = [(*(document_value(f, getattr(d, f)) for f in Document.model_fields), x.stage, x.reason, x.detail)
                 for d, x in failed]
    files["failures"] = _write(folder / "failures.parquet", failure_columns(), fail_rows)
    return Shard(part, files)


def extract_partition(
    part: int, documents: list[Document], models: tuple[str, ...], shard_dir: str, batch_size: int,
    pipeline: tuple[str, ...] | None = None,
) -> Shard:
    """The Dask task: extract a partition (model loaded once per worker process) and write its shard."""
    from dyad.extract.common.nlp import load_pipeline
    from dyad.extract.pipeline import build_pipeline, extract_many

    pairs = list(extract_many(documents, load_pipeline(models), batch_size, build_pipeline(pipeline)))
    return write_shard(part, pairs, shard_dir)


def read_shard(shard: Shard) -> Iterator[Pair]:
    """Rebuild the (Document, DocExtraction) pairs of a shard in partition order, then its failures."""
    by_table: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for table in EXTRACTION_TABLES:
        grouped: dict[str, list[dict[str, Any]]] = {}
        for row in pq.read_table(shard.files[table]).to_pylist():
            grouped.setdefault(row["doc_id"], []).append(row)
        by_table[table] = grouped
    for row in pq.read_table(shard.files["documents"]).to_pylist():
        document = Document(**document_fields(row))
        values: dict[str, Any] = {"doc_id": document.id, "model": row["model"]}
        for table, (record, attr) in EXTRACTION_TABLES.items():
            rows = sorted(by_table[table].get(document.id, []), key=lambda r: r["idx"])
            values[attr] = [from_row(record, document.id, r) for r in rows]
        yield document, DocExtraction(**values)
    for row in pq.read_table(shard.files["failures"]).to_pylist():
        document = Document(**document_fields(row))
        yield document, ExtractionFailure(doc_id=document.id, stage=row["stage"], reason=row["reason"],
                                          detail=row["detail"] or "")


def load_shard(store: Store, shard: Shard) -> list[str]:
    """Bulk-load a shard into the store, skipping stored documents; the ids of the documents stored."""
    return shards.load_shard(store, shard.files)


class _Cluster:
    """A client on `scheduler`, or on a LocalCluster we own and close."""

    def __init__(self, workers: int, scheduler: str | None) -> None:
        from distributed import Client, LocalCluster

        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            )
            self.client = Client(self.cluster)
        self.workers = max(1, len(self.client.scheduler_info()["workers"]))

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def dask_shards(
    documents: Iterable[Document],
    models: tuple[str, ...],
    workers: int = 1,
    scheduler: str | None = None,
    shard_dir: str | None = None,
    batch_size: int = 32,
    partition: int = PARTITION,
    pipeline: tuple[str, ...] | None = None,
) -> Iterator[Shard]:
    """Stream shards in partition order; at most AHEAD partitions per worker are in flight."""
    parts = batches(documents, partition)
    first = next(parts, None)
    if first is None:  # nothing new to extract: no cluster to start
        return
    cluster = _Cluster(workers, scheduler)
    run_dir = Path(shard_dir or tempfile.gettempdir()) / f"dyad-shards-{uuid.uuid4().hex[:12]}"
    counter = count()

    def submit(batch: list[Document]) -> _Partition:
        return _Partition(batch, lambda docs: cluster.client.submit(
            extract_partition, next(counter), docs, models, str(run_dir), batch_size, pipeline, pure=False
        ), lambda pairs: write_shard(next(counter), pairs, str(run_dir)))

    try:
        window = ordered_window(chain([first], parts), submit, AHEAD * cluster.workers)
        for _batch, found in window:
            yield from found
    finally:
        cluster.close()
        shutil.rmtree(run_dir, ignore_errors=True)


class _Partition:
    """A partition handed to the cluster; `result()` is its shards, however the task ended.

    A task that raised (its worker died too often, or its result could not be
    returned) is submitted again one document at a time; a document whose own
    task fails too gets a shard, written here, that records its failure.
    """

    def __init__(self, batch: list[Document], run: Callable[[list[Document]], Any],
                 write: Callable[[list[Pair]], Shard]) -> None:
        self.batch, self.run, self.write = batch, run, write
        self.future = run(batch)

    def result(self) -> list[Shard]:
        try:
            return [self.future.result()]
        except Exception:
            return [self._alone(document) for document in self.batch]

    def _alone(self, document: Document) -> Shard:
        try:
            shard: Shard = self.run([document]).result()
            return shard
        except Exception as exc:
            return self.write([(document, failure(document, "worker", exc))])


def dask_extractor(
    models: tuple[str, ...], workers: int, scheduler: str | None, shard_dir: str | None, batch_size: int,
    pipeline: tuple[str, ...] | None = None,
) -> Extractor:
    """An Extractor: pairs rebuilt from each partition's shard, whose files are removed once read."""

    def run(documents: Iterable[Document]) -> Iterator[Pair]:
        for shard in dask_shards(documents, models, workers, scheduler, shard_dir, batch_size, pipeline=pipeline):
            yield from read_shard(shard)
            shutil.rmtree(Path(shard.files["documents"]).parent, ignore_errors=True)

    return run
