"""The embedded examples extracted once per test module (the `extracted` fixture), and an extractor that
gives that extraction back, so that tests can store and fuse the same documents in many orders."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest

from dyad.records import DocExtraction, Document

EXAMPLES = Path(__file__).resolve().parents[1] / "src" / "dyad" / "examples"
Extracted = dict[str, tuple[Document, DocExtraction]]
Run = Callable[[Iterable[Document]], Iterator[tuple[Document, DocExtraction]]]


@pytest.fixture(scope="module")
def extracted(nlp) -> Extracted:
    """Each embedded example by id: the document and its extraction, in file-name order."""
    from dyad.extract.pipeline import extract_many
    from dyad.ingest.sources import iter_documents
    from dyad.settings import Settings

    docs = [d for d in iter_documents(sorted(str(p) for p in EXAMPLES.glob("*.md")), Settings()) if isinstance(d, Document)]
    return {d.id: (d, x) for d, x in extract_many(docs, nlp)}


def cached(extracted: Extracted) -> Run:
    """An extractor that gives back the extraction made once (near-copy links of the store in hand kept)."""

    def run(documents: Iterable[Document]) -> Iterator[tuple[Document, DocExtraction]]:
        for d in documents:
            yield d, extracted[d.id][1]

    return run
