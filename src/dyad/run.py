"""Orchestration above the stages: sources -> ingest -> extract -> store (-> fuse).

`ingest/` only turns inputs into Documents, `extract/` only turns one Document
into a DocExtraction, `store/` only writes and reads; this module composes
them. Extraction runs through an `Extractor` from `dyad.scale` (this process,
local processes or a Dask cluster), which yields (Document, DocExtraction)
pairs in input order, so every engine stores the same rows. New documents are
linked to an earlier near-copy before extraction and written in small batches,
each document in full or not at all, by a thread of their own while the next
batch is parsed and extracted (DuckDB works without the GIL); batches are
written, fused and reported one at a time, in input order. Each written batch is then folded into
the fusion tables (`dyad.fuse.update`: stories, figures, contradictions,
outlets), and the actors are resolved across documents once the input is
done, so listings read stored results and never recompute the corpus. A
batch that fusion fails on stays stored and unfused (`dyad fuse` catches up).

One bad document never stops a run: a document whose extraction failed (the
engine yields an ExtractionFailure) or that the store cannot hold is recorded
in the store's `failures` table, reported through `notify` as "failed", and
left out; every other document is stored. A later run meets it as a new
document again, so it is retried. Between write batches the store's file is
free (see dyad.store.db), so readers and another writer get their turn.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

import dyad.fuse.delete  # noqa: F401 - registers how Store.delete_document keeps fusion whole
from dyad.fuse.update import FusionUpdate
from dyad.ingest.items import IngestError
from dyad.ingest.nearcopy import NearCopyIndex, signature
from dyad.records import Document, ExtractionFailure
from dyad.scale import Extractor, extractor_for
from dyad.settings import Settings, load_settings
from dyad.store import Store, failures
from dyad.store.db import Written
from dyad.store.signatures import StoredSignatures

T = TypeVar("T")

# Documents written per transaction: each batch opens the file, commits and checkpoints it on close,
# which cost more than its rows at 16 documents (a commit per document cost more than the extraction
# stages); every document is still stored whole or not at all (see Store.write_many).
WRITE_BATCH = 32
# Documents fused per step: each step reads the stored stories and figures the new documents touch,
# so fusing a few hundred at a time costs far less than after every write; the last step runs when
# the input ends, so `ingest` returns with everything fused.
FUSE_BATCH = 256


@dataclass
class Failed:
    """A document read but not stored: its extraction failed, or the store could not hold it."""

    document: Document
    failure: ExtractionFailure

    def line(self) -> str:
        """`<input>: <document>: extraction failed: <reason> (in <stage>)`."""
        return f"{self.document.source or '-'}: {self.document.id[:12]}: {self.failure.line()}"


# Input items looked up in the store at once: each read opens a connection (see dyad.store.db) and
# waits its turn behind a batch being written, so one look-up per write batch.
LOOKUP = WRITE_BATCH

# Called once per input item as it is settled: ("stored" | "duplicate" | "error" | "failed", the item).
Notify = Callable[[str, "Document | IngestError | Failed"], None]


@dataclass
class IngestReport:
    stored: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    near_copies: list[tuple[str, str]] = field(default_factory=list)  # (new id, id of the earlier copy)
    errors: list[IngestError] = field(default_factory=list)  # inputs that could not be read
    failures: list[Failed] = field(default_factory=list)  # documents read but not extracted or stored
    fusion: FusionUpdate = field(default_factory=FusionUpdate)  # what fusing the new documents changed
    fusion_errors: list[str] = field(default_factory=list)  # batches left unfused, and why

    @property
    def failed(self) -> bool:
        return bool(self.errors or self.failures)

    def summary(self) -> str:
        return (
            f"stored {len(self.stored)} new document(s), {len(self.duplicates)} already stored, "
            f"{len(self.near_copies)} near-copies, {len(self.errors) + len(self.failures)} failed"
        )

    def fusion_summary(self) -> str:
        """What fusing the stored documents changed, one line."""
        fused = self.fusion
        return (f"fusion: {len(fused.stories_new)} new stories, {len(fused.stories_changed)} changed, "
                f"{len(fused.contradictions_new)} new contradictions")


def _ignore(kind: str, item: Document | IngestError | Failed) -> None:
    """The default Notify: nobody is watching."""


def _new_documents(
    items: Iterable[Document | IngestError],
    store: Store,
    report: IngestReport,
    index: NearCopyIndex,
    notify: Notify,
    fail: Callable[[Document, ExtractionFailure], None],
) -> Iterator[Document]:
    """New documents only, each linked to the earliest near-copy already indexed (`fail` takes one that cannot be)."""
    seen: set[str] = set()
    for item, stored in _looked_up(items, store):
        if isinstance(item, IngestError):
            report.errors.append(item)
            notify("error", item)
            continue
        if item.id in seen or stored:
            report.duplicates.append(item.source or item.id)
            notify("duplicate", item)
            continue
        seen.add(item.id)
        try:
            minhash = signature(item.text)
        except Exception as exc:  # a text that cannot be shingled (e.g. not encodable) cannot be stored either
            fail(item, ExtractionFailure.of(item.id, "near-copy", exc))
            continue
        if (copy := index.match(minhash)) is not None:
            item = item.model_copy(update={"near_copy_of": copy.doc_id, "near_copy_score": round(copy.score, 4)})
            report.near_copies.append((item.id, copy.doc_id))
        index.add(item.id, minhash)
        yield item


def _looked_up(items: Iterable[Document | IngestError], store: Store) -> Iterator[tuple[Document | IngestError, bool]]:
    """Each item with whether the store holds it already, looked up LOOKUP items at a time (one read each)."""
    it = iter(items)
    while chunk := list(islice(it, LOOKUP)):
        held = store.stored_ids([i.id for i in chunk if isinstance(i, Document)])
        yield from ((i, isinstance(i, Document) and i.id in held) for i in chunk)


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
    failed: list[Failed] = []  # failed since the last batch went to the store, recorded with it
    failed_ids: set[str] = set()
    writing: tuple[list[Written], Future[list[bool | ExtractionFailure]]] | None = None
    resolved = False  # the last fusion step resolves the actors with it

    def fail(document: Document, why: ExtractionFailure, to_record: bool = True) -> None:
        if to_record:
            failed.append(Failed(document, why))
        failed_ids.add(document.id)
        report.failures.append(Failed(document, why))
        tell("failed", report.failures[-1])

    def settle(writer: ThreadPoolExecutor | None, last: bool) -> None:
        """Wait for the batch being written and report its documents in input order; fuse when due."""
        nonlocal writing, resolved
        if writing is not None:
            batch, outcomes = writing[0], writing[1].result()
            writing = None
            for (document, _, _), new in zip(batch, outcomes, strict=True):
                if isinstance(new, ExtractionFailure):
                    fail(document, new, to_record=False)  # recorded with its batch
                elif new:
                    index.saved(document.id)
                    report.stored.append(document.id)
                    unfused.append(document.id)
                    tell("stored", document)
                else:
                    report.duplicates.append(document.source or document.id)
                    tell("duplicate", document)
        if fuse and unfused and (last or len(unfused) >= FUSE_BATCH):
            _later(writer, _fuse_and_resolve if last else _fuse, store, unfused.copy(), settings, report)
            unfused.clear()
            resolved = resolved or last

    def flush(writer: ThreadPoolExecutor | None) -> None:
        """Hand the pending documents and failures to the writer, after the batch before them is settled."""
        nonlocal writing
        settle(writer, last=False)
        batch = [(_unlinked(d, failed_ids), x, h) for d, x, h in pending]
        writing = (batch, _later(writer, _write, store, batch, [(f.document, f.failure) for f in failed]))
        pending.clear()
        failed.clear()

    # Writing and fusing a batch runs in a thread of its own while the next batch is parsed and
    # extracted: DuckDB lets go of the GIL while it works. One batch at a time, in input order.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="dyad-store") if store.threadable else nullcontext() as writer:
        for document, extraction in run(_new_documents(items, store, report, index, tell, fail)):
            if isinstance(extraction, ExtractionFailure):
                fail(document, extraction)
            else:
                pending.append((document, extraction, index.hashvalues(document.id)))
            if len(pending) + len(failed) >= WRITE_BATCH:
                flush(writer)
        flush(writer)
        settle(writer, last=True)
    if fuse and report.stored and not resolved:  # every stored document was fused before the input ended
        _resolve(store, settings, report)
    return report


def _later(writer: ThreadPoolExecutor | None, fn: Callable[..., T], *args: Any) -> Future[T]:
    """`fn(*args)` on the writer thread, or here and now when the store cannot be shared by threads."""
    if writer is not None:
        return writer.submit(fn, *args)
    done: Future[T] = Future()
    try:
        done.set_result(fn(*args))
    except Exception as exc:
        done.set_exception(exc)
    return done


def _write(store: Store, batch: list[Written], failed: list[tuple[Document, ExtractionFailure]]) -> list[bool | ExtractionFailure]:
    """Store a batch and record the failures that came with it and those the store refused; per
    document, whether it was new or why the store refused it."""
    outcomes = store.write_each(batch) if batch else []
    written: list[bool | ExtractionFailure] = [
        ExtractionFailure.of(d.id, "store", o) if isinstance(o, Exception) else o
        for (d, _, _), o in zip(batch, outcomes, strict=True)
    ]
    refused = [(d, o) for (d, _, _), o in zip(batch, written, strict=True) if isinstance(o, ExtractionFailure)]
    failures.record(store, [*failed, *refused])
    return written


def _fuse(store: Store, ids: list[str], settings: Settings | None, report: IngestReport) -> None:
    """Fold newly stored documents into the fusion tables; a failure leaves them stored and unfused."""
    from dyad.fuse.update import fuse_documents

    try:
        report.fusion.add(fuse_documents(store, ids, settings))
    except Exception as exc:  # one bad batch never stops a run: `dyad fuse` retries it
        report.fusion_errors.append(f"{len(ids)} document(s) left unfused: {type(exc).__name__}: {exc}")


def _fuse_and_resolve(store: Store, ids: list[str], settings: Settings | None, report: IngestReport) -> None:
    """The last fusion step and the resolution of actors in one transaction: one connection and commit
    instead of two, and a run stopped in between cannot leave fused names unresolved. Should either
    fail, both are rolled back and run one after the other, so each failure is told apart."""
    from dyad.fuse.actor_tables import resolve_stored
    from dyad.fuse.update import fuse_documents

    try:
        with store.transaction():
            fused = fuse_documents(store, ids, settings)
            resolved = resolve_stored(store, settings.overrides if settings else None)
    except Exception:
        _fuse(store, ids, settings, report)
        _resolve(store, settings, report)
        return
    report.fusion.add(fused)
    report.fusion.actors_resolved = resolved


def _resolve(store: Store, settings: Settings | None, report: IngestReport) -> None:
    """Resolve actors across documents when new names arrived."""
    from dyad.fuse.actor_tables import resolve_stored

    try:
        report.fusion.actors_resolved = resolve_stored(store, settings.overrides if settings else None)
    except Exception as exc:
        report.fusion_errors.append(f"actors left unresolved: {type(exc).__name__}: {exc}")


def _unlinked(document: Document, failed_ids: set[str]) -> Document:
    """The document without its near-copy link when the copy it points to failed and is not stored."""
    if document.near_copy_of in failed_ids:
        return document.model_copy(update={"near_copy_of": None, "near_copy_score": None})
    return document


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


@dataclass
class MetadataReport:
    """What `ingest --update-metadata` did: documents corrected, already right, not in the store."""

    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    not_stored: list[str] = field(default_factory=list)  # inputs whose text the store does not hold
    errors: list[IngestError] = field(default_factory=list)
    fusion: FusionUpdate = field(default_factory=FusionUpdate)  # the documents fused again, and what changed
    fusion_errors: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.errors)

    def summary(self) -> str:
        return (
            f"updated the metadata of {len(self.updated)} document(s), {len(self.unchanged)} unchanged, "
            f"{len(self.not_stored)} not stored (ingest them first), {len(self.errors)} failed; "
            f"fusion: {len(self.fusion.documents)} document(s) fused again"
        )


def update_metadata(
    store: Store, inputs: Sequence[str], settings: Settings, manifest: Path | None = None,
    notify: Notify | None = None,
) -> MetadataReport:
    """Correct the metadata of stored documents from their inputs, without extracting them again.

    A document is found by its text (its identity); its title, outlet, url, day, language, own id,
    author, section, keywords and other fields become what the input says now. The documents whose
    outlet, independent source or day changed (the corrected ones and their near-copies) are then
    fused again, so stories, figures and `sources` count the corrected outlets.
    """
    from dyad.ingest.sources import iter_documents

    report = MetadataReport()
    tell = notify or _ignore
    for item in iter_documents(list(inputs), settings, manifest):
        if isinstance(item, IngestError):
            report.errors.append(item)
            tell("error", item)
            continue
        if not store.has_document(item.id):
            report.not_stored.append(item.source or item.id)
        elif store.update_metadata(item):
            report.updated.append(item.id)
        else:
            report.unchanged.append(item.id)
        tell("stored", item)
    if report.updated:
        _refresh(store, settings, report)
    return report


def _refresh(store: Store, settings: Settings, report: MetadataReport) -> None:
    """Fuse again the documents whose outlet, independent source or day no longer match their metadata."""
    from dyad.fuse.check import stale_documents
    from dyad.fuse.update import refresh_documents

    try:
        report.fusion = refresh_documents(store, stale_documents(store), settings)
    except Exception as exc:  # the metadata is corrected either way: `dyad fuse --refresh` retries
        report.fusion_errors.append(f"documents left as fused before: {type(exc).__name__}: {exc}")
