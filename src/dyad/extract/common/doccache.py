"""Per-document values that spaCy rebuilds on every access, computed once for the document in hand."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable
from typing import Any, NamedTuple

from spacy.attrs import DEP, HEAD, LEMMA, LOWER, ORTH, POS, SPACY
from spacy.lang.en.syntax_iterators import noun_chunks as english_noun_chunks
from spacy.parts_of_speech import NOUN, PRON, PROPN
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
    """The document's text (Doc.text builds every token to join them, on each call)."""
    return once(doc, "text", lambda d: "".join(_strings(d).with_ws))


def span_text(span: Span) -> str:
    """Span.text, cut from the document's text (Span.text builds every token of the span to join them)."""
    if span.start >= span.end:
        return span.text
    return doc_text(span.doc)[span.start_char : span.end_char]


def noun_chunks(doc: Doc) -> list[Span]:
    """The document's noun chunks (Doc.noun_chunks walks the parse on each call)."""
    return once(doc, "chunks", _noun_chunks)


_CHUNK_DEPS = ("oprd", "nsubj", "dobj", "nsubjpass", "pcomp", "pobj", "dative", "appos", "attr", "ROOT")


def _noun_chunks(doc: Doc) -> list[Span]:
    """English noun chunks, spaCy's own rule (spacy.lang.en.syntax_iterators) read from the token arrays:
    a Token is built only for a noun's left edge. Other languages, or a doc without a parse, go to spaCy."""
    if getattr(doc, "noun_chunks_iterator", None) is not english_noun_chunks or not doc.has_annotation("DEP"):
        return list(doc.noun_chunks)
    strings = doc.vocab.strings
    np_deps = {strings.add(label) for label in _CHUNK_DEPS}
    conj, np_label = strings.add("conj"), strings.add("NP")
    arr = doc.to_array([POS, DEP, HEAD]).astype("int64")
    pos, dep = arr[:, 0].tolist(), arr[:, 1].tolist()
    head = [i + rel for i, rel in enumerate(arr[:, 2].tolist())]  # HEAD is the offset to the head
    nouns = {NOUN, PROPN, PRON}
    chunks: list[Span] = []
    prev_end = -1
    for i, p in enumerate(pos):
        if p not in nouns:
            continue
        if dep[i] not in np_deps:
            if dep[i] != conj:
                continue
            h = head[i]
            while dep[h] == conj and head[h] < h:
                h = head[h]
            if dep[h] not in np_deps:  # coordinated to a noun phrase: a noun phrase too
                continue
        left = doc[i].left_edge.i  # asked last: it builds two Tokens
        if left <= prev_end:  # no nested chunks
            continue
        prev_end = i
        chunks.append(Span(doc, left, i + 1, label=np_label))
    return chunks


def noun_chunk_roots(doc: Doc) -> list[int]:
    """The token index of each noun chunk's root, in the order of `noun_chunks` (Span.root walks the parse)."""
    return once(doc, "chunk_roots", lambda d: [chunk.root.i for chunk in noun_chunks(d)])


def entities(doc: Doc) -> tuple[Span, ...]:
    """The named-entity spans (Doc.ents builds new Span objects on each call)."""
    return once(doc, "ents", lambda d: tuple(d.ents))


def sentences(doc: Doc) -> list[Span]:
    """The document's sentences (Doc.sents walks the parse on each call)."""
    return once(doc, "sents", lambda d: list(d.sents))


def sentence_starts(doc: Doc) -> list[int]:
    """Token index where each sentence begins, in order."""
    return once(doc, "sent_starts", lambda d: [s.start for s in sentences(d)])


def sentence_number(doc: Doc, token: int) -> int:
    """Which sentence (0-based) a token index is in."""
    return max(0, bisect.bisect_right(sentence_starts(doc), token) - 1)


def sentence_bounds(doc: Doc, token: int) -> tuple[int, int]:
    """(start, end) token indices of the sentence a token index is in, as `doc[token].sent` gives them
    (Token.sent builds a Span through the slicing of a Doc on each call)."""
    starts = sentence_starts(doc)
    n = sentence_number(doc, token)
    return starts[n], starts[n + 1] if n + 1 < len(starts) else len(doc)


class _Strings(NamedTuple):
    texts: list[str]
    lows: list[str]
    lemma_lows: list[str]
    starts: list[int]
    with_ws: list[str]


def _read_strings(doc: Doc) -> _Strings:
    """Every token's strings and offset, read from the token array in one pass: doc[i] builds a new Token
    and each of its string attributes looks its string up again, on every access."""
    arr = doc.to_array([ORTH, LOWER, LEMMA, SPACY])
    texts, lows = _looked_up(doc, arr[:, 0].tolist(), False), _looked_up(doc, arr[:, 1].tolist(), False)
    lemma_lows = _looked_up(doc, arr[:, 2].tolist(), True)
    with_ws = [t + " " if space else t for t, space in zip(texts, arr[:, 3].tolist(), strict=True)]
    # a token starts where the text (each token with its trailing space) before it ends
    starts = [0, *itertools.accumulate(map(len, with_ws))][: len(with_ws)]
    return _Strings(texts, lows, lemma_lows, starts, with_ws)


# string hash -> the string (and its lower case): the hash of a string is the same in every vocab, and a dict
# lookup costs a third of asking the vocab's StringStore; emptied when it grows past _MOST entries
_STRING: dict[int, str] = {}
_LOWER: dict[int, str] = {}
_MOST = 500_000


def _looked_up(doc: Doc, hashes: list[int], lower: bool) -> list[str]:
    known = _LOWER if lower else _STRING
    if len(known) > _MOST:
        known.clear()
    out: list[str] = []
    for h in hashes:
        text = known.get(h)
        if text is None:
            text = doc.vocab.strings[h]
            text = known[h] = text.lower() if lower else text
        out.append(text)
    return out


def strings_for(doc: Doc, hashes: list[int]) -> list[str]:
    """The strings of a list of string hashes (a column of `Doc.to_array`)."""
    return _looked_up(doc, hashes, False)


def _strings(doc: Doc) -> _Strings:
    strings: _Strings = once(doc, "strings", _read_strings)
    return strings


def texts(doc: Doc) -> list[str]:
    """Every token's text, by index."""
    return _strings(doc).texts


def lowers(doc: Doc) -> list[str]:
    """Every token's lower-case text, by index."""
    return _strings(doc).lows


def lemma_lowers(doc: Doc) -> list[str]:
    """Every token's lemma in lower case, by index."""
    return _strings(doc).lemma_lows


def token_starts(doc: Doc) -> list[int]:
    """Character offset of every token, for finding tokens by bisection."""
    return _strings(doc).starts


def token_index(doc: Doc, char: int) -> int:
    """Index of the first token starting at or after a character offset (len(doc) if none)."""
    return bisect.bisect_left(token_starts(doc), char)


def _positions(words: list[str]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for i, word in enumerate(words):
        found.setdefault(word, []).append(i)
    return found


def tokens_by_text(doc: Doc) -> dict[str, list[int]]:
    """Token indices by their exact text, to find every use of a word without a scan."""
    return once(doc, "by_text", lambda d: _positions(texts(d)))


def token_positions(doc: Doc, text: str) -> list[int]:
    """Token indices whose text is exactly `text`, in order (as `tokens_by_text` gives them), found by
    list.index when first asked and kept: cheaper than indexing every word when few are asked for."""
    asked: dict[str, list[int]] = once(doc, "token_positions", lambda _: {})
    found = asked.get(text)
    if found is None:
        words, found, i = texts(doc), [], -1
        try:
            while True:
                i = words.index(text, i + 1)
                found.append(i)
        except ValueError:
            pass
        asked[text] = found
    return found


def tokens_by_lower(doc: Doc) -> dict[str, list[int]]:
    """Token indices by their lower-case text."""
    return once(doc, "by_lower", lambda d: _positions(lowers(d)))


def line_bounds(doc: Doc) -> list[int]:
    """Character offsets where each line of the text begins (for the line around a span, by bisection)."""
    text = doc_text(doc)
    return once(doc, "lines", lambda d: [0] + [m.end() for m in re.finditer("\n", text)])


def line_of(doc: Doc, start: int, end: int) -> str:
    """The text of the line(s) holding the characters start..end."""
    bounds = line_bounds(doc)
    text = doc_text(doc)
    first = bounds[max(0, bisect.bisect_right(bounds, start) - 1)]
    after = bisect.bisect_left(bounds, end + 1)
    last = bounds[after] - 1 if after < len(bounds) else len(text)
    return text[first:last]


def word_positions(doc: Doc) -> dict[str, list[int]]:
    """Character offsets of every run of word characters, by its text (to count a name's uses without a scan)."""
    return once(doc, "words", lambda d: index_words(doc_text(d)))


class WordFinder:
    """Where a word stands in a text as a whole run of word characters (as `index_words` gives it), found
    with str.find when first asked and kept: cheaper than indexing every word when few are asked for."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._found: dict[str, list[int]] = {}

    def starts(self, word: str) -> list[int]:
        """Offsets of the runs of word characters that are exactly `word` (itself a run of word characters)."""
        found = self._found.get(word)
        if found is None:
            found = self._found[word] = _whole_runs(self.text, word)
        return found


_WORD_CHAR = re.compile(r"\w")


def _whole_runs(text: str, word: str) -> list[int]:
    found: list[int] = []
    i = text.find(word) if word else -1
    while i >= 0:
        if not (i and _WORD_CHAR.match(text, i - 1)) and not _WORD_CHAR.match(text, i + len(word)):
            found.append(i)
        i = text.find(word, i + 1)
    return found


def word_finder(doc: Doc) -> WordFinder:
    """The document's WordFinder over its text."""
    finder: WordFinder = once(doc, "word_finder", lambda d: WordFinder(doc_text(d)))
    return finder


def index_words(text: str) -> dict[str, list[int]]:
    """Character offsets of every run of word characters in a text, by the run's text."""
    found: dict[str, list[int]] = {}
    for m in re.finditer(r"\w+", text):
        found.setdefault(m.group(), []).append(m.start())
    return found
