"""Ingest: sources -> documents -> near-copy links -> extraction -> store, one transaction per document."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from dyad.extract.pipeline import extract_many
from dyad.ingest.items import IngestError
from dyad.ingest.nearcopy import NearCopyIndex, signature
from dyad.records import Document
from dyad.scale import Extractor
from dyad.store import Store
from dyad.store.db import Written

# Documents written per transaction: one commit per document cost more than the extraction
# stages; every document is still stored whole or not at all (see Store.write_many).
WRITE_BATCH = 16

# Called once per input item as it is settled: ("stored" | "duplicate" | "error", the item).
Notify = Callable[[str, "Document | IngestError"], None]


@dataclass
class IngestReport:
    stored: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    near_copies: list[tuple[str, str]] = field(default_factory=list)  # (new id, id of the earlier copy)
    errors: list[IngestError] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.errors)

    def summary(self) -> str:
        return (
            f"stored {len(self.stored)} new document(s), {len(self.duplicates)} already stored, "
            f"{len(self.near_copies)} near-copies, {len(self.errors)} failed"
        )


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
) -> IngestReport:
    """Extract and store every new document; `extractor` defaults to one local process.

    Documents stream through: only signatures of the documents in flight are held.
    """
    report = IngestReport()
    tell = notify or (lambda kind, item: None)
    index = NearCopyIndex(store, near_copy_threshold)
    run = extractor or (lambda docs: extract_many(docs))
    pending: list[Written] = []

    def flush() -> None:
        for (document, _, _), new in zip(pending, store.write_many(pending)):
            if new:
                index.saved(document.id)
                report.stored.append(document.id)
                tell("stored", document)
            else:
                report.duplicates.append(document.source or document.id)
                tell("duplicate", document)
        pending.clear()

    for document, extraction in run(_new_documents(items, store, report, index, tell)):
        pending.append((document, extraction, index.hashvalues(document.id)))
        if len(pending) >= WRITE_BATCH:
            flush()
    flush()
    return report
