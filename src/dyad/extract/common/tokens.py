"""Token attributes as plain lists of integers by token index, each read once per document when first asked.

`doc[i]` builds a new Token on each call and each of its string attributes looks
the string up again; rules that look at many tokens read these lists instead.
`column(doc, attr)[i]` is what spaCy stores for token i: a string attribute's
hash (compare it with `string_id("NN")`; 0 is the empty string), a part of
speech from `spacy.parts_of_speech`, a lexical flag as 1 or 0
(`column(doc, IS_TITLE)[i] == doc[i].is_title`).
"""

from __future__ import annotations

from functools import cache

from spacy.attrs import ENT_TYPE, HEAD, IS_ALPHA, IS_LOWER, IS_PUNCT, IS_STOP, IS_TITLE, IS_UPPER, POS, SPACY
from spacy.strings import get_string_id
from spacy.tokens import Doc

from dyad.extract.common.doccache import lowers, once, texts


def column(doc: Doc, attr: int) -> list[int]:
    """One attribute of every token as the integer spaCy stores for it."""
    return once(doc, f"attr:{attr}", lambda d: d.to_array(attr).tolist() if len(d) else [])


@cache
def string_id(text: str) -> int:
    """The hash spaCy stores for a string attribute's value (the same in every vocabulary)."""
    return int(get_string_id(text))


def string_ids(*texts: str) -> frozenset[int]:
    return frozenset(string_id(text) for text in texts)


def heads(doc: Doc) -> list[int]:
    """Token.head.i of every token."""

    def read(d: Doc) -> list[int]:
        offsets = d.to_array(HEAD).astype("int64").tolist() if len(d) else []  # the offset to the head, signed
        return [i + rel for i, rel in enumerate(offsets)]

    return once(doc, f"attr:{HEAD}", read)


def whitespaces(doc: Doc) -> list[str]:
    """Token.whitespace_ of every token (" " or "")."""
    return once(doc, "whitespaces", lambda d: [" " if space else "" for space in column(d, SPACY)])


class TokenLists:
    """The token lists the span rules read: texts, lower cases, trailing spaces, lexical flags (1 or 0),
    entity type hashes (0: none) and part-of-speech ids."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.words, self.lows, self.ws = texts(doc), lowers(doc), whitespaces(doc)
        self.title, self.alpha, self.lower = column(doc, IS_TITLE), column(doc, IS_ALPHA), column(doc, IS_LOWER)
        self.upper, self.punct, self.stop = column(doc, IS_UPPER), column(doc, IS_PUNCT), column(doc, IS_STOP)
        self.ents, self.pos = column(doc, ENT_TYPE), column(doc, POS)


def token_lists(doc: Doc) -> TokenLists:
    """The document's TokenLists (made once for the document in hand)."""
    lists: TokenLists = once(doc, "token_lists", TokenLists)
    return lists
