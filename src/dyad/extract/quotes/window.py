"""The words around a quotation.

Pairs of marks, which characters they enclose, and the tokens of the sentence
before and after a mark, outside quotation marks.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from dyad.extract.common.arrays import first_ending_after
from dyad.extract.common.doccache import doc_text, texts, token_starts
from dyad.extract.quotes.marks import is_mark, mark_pairs
from dyad.extract.quotes.words import speech_words

SENT_END = frozenset({".", "!", "?"})
CLOSING = frozenset({"\u201d", '"'})
TRAILING = ",;:\u2014- "
JOINERS = frozenset({"and", "or"})
MAX_TAIL = 6  # words of an attribution swallowed by an unclosed quotation


@dataclass
class Marked:
    """One pair of quotation marks: the marks' offsets and the trimmed words inside."""

    open: int
    close: int  # offset of the closing mark (for an unclosed quotation: the character after its words)
    start: int
    end: int
    closed: bool = True  # False: the closing mark was lost and the next paragraph's opening mark ended it


def marked(text: str) -> list[Marked]:
    found = []
    for open_, close in mark_pairs(text):
        start, end = open_ + 1, close
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1] in TRAILING:
            end -= 1
        if end > start:
            found.append(Marked(open_, close, start, end, is_mark(text, close)))
    return found


def split_swallowed(doc: Doc, marks: list[Marked]) -> list[Marked]:
    """An unclosed quotation that ends with its own attribution ("...and Italy, Rossi said.") ends
    at the comma before it, so the attribution is read as words after the quotation."""
    out = []
    for m in marks:
        if m.closed:
            out.append(m)
            continue
        tokens = [t for t in doc[token_at(doc, m.start) : token_at(doc, m.close)] if not t.is_space]
        comma = next((k for k in range(len(tokens) - 2, 0, -1) if tokens[k].text == ","), None)
        tail = tokens[comma + 1 : -1] if comma is not None else []
        if comma is not None and 0 < len(tail) <= MAX_TAIL and any(is_speech_verb(t) and t.tag_ in ("VBD", "VBZ") for t in tail):
            at = tokens[comma].idx
            out.append(Marked(m.open, at, m.start, at, False))
        else:
            out.append(m)
    return out


class Quoted:
    """Which characters lie inside quotation marks (the spans are sorted and do not overlap)."""

    def __init__(self, marks: list[Marked]) -> None:
        self.starts = [m.open for m in marks]
        self.ends = [m.close + 1 for m in marks]
        # (document, character) -> `right_tokens` there: each quotation's right side is read by several rules
        self.right: dict[tuple[int, int], tuple[Doc, list[Token]]] = {}

    def __contains__(self, char: int) -> bool:
        k = bisect.bisect_right(self.starts, char) - 1
        return k >= 0 and char < self.ends[k]


def is_speech_verb(tok: Token) -> bool:
    words = speech_words()
    lemma = tok.lemma_.lower()
    if tok.pos_ not in ("VERB", "AUX") or (lemma not in words.verbs and lemma not in words.complement):
        return False
    need = words.needs.get(tok.lemma_.lower())
    if need is None:
        return True
    return any(c.lower_ == need for c in tok.children) or (tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == need)


def is_complement_verb(tok: Token) -> bool:
    """A verb that attributes only the words it reports ("Kim thinks “...”"), never "...,” Kim thinks"."""
    return tok.lemma_.lower() in speech_words().complement


def left_tokens(doc: Doc, char: int, quoted: Quoted) -> list[Token]:
    """Tokens of the sentence before a character, back to the last sentence end outside quotation marks."""
    text, words, starts = doc_text(doc), texts(doc), token_starts(doc)
    first = k = token_at(doc, char)
    seen = char  # text[seen:char] holds no line break (each step reads only the stretch not read yet)
    while k > 0:
        word, at = words[k - 1], starts[k - 1]
        if "\n" in word or (word in SENT_END and at not in quoted):
            break
        end = at + len(word)
        if "\n" in text[end:seen]:
            break
        seen = min(seen, end)
        k -= 1
    return list(doc[k:first])


def right_tokens(doc: Doc, char: int, quoted: Quoted) -> list[Token]:
    """Tokens after a character up to the end of its sentence (outside quotation marks)."""
    held = quoted.right.get((id(doc), char))
    if held is None or held[0] is not doc:
        held = quoted.right[id(doc), char] = (doc, _right_tokens(doc, char, quoted))
    return list(held[1])


def _right_tokens(doc: Doc, char: int, quoted: Quoted) -> list[Token]:
    text, words, starts = doc_text(doc), texts(doc), token_starts(doc)
    k = token_at(doc, char)
    while k < len(doc) and starts[k] <= char:
        k += 1
    first = k
    # the window ends before the first token that holds the first line break after the character, or that
    # starts after it (the break lies between the tokens), or right after a full stop outside quotation marks
    line_end = text.find("\n", char)
    limit = first_ending_after(doc, line_end) if line_end >= 0 else len(doc)
    while k < limit:
        k += 1
        if words[k - 1] in SENT_END and starts[k - 1] not in quoted:
            break
    return list(doc[first:k])


def own_right(right: list[Token], quoted: Quoted) -> list[Token]:
    """The tokens after a quotation up to the next quotation, which has its own attribution.

    Quotations joined by "and" share the attribution after the last one
    ("A..." and "B," she wrote).
    """
    out: list[Token] = []
    between: list[str] = []  # words since the last quotation
    inside = False
    for tok in right:
        if tok.idx in quoted:
            if not inside and not (between and all(w in JOINERS for w in between)):
                break
            inside, between = True, []
        elif not tok.is_punct and not tok.is_space:
            inside = False
            between.append(tok.lower_)
        out.append(tok)
    return out


def token_at(doc: Doc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is not None and len(span):
        return span.start
    return first_ending_after(doc, char)


def outside_words(tokens: list[Token], quoted: Quoted) -> list[Token]:
    return [t for t in tokens if t.idx not in quoted and not t.is_punct and not t.is_space]


def previous_sentence(doc: Doc, left_start: int, quoted: Quoted) -> list[Token]:
    """The sentence before the one starting at token index `left_start` (same paragraph only)."""
    k = left_start - 1
    text, words, starts = doc_text(doc), texts(doc), token_starts(doc)
    if k < 0 or "\n" in text[starts[k] : starts[left_start] if left_start < len(doc) else len(text)]:
        return []
    end = k
    k -= 1
    while k >= 0:
        word, at = words[k], starts[k]
        if "\n" in text[at + len(word) : starts[k + 1]] or (word in SENT_END and at not in quoted):
            break
        k -= 1
    return list(doc[k + 1 : end + 1])
