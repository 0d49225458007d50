"""Ingest: sources -> documents -> extraction -> store, one transaction per document."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from dyad.extract.pipeline import extract_many
from dyad.ingest.sources import IngestError
from dyad.records import Document
from dyad.scale import Extractor
from dyad.store import Store


@dataclass
class IngestReport:
    stored: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    near_copies: list[tuple[str, str]] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.errors)


def _new_documents(
    items: Iterable[Document | IngestError], store: Store, report: IngestReport
) -> Iterator[Document]:
    seen: set[str] = set()
    for item in items:
        if isinstance(item, IngestError):
            report.errors.append(item)
            continue
        if item.id in seen or store.has_document(item.id):
            report.duplicates.append(item.source or item.id)
            continue
        seen.add(item.id)
        yield item


def ingest_documents(
    items: Iterable[Document | IngestError],
    store: Store,
    extractor: Extractor | None = None,
) -> IngestReport:
    """Extract and store every new document; `extractor` defaults to one local process."""
    report = IngestReport()
    run = extractor or (lambda docs: extract_many(docs))
    for document, extraction in run(_new_documents(items, store, report)):
        if store.write(document, extraction):
            report.stored.append(document.id)
    return report
