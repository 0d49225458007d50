"""Parse a document's text with spaCy safely, in time linear in its length, offsets exact.

Two things in hostile text make spaCy fail or crawl, and both are met here
without moving a single character offset:

- The tokenizer strips leading and trailing punctuation one character at a
  time and searches the rest of the word again after each, so a word made of
  10,000 quotation marks costs time quadratic in its length (tens of seconds).
  `tokenizer_text` puts a space every `MAX_RUN` characters inside any longer
  run without whitespace: a replacement character for character, so the text
  keeps its length and every offset still points into the document's own
  text. Lone surrogates (which spaCy cannot encode) become U+FFFD the same
  way.
- spaCy refuses a text over `nlp.max_length` (1,000,000 characters, error
  E088), and its memory grows with the length of one text. A text longer than
  `CHUNK_CHARS` is parsed in pieces cut at paragraph boundaries (else at a line
  break, else at a space) and the pieces joined with `Doc.from_docs`, whose
  text is exactly the pieces laid end to end.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc

# the longest run of non-space characters the tokenizer is given
MAX_RUN = 100
# a text longer than this is parsed in pieces of at most this many characters
CHUNK_CHARS = 100_000

_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")
_SURROGATE = re.compile("[\ud800-\udfff]")
# where a piece may end, best first: after a blank line, a line break, a space
_BREAKS = ("\n\n", "\n", " ")


def _break_run(match: re.Match[str]) -> str:
    """The run with every (MAX_RUN + 1)-th character replaced by a space."""
    chars = list(match.group())
    cuts = range(MAX_RUN, len(chars), MAX_RUN + 1)
    chars[MAX_RUN :: MAX_RUN + 1] = " " * len(cuts)
    return "".join(chars)


def tokenizer_text(text: str) -> str:
    """The text as the tokenizer should see it: the same length, no long runs, no lone surrogates."""
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    return _LONG_RUN.sub(_break_run, text)


def pieces(text: str, size: int | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of consecutive pieces covering the text, each at most `size` (CHUNK_CHARS) characters.

    A piece ends just after the last paragraph break in its second half, else
    the last line break, else the last space, else at `size` characters.
    """
    size = size or CHUNK_CHARS
    start, n = 0, len(text)
    while n - start > size:
        limit = start + size
        end = limit
        for sep in _BREAKS:
            found = text.rfind(sep, start + size // 2, limit - len(sep) + 1)
            if found >= 0:
                end = found + len(sep)
                break
        yield start, end
        start = end
    yield start, n


def is_long(text: str) -> bool:
    return len(text) > CHUNK_CHARS


def parse(nlp: Language, text: str) -> Doc:
    """The parsed text (see the module docstring); `doc.text` has the length of `text`, offset for offset."""
    prepared = tokenizer_text(text)
    if not is_long(prepared):
        return nlp(prepared)
    return Doc.from_docs([nlp(prepared[a:b]) for a, b in pieces(prepared)], ensure_whitespace=False)
