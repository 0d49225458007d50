"""Token attributes as plain lists by token index, each read once per document and only when asked for.

`doc[i]` builds a new Token on each call and each of its string attributes looks
the string up again; rules that look at many tokens read these lists instead.
Each list holds what the Token attribute of the same name gives
(`tags(doc)[i] == doc[i].tag_`); a lexical flag's list holds 1 where the flag
is set and 0 where not (`flags(doc, IS_TITLE)[i] == doc[i].is_title`).
"""

from __future__ import annotations

from spacy.attrs import DEP, ENT_TYPE, HEAD, POS, SPACY, TAG
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc

from dyad.extract.common.doccache import once, strings_for


def _column(doc: Doc, attr: int) -> list[int]:
    """One attribute of every token as the integers spaCy stores (string hashes, flags, offsets)."""
    return doc.to_array(attr).tolist() if len(doc) else []


def _named(doc: Doc, attr: int) -> list[str]:
    return once(doc, f"attr:{attr}", lambda d: strings_for(d, _column(d, attr)))


def tags(doc: Doc) -> list[str]:
    """Token.tag_ of every token."""
    return _named(doc, TAG)


def deps(doc: Doc) -> list[str]:
    """Token.dep_ of every token."""
    return _named(doc, DEP)


def ent_types(doc: Doc) -> list[str]:
    """Token.ent_type_ of every token ("" outside an entity)."""
    return _named(doc, ENT_TYPE)


def pos_tags(doc: Doc) -> list[str]:
    """Token.pos_ of every token."""
    return once(doc, f"attr:{POS}", lambda d: [POS_NAMES[p] for p in _column(d, POS)])


def heads(doc: Doc) -> list[int]:
    """Token.head.i of every token."""

    def read(d: Doc) -> list[int]:
        offsets = d.to_array(HEAD).astype("int64").tolist() if len(d) else []  # the offset to the head, signed
        return [i + rel for i, rel in enumerate(offsets)]

    return once(doc, f"attr:{HEAD}", read)


def whitespaces(doc: Doc) -> list[str]:
    """Token.whitespace_ of every token (" " or "")."""
    return once(doc, f"attr:{SPACY}", lambda d: [" " if space else "" for space in _column(d, SPACY)])


def flags(doc: Doc, attr: int) -> list[int]:
    """A lexical flag of every token (IS_TITLE, IS_ALPHA, IS_PUNCT ...): 1 where set, 0 where not."""
    return once(doc, f"attr:{attr}", lambda d: _column(d, attr))
