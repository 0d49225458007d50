"""Per-document values that spaCy rebuilds on every access, computed once for the document in hand."""

from __future__ import annotations

import bisect
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


def entities(doc: Doc) -> tuple[Span, ...]:
    """The named-entity spans (Doc.ents builds new Span objects on each call)."""
    return once(doc, "ents", lambda d: tuple(d.ents))


def token_starts(doc: Doc) -> list[int]:
    """Character offset of every token, for finding tokens by bisection."""
    return once(doc, "starts", lambda d: [t.idx for t in d])


def token_index(doc: Doc, char: int) -> int:
    """Index of the first token starting at or after a character offset (len(doc) if none)."""
    return bisect.bisect_left(token_starts(doc), char)


def tokens_by_text(doc: Doc) -> dict[str, list[int]]:
    """Token indices by their exact text, to find every use of a word without a scan."""

    def index(d: Doc) -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        for tok in d:
            found.setdefault(tok.text, []).append(tok.i)
        return found

    return once(doc, "by_text", index)
