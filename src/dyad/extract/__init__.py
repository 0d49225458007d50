"""Extraction: one Document in, one DocExtraction out, with no access to any other document.

`pipeline` builds the run from registered components (`registry`); `common/` holds what they
share; each component lives in its own package (`actors/`, `events/`, `quotes/`, `claims/`,
`relations/`) or module (`sentences`). An `Extractor` maps a stream of documents to
(document, extraction) pairs in input order, the extraction being an `ExtractionFailure` for a
document that could not be extracted (`guard`): `pipeline.extract_many` is one, the engines of
`dyad.scale` are others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from dyad.records import Document, Extracted

Extractor = Callable[[Iterable[Document]], Iterator[tuple[Document, Extracted]]]
