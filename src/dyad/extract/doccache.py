"""Per-document values that spaCy rebuilds on every access, computed once for the document in hand."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc, Span

_PER_DOC: dict[str, tuple[Doc, Any]] = {}


def once(doc: Doc, name: str, make: Callable[[Doc], Any]) -> Any:
    """A value computed once for the document being worked on (only the latest document is kept)."""
    held = _PER_DOC.get(name)
    if held is None or held[0] is not doc:
        held = (doc, make(doc))
        _PER_DOC[name] = held
    return held[1]


def doc_text(doc: Doc) -> str:
    """The document's text (Doc.text joins every token on each call)."""
    return once(doc, "text", lambda d: d.text)


def noun_chunks(doc: Doc) -> list[Span]:
    """The document's noun chunks (Doc.noun_chunks walks the parse on each call)."""
    return once(doc, "chunks", lambda d: list(d.noun_chunks))
