"""Run extraction over many documents: one process, several, or a Dask cluster.

`extractor_for` returns a function that maps a stream of Documents to a
stream of (Document, DocExtraction) pairs, in input order; the orchestrator
writes them. Every engine reads its input lazily and keeps a bounded number
of documents in flight, so memory does not grow with the corpus.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from dyad.errors import BAD_ENGINE, BAD_WORKERS, SCHEDULER_NEEDS_DASK
from dyad.extract import Extractor
from dyad.records import Document, Extracted
from dyad.settings import Settings

__all__ = ["ENGINES", "Extractor", "extractor_for", "single_extractor"]

ENGINES = ("local", "dask")


def extractor_for(
    settings: Settings,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    shard_dir: str | None = None,
) -> Extractor:
    """The extraction strategy for these options.

    local, 1 worker: nlp.pipe and extract in this process. local, N workers:
    N worker processes (dyad.scale.procs). dask: partitions mapped on a Dask
    cluster, a LocalCluster of `workers` processes unless `scheduler` is given
    (dyad.scale.dask_engine); `shard_dir` is where its Parquet shards go.
    """
    models = tuple(settings.models)
    names = tuple(settings.pipeline)
    if engine not in ENGINES:
        raise BAD_ENGINE("engine", value=engine, choices=", ".join(ENGINES))
    if workers < 1:
        raise BAD_WORKERS()
    if engine == "dask":
        from dyad.scale.dask_engine import dask_extractor

        return dask_extractor(models, workers, scheduler, shard_dir, settings.batch_size, names)
    if scheduler:
        raise SCHEDULER_NEEDS_DASK()
    if workers > 1:
        from dyad.scale.procs import process_extractor

        return process_extractor(models, workers, settings.batch_size, pipeline=names, method=settings.start_method)
    return single_extractor(models, settings.batch_size, names)


def single_extractor(models: tuple[str, ...], batch_size: int, pipeline: tuple[str, ...] | None = None) -> Extractor:
    """nlp.pipe and extract in this process, with the components named in `pipeline` (default: the setting)."""

    def run(documents: Iterable[Document]) -> Iterator[tuple[Document, Extracted]]:
        from dyad.extract.common.nlp import load_pipeline
        from dyad.extract.pipeline import build_pipeline, extract_many

        return extract_many(documents, load_pipeline(models), batch_size, build_pipeline(pipeline))

    return run
