"""Drop site furniture (navigation, bylines, sign-offs, comment forms, credits, contact blocks).

Nothing here lists the strings of any site. A line is furniture because of
its features: where it sits (the head before the first body paragraph, the
tail after the last one), how long it is, whether it ends like a sentence,
whether it speaks to the reader ("you", an imperative), refers to the page
itself, or is a credit, a form instruction, an address or a phone number.
The article's headline is recognised on the way and returned as a title.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from dyad.ingest.lines import (
    DANGLING,
    MINOR,
    bare,
    ends_sentence,
    is_contact,
    is_credit,
    is_dateline,
    is_furniture_sentence,
    is_provenance,
    is_tail_furniture,
    looks_like_headline,
    sentence_spans,
    sentences,
    unglue,
    words,
)

__all__ = ["Cleaned", "clean", "is_furniture_sentence", "looks_like_headline", "sentences", "unglue"]

HEAD_BODY_WORDS = 15  # a line this long that ends like a sentence is article body
HEAD_KICKER_WORDS = 5  # with no headline, shorter unpunctuated lines above the body are section labels
SHORT_WORDS = 3  # shorter unpunctuated lines between headline and body are widgets
TAIL_MAX_SHARE = 0.5  # the tail walk never removes more than this share of the words
REPEAT_SHARE = 0.8  # a paragraph whose word 5-grams mostly recur later is a repeat


@dataclass(frozen=True)
class Cleaned:
    text: str
    headline: str | None


class _Paragraph:
    """A paragraph re-joined from broken lines. What the join test reads is kept up to date as lines
    come (a word count, the last characters, title-case counts), so a run of thousands of broken
    lines costs no more than the lines themselves."""

    END_CHARS = 256  # how a paragraph ends is judged on this much of its end

    def __init__(self, line: str) -> None:
        self.parts: list[str] = []
        self.end = ""
        self.words = self.major = self.capital = self.titled = 0  # titled: parts counted in major/capital
        self.add(line)

    def add(self, line: str) -> None:
        self.parts.append(line)
        self.end = (self.end + " " + line[-self.END_CHARS :])[-self.END_CHARS :] if self.end else line[-self.END_CHARS :]
        self.words += len(words(line))

    def title_case(self) -> bool:
        """Most words that are not minor words start with a capital or a digit (parts counted once)."""
        for part in self.parts[self.titled :]:
            major = [w for w in words(part) if w.lower() not in MINOR]
            self.major += len(major)
            self.capital += sum(w[0].isupper() or w[0].isdigit() for w in major)
        self.titled = len(self.parts)
        return self.major > 0 and self.capital / self.major >= 0.75

    def broken_before(self, line: str) -> bool:
        """The paragraph stops mid-sentence and `line` carries on with it."""
        if self.words < 6 or ends_sentence(self.end) or self.end.endswith(":"):
            return False
        return line[:1].islower() or (bool(DANGLING.search(self.end)) and not self.title_case())

    def text(self) -> str:
        return " ".join(self.parts)


def _join_broken(lines: list[str]) -> list[str]:
    """Re-join a paragraph broken mid-sentence by hard wrapping or page breaks."""
    out: list[_Paragraph] = []
    for line in lines:
        line = line.strip()
        if out and out[-1].broken_before(line):
            out[-1].add(line)
        else:
            out.append(_Paragraph(line))
    return [paragraph.text() for paragraph in out]


def _drop_sentences(line: str, test: Callable[[str], bool]) -> str:
    return " ".join(line[s:e].strip() for s, e in sentence_spans(line) if not test(line[s:e]))


def _shingles(line: str, n: int = 5) -> set[tuple[str, ...]]:
    tokens = [w.casefold() for w in words(line)]
    return {tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1))}


def _drop_repeats(lines: list[str]) -> list[str]:
    """A paragraph repeated later (a teaser, a pull quote), even lightly edited, is kept only where it comes last."""
    later: set[tuple[str, ...]] = set()
    kept: list[str] = []
    for line in reversed(lines):
        grams = _shingles(line)
        if len(words(line)) >= 8 and len(grams & later) >= REPEAT_SHARE * len(grams):
            continue
        later |= grams
        kept.append(line)
    return kept[::-1]


def _first_body(lines: list[str]) -> int | None:
    for i, line in enumerate(lines):
        n = len(words(line))
        if (n >= HEAD_BODY_WORDS and ends_sentence(line)) or (n >= 10 and len(sentences(line)) >= 2):
            return i
    return None


def _clean_head(lines: list[str], body: int) -> tuple[list[str], str | None]:
    """Keep the headline (the last headline-like line above the body: navigation comes first)."""
    candidates = [i for i in range(body) if looks_like_headline(lines[i])]
    headline_at = candidates[-1] if candidates else None
    kept: list[str] = []
    for i, line in enumerate(lines[:body]):
        if i == headline_at:
            kept.append(line)
            continue
        above_headline = headline_at is None or i < headline_at
        limit = HEAD_KICKER_WORDS if headline_at is None else (10**6 if above_headline else SHORT_WORDS)
        short = not ends_sentence(line) and len(words(line)) <= limit
        if is_provenance(line):
            kept.append(line)
            continue
        if short or is_dateline(line) or is_credit(line) or is_contact(line):
            continue
        kept.append(line)
    headline = bare(lines[headline_at]) if headline_at is not None else None
    return kept + lines[body:], headline


def _drop_lone_words(lines: list[str]) -> list[str]:
    """A one-word line without punctuation between paragraphs is a widget ("Advertisement")."""
    return [line for line in lines if len(words(line)) > 1 or ends_sentence(line) or len(lines) == 1]


def _clean_tail(lines: list[str], first_body: int) -> list[str]:
    """Walk back from the end dropping furniture, stepping over provenance, up to the article's last paragraph."""
    budget = TAIL_MAX_SHARE * sum(len(words(line)) for line in lines)
    keep = [True] * len(lines)
    last = len(lines) - 1
    while last > first_body:
        line = lines[last]
        if not is_provenance(line):
            budget -= len(words(line))
            if budget < 0 or not is_tail_furniture(line):
                break
            keep[last] = False
        last -= 1
    if last >= 0:
        lines[last] = _trim_trailing_sentences(lines[last])
    return [line for line, kept in zip(lines, keep, strict=True) if kept and line.strip()]


def _trim_trailing_sentences(line: str) -> str:
    """Drop a sign-off glued to the end of the last paragraph; keep at least its first sentence.

    A sentence inside a quotation (one opened before it is still open, or it closes one) stays.
    Quote marks before the last sentence are counted once and updated as sentences go.
    """
    spans = sentence_spans(line)
    opened, closed, straight = line.count("“"), line.count("”"), line.count('"')
    while len(spans) > 1:
        sentence = line[spans[-1][0] : spans[-1][1]]
        opened, closed, straight = opened - sentence.count("“"), closed - sentence.count("”"), straight - sentence.count('"')
        quoted = opened > closed or straight % 2 == 1 or "”" in sentence or sentence.rstrip().endswith('"')
        if quoted or not is_furniture_sentence(sentence):
            break
        spans.pop()
    return line[: spans[-1][1]].rstrip() if spans else line


def clean(text: str) -> Cleaned:
    """Remove site furniture from a normalised text; return the text and the headline found."""
    lines = [unglue(line) for line in text.split("\n") if line.strip()]
    lines = [_drop_sentences(line, is_credit) for line in lines]
    lines = _join_broken([line for line in lines if line.strip()])
    lines = _drop_repeats(lines)
    body = _first_body(lines)
    if body is None:  # no article prose at all: leave the text as it came
        return Cleaned("\n\n".join(lines) if lines else text, None)
    lines, headline = _clean_head(lines, body)
    body = _first_body(lines) or 0
    lines = lines[: body + 1] + _drop_lone_words(lines[body + 1 :])
    lines = _clean_tail(lines, body)
    return Cleaned("\n\n".join(lines) if lines else text, headline)
