"""Per-document arrays of the parse that the rule stages (events, parties, quotes, claims, relations) read,
once per document the way doccache does it, so that rules index by position instead of building Tokens
(`doc[i]`, `token.head` and `token.children` build a new Token object on every access). Integer
attribute columns and heads are in common/tokens.py."""

from __future__ import annotations

import bisect
from typing import Any

import numpy as np
from spacy.attrs import DEP
from spacy.tokens import Doc

from dyad.extract.common.doccache import once, texts, token_starts
from dyad.extract.common.tokens import heads


def token_ends(doc: Doc) -> list[int]:
    """Character offset just past every token, by index (never decreasing: tokens do not overlap)."""
    return once(doc, "token_ends", lambda d: [s + len(t) for s, t in zip(token_starts(d), texts(d), strict=True)])


def first_ending_after(doc: Doc, char: int) -> int:
    """Index of the first token that ends after a character offset (len(doc) if none)."""
    return bisect.bisect_right(token_ends(doc), char)


def _read_deps(doc: Doc) -> list[str]:
    strings = doc.vocab.strings
    return [strings[h] for h in doc.to_array([DEP]).tolist()]


def deps(doc: Doc) -> list[str]:
    """Every token's dependency label, by index: `token.dep_`."""
    return once(doc, "deps", _read_deps)


class Children:
    """Every token's children, by index and in text order (the indices `token.children` yields): one flat list
    of children ordered by head, and where each head's run begins, rather than a list per token (a document's
    worth of small lists wakes the garbage collector, which then walks every object in memory)."""

    __slots__ = ("order", "bounds")

    def __init__(self, order: list[int], bounds: list[int]) -> None:
        self.order = order
        self.bounds = bounds

    def __getitem__(self, i: int) -> list[int]:
        return self.order[self.bounds[i] : self.bounds[i + 1]]


def _read_children(doc: Doc) -> Children:
    up = np.asarray(heads(doc), dtype=np.int64)
    kids = np.flatnonzero(up != np.arange(len(up)))  # a root is its own head, and no child of its own
    order = kids[np.argsort(up[kids], kind="stable")]  # by head; a stable sort keeps each head's run in text order
    bounds = np.zeros(len(up) + 1, dtype=np.int64)
    np.cumsum(np.bincount(up[kids], minlength=len(up)), out=bounds[1:])
    return Children(order.tolist(), bounds.tolist())


def children(doc: Doc) -> Children:
    """Every token's children: `children(doc)[i]` are the indices `doc[i].children` yields, in order."""
    return once(doc, "children", _read_children)


def _read_breaks(doc: Doc) -> list[int]:
    return [i for i, text in enumerate(texts(doc)) if text.isspace() and "\n" in text]  # Token.is_space


def paragraph_breaks(doc: Doc) -> list[int]:
    """Indices of the whitespace tokens that hold a line break, in order."""
    return once(doc, "paragraph_breaks", _read_breaks)


def break_between(doc: Doc, lo: int, hi: int) -> bool:
    """Whether a whitespace token holding a line break lies at an index in [lo, hi)."""
    found = paragraph_breaks(doc)
    k = bisect.bisect_left(found, lo)
    return k < len(found) and found[k] < hi


def memo(doc: Doc, name: str) -> dict[Any, Any]:
    """A dict that lives as long as the document in hand, to remember what a rule read from its parse."""
    return once(doc, name, lambda d: {})
