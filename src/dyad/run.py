"""Orchestration above the stages: sources -> ingest -> extract -> store (-> fuse).

`ingest/` only turns inputs into Documents, `extract/` only turns one Document
into a DocExtraction, `store/` only writes and reads; this module composes
them. Extraction runs through an `Extractor` from `dyad.scale` (this process,
local processes or a Dask cluster), which yields (Document, DocExtraction)
pairs in input order, so every engine stores the same rows. New documents are
linked to an earlier near-copy before extraction and written in small batches,
each document in full or not at all. Each written batch is then folded into
the fusion tables (`dyad.fuse.update`: stories, figures, contradictions,
outlets), and the actors are resolved across documents once the input is
done, so listings read stored results and never recompute the corpus. A
batch that fusion fails on stays stored and unfused (`dyad fuse` catches up).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dyad.fuse.update import FusionUpdate
from dyad.ingest.items import IngestError
from dyad.ingest.nearcopy import NearCopyIndex, signature
from dyad.records import Document
from dyad.scale import Extractor, extractor_for
from dyad.settings import Settings, load_settings
from dyad.store import Store
from dyad.store.db import Written
from dyad.store.signatures import StoredSignatures

# Documents written per transaction: one commit per document cost more than the extraction
# stages; every document is still stored whole or not at all (see Store.write_many).
WRITE_BATCH = 16
# Documents fused per step: each step reads the stored stories and figures the new documents touch,
# so fusing a few hundred at a time costs far less than after every write; the last step runs when
# the input ends, so `ingest` returns with everything fused.
FUSE_BATCH = 256

# Called once per input item as it is settled: ("stored" | "duplicate" | "error", the item).
Notify = Callable[[str, "Document | IngestError"], None]


@dataclass
class IngestReport:
    stored: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    near_copies: list[tuple[str, str]] = field(default_factory=list)  # (new id, id of the earlier copy)
    errors: list[IngestError] = field(default_factory=list)
    fusion: FusionUpdate = field(default_factory=FusionUpdate)  # what fusing the new documents changed
    fusion_errors: list[str] = field(default_factory=list)  # batches left unfused, and why

    @property
    def failed(self) -> bool:
        return bool(self.errors)

    def summary(self) -> str:
        fused = self.fusion
        return (
            f"stored {len(self.stored)} new document(s), {len(self.duplicates)} already stored, "
            f"{len(self.near_copies)} near-copies, {len(self.errors)} failed; fusion: {len(fused.stories_new)} new "
            f"stories, {len(fused.stories_changed)} changed, {len(fused.contradictions_new)} new contradictions"
        )


def _ignore(kind: str, item: Document | IngestError) -> None:
    """The default Notify: nobody is watching."""


def _new_documents(
    items: Iterable[Document | IngestError],
    store: Store,
    report: IngestReport,
    index: NearCopyIndex,
    notify: Notify,
) -> Iterator[Document]:
    """New documents only, each linked to the earliest near-copy already indexed."""
    seen: set[str] = set()
    for item in items:
        if isinstance(item, IngestError):
            report.errors.append(item)
            notify("error", item)
            continue
        if item.id in seen or store.has_document(item.id):
            report.duplicates.append(item.source or item.id)
            notify("duplicate", item)
            continue
        seen.add(item.id)
        minhash = signature(item.text)
        if (copy := index.match(minhash)) is not None:
            item = item.model_copy(update={"near_copy_of": copy.doc_id, "near_copy_score": round(copy.score, 4)})
            report.near_copies.append((item.id, copy.doc_id))
        index.add(item.id, minhash)
        yield item


def ingest_documents(
    items: Iterable[Document | IngestError],
    store: Store,
    extractor: Extractor | None = None,
    *,
    near_copy_threshold: float = 0.8,
    notify: Notify | None = None,
    settings: Settings | None = None,
    fuse: bool = True,
) -> IngestReport:
    """Extract, store and fuse every new document; `extractor` defaults to one local process.

    Documents stream through: only signatures of the documents in flight are held.
    With `fuse` false the documents are stored unfused (`dyad fuse` fuses them later).
    """
    report = IngestReport()
    tell = notify or _ignore
    index = NearCopyIndex(StoredSignatures(store), near_copy_threshold)
    run = extractor or extractor_for(load_settings())
    pending: list[Written] = []
    unfused: list[str] = []

    def flush(last: bool = False) -> None:
        for (document, _, _), new in zip(pending, store.write_many(pending), strict=True):
            if new:
                index.saved(document.id)
                report.stored.append(document.id)
                unfused.append(document.id)
                tell("stored", document)
            else:
                report.duplicates.append(document.source or document.id)
                tell("duplicate", document)
        pending.clear()
        if fuse and unfused and (last or len(unfused) >= FUSE_BATCH):
            _fuse(store, unfused, settings, report)
            unfused.clear()

    for document, extraction in run(_new_documents(items, store, report, index, tell)):
        pending.append((document, extraction, index.hashvalues(document.id)))
        if len(pending) >= WRITE_BATCH:
            flush()
    flush(last=True)
    if fuse and report.stored:
        _resolve(store, settings, report)
    return report


def _fuse(store: Store, ids: list[str], settings: Settings | None, report: IngestReport) -> None:
    """Fold newly stored documents into the fusion tables; a failure leaves them stored and unfused."""
    from dyad.fuse.update import fuse_documents

    try:
        report.fusion.add(fuse_documents(store, ids, settings))
    except Exception as exc:  # one bad batch never stops a run: `dyad fuse` retries it
        report.fusion_errors.append(f"{len(ids)} document(s) left unfused: {type(exc).__name__}: {exc}")


def _resolve(store: Store, settings: Settings | None, report: IngestReport) -> None:
    """Resolve actors across documents when new names arrived."""
    from dyad.fuse.actor_tables import resolve_stored

    try:
        report.fusion.actors_resolved = resolve_stored(store, settings.overrides if settings else None)
    except Exception as exc:
        report.fusion_errors.append(f"actors left unresolved: {type(exc).__name__}: {exc}")


def ingest(
    store: Store,
    inputs: Sequence[str],
    settings: Settings,
    manifest: Path | None = None,
    *,
    workers: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    notify: Notify | None = None,
) -> IngestReport:
    """Read the inputs (files, folders, record files, URLs, "-"), extract and store them.

    With a manifest and no inputs, the files the manifest lists. `workers`,
    `engine` and `scheduler` choose how extraction runs (see dyad.scale).
    """
    from dyad.ingest.sources import iter_documents

    extractor = extractor_for(settings, workers or settings.workers, engine, scheduler)
    items = iter_documents(list(inputs), settings, manifest)
    return ingest_documents(
        items, store, extractor, near_copy_threshold=settings.near_copy_threshold, notify=notify, settings=settings
    )
