"""Quotes stage: direct, partial and indirect quotations with their speakers.

A quotation is the words between a pair of quotation marks (straight or curly)
on one line. Its speaker comes from the attribution around it, in this order:
a speech verb after it ("...," she said / said Kim), a speech verb or
"according to" before it in the same sentence (Lee said his visit would "..."),
or, for a quotation that is a sentence of its own, the sentence before it
(a speech verb, a colon, an earlier quotation by the same speaker, or a name
with its description: "..., Kim Min-su, a professor at Y."). A quotation split
by its attribution ("A," he said, "B.") is two quotations with one speaker.
Quotations of fewer than four words and quotations that are part of a sentence
of the writer's are `partial`. Reported speech with no quotation marks
("Wi told reporters that ...", "according to X, ...") is `indirect`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from dyad.extract.context import DocContext
from dyad.extract.doccache import doc_text
from dyad.extract.quote_data import speech_words
from dyad.extract.quote_marks import mark_pairs
from dyad.extract.quote_speakers import Speaker, resolve
from dyad.records import Quote

SENT_END = frozenset({".", "!", "?"})
FINITE = frozenset({"VBD", "VBZ", "VBP"})  # "...," she said / says: an attribution after a quote is finite
CLOSING = frozenset({"\u201d", '"'})
TRAILING = ",;:\u2014- "
MIN_WORDS = 4
MAX_RIGHT = 10  # tokens after a quotation in which its attribution may sit
MAX_SUBJECT_WORDS = 8  # "a statement from the Joint Press Office said"
JOINERS = frozenset({"and", "or"})
DIRECT_BEFORE = frozenset({":", ",", "\u2014", "\u2013", "-"})


@dataclass
class Marked:
    """One pair of quotation marks: the marks' offsets and the trimmed words inside."""

    open: int
    close: int  # offset of the closing mark
    start: int
    end: int


def _marked(text: str) -> list[Marked]:
    found = []
    for open_, close in mark_pairs(text):
        start, end = open_ + 1, close
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1] in TRAILING:
            end -= 1
        if end > start:
            found.append(Marked(open_, close, start, end))
    return found


class Quoted:
    """Which characters lie inside quotation marks (the spans are sorted and do not overlap)."""

    def __init__(self, marks: list[Marked]) -> None:
        self.starts = [m.open for m in marks]
        self.ends = [m.close + 1 for m in marks]

    def __contains__(self, char: int) -> bool:
        k = bisect.bisect_right(self.starts, char) - 1
        return k >= 0 and char < self.ends[k]


def _is_speech_verb(tok: Token) -> bool:
    words = speech_words()
    if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in words.verbs:
        return False
    need = words.needs.get(tok.lemma_.lower())
    if need is None:
        return True
    return any(c.lower_ == need for c in tok.children) or (tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == need)


def _left_tokens(doc: Doc, char: int, quoted: Quoted) -> list[Token]:
    """Tokens of the sentence before a character, back to the last sentence end outside quotation marks."""
    out: list[Token] = []
    text = doc_text(doc)
    k = _token_at(doc, char) - 1
    while k >= 0:
        tok = doc[k]
        if "\n" in tok.text or (tok.text in SENT_END and tok.idx not in quoted):
            break
        if "\n" in text[tok.idx + len(tok.text) : char]:
            break
        out.append(tok)
        k -= 1
    return list(reversed(out))


def _right_tokens(doc: Doc, char: int, quoted: Quoted) -> list[Token]:
    """Tokens after a character up to the end of its sentence (outside quotation marks)."""
    out: list[Token] = []
    text = doc_text(doc)
    k = _token_at(doc, char)
    while k < len(doc) and doc[k].idx <= char:
        k += 1
    while k < len(doc):
        tok = doc[k]
        if "\n" in text[char : tok.idx] or "\n" in tok.text:
            break
        out.append(tok)
        if tok.text in SENT_END and tok.idx not in quoted:
            break
        k += 1
    return out


def _own_right(right: list[Token], quoted: Quoted) -> list[Token]:
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


def _token_at(doc: Doc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is not None and len(span):
        return span.start
    for tok in doc:
        if tok.idx + len(tok.text) > char:
            return tok.i
    return len(doc)


def _words(tokens: list[Token], quoted: Quoted) -> list[Token]:
    return [t for t in tokens if t.idx not in quoted and not t.is_punct and not t.is_space]


def _subject_of(verb: Token, window: list[Token], quoted: Quoted | None = None) -> Token | list[Token] | None:
    """The speaker words of a speech verb: its subject, the subject of the clause it hangs on
    ("..., announcing that"), or the name right after it ("said Kim Min-su")."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and quoted is not None and subj.idx in quoted:
        subj = None  # words inside the quotation do not speak them
    names = _names_after(verb, window, quoted) if verb.tag_ != "VBG" else []  # "saying relations are ..." is no name
    # "said lecturer Kim of Y University": the parse may take the institution for the subject
    if names and (subj is None or (subj.i > verb.i and _names_person(names) and subj not in names)):
        return names
    if subj is not None:
        return subj
    node = verb
    for _ in range(3):  # "X was the first to share it, announcing that ...": X speaks
        if node.dep_ not in ("advcl", "conj", "xcomp", "acl") or node.head is node:
            return None
        node = node.head
        subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return _reporter(node) or subj
    return None


def _reporter(clause: Token) -> Token | None:
    """The subject of the speech verb whose reported clause this is: in "X announced that Y would
    build it, calling it a gift", the participle is X's, whatever clause the parser hung it on."""
    node = clause
    while node.dep_ == "conj" and node.head is not node:
        node = node.head
    if node.dep_ != "ccomp" or not _is_speech_verb(node.head):
        return None
    return next((c for c in node.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _names_person(tokens: list[Token]) -> bool:
    return any(t.ent_type_ == "PERSON" for t in tokens)


def _names_after(verb: Token, window: list[Token], quoted: Quoted | None) -> list[Token]:
    """The noun phrase right after an inverted speech verb ("said Kim Min-su"), up to a preposition."""
    names: list[Token] = []
    for tok in window:
        if tok.i <= verb.i:
            continue
        if quoted is not None and tok.idx in quoted:
            break
        if tok.pos_ in ("PROPN", "NOUN", "DET", "ADJ") or (tok.text in ("-", "\u2010") and names):
            names.append(tok)
            continue
        if tok.is_punct and not names and tok.text in (",", "\u201d", '"'):
            continue
        break
    return names


def _according(ctx: DocContext, tokens: list[Token], before: int) -> Speaker | None:
    for i in range(len(tokens)):
        for phrase in speech_words().according:
            if tuple(t.lower_ for t in tokens[i : i + len(phrase)]) != phrase:
                continue
            obj = tokens[i + len(phrase) - 1]
            pobj = next((c for c in obj.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return resolve(ctx, pobj, before)
            rest = []
            for t in tokens[i + len(phrase) :]:
                if t.is_punct:
                    break
                rest.append(t)
            return resolve(ctx, rest or None, before)
    return None


def _attribution_after(
    ctx: DocContext, right: list[Token], quoted: Quoted, before: int, opens_sentence: bool = True
) -> Speaker | None:
    """A speech verb in the words after the quotation; for a quotation that opens its sentence, also a
    trailing "according to X" (in "Y described it as “...” according to Z", Z only reports Y)."""
    window = [t for t in right if t.idx not in quoted][:MAX_RIGHT]
    for k, tok in enumerate(window):
        if _is_speech_verb(tok) and tok.tag_ in FINITE:
            between = [t for t in window[:k] if not t.is_punct]
            if any(t.pos_ in ("VERB", "AUX") for t in between) or len(between) > MAX_SUBJECT_WORDS:
                return None
            return resolve(ctx, _subject_of(tok, window, quoted), before)
        if tok.text in SENT_END:
            break
    words = [t for t in window if not t.is_punct]
    if opens_sentence and words and any(tuple(t.lower_ for t in words[: len(p)]) == p for p in speech_words().according):
        return _according(ctx, window[window.index(words[0]) :], before)  # "...," according to Kim.
    return None


def _attribution_before(ctx: DocContext, left: list[Token], quoted: Quoted, before: int) -> Speaker | None:
    outside = [t for t in left if t.idx not in quoted]
    for tok in reversed(outside):
        if _is_speech_verb(tok):
            return resolve(ctx, _subject_of(tok, outside, quoted), before)
    return _according(ctx, outside, before)


def _named_with_description(ctx: DocContext, tokens: list[Token]) -> Speaker | None:
    """A sentence that ends "..., Kim Min-su, a professor at Y." names the speaker of the next quotation."""
    words = [t for t in tokens if not t.is_space]
    if len(words) < 4 or words[-1].text not in SENT_END:
        return None
    for k in range(len(words) - 2, 0, -1):
        tok = words[k]
        if tok.text == "," and k + 1 < len(words) and words[k + 1].pos_ in ("DET", "NOUN", "ADJ", "PROPN"):
            tail = words[k + 1 : -1]
            if any(t.pos_ in ("VERB", "AUX") for t in tail):
                return None
            name: list[Token] = []
            j = k - 1
            while j >= 0 and (words[j].pos_ == "PROPN" or words[j].text in ("-", "\u2010")):
                name.insert(0, words[j])
                j -= 1
            if name and j >= 0 and words[j].text == ",":
                speaker = resolve(ctx, name, name[0].idx)
                if speaker.name and any(t.ent_type_ == "PERSON" for t in name):
                    return speaker
                if speaker.actor_key:
                    return speaker
    return None


def _previous_sentence(doc: Doc, left_start: int, quoted: Quoted) -> list[Token]:
    """The sentence before the one starting at token index `left_start` (same paragraph only)."""
    k = left_start - 1
    text = doc_text(doc)
    if k < 0 or "\n" in text[doc[k].idx : doc[left_start].idx if left_start < len(doc) else len(text)]:
        return []
    end = k
    k -= 1
    while k >= 0:
        tok = doc[k]
        if "\n" in text[tok.idx + len(tok.text) : doc[k + 1].idx] or (tok.text in SENT_END and tok.idx not in quoted):
            break
        k -= 1
    return list(doc[k + 1 : end + 1])


def _speech_root(ctx: DocContext, tokens: list[Token], quoted: Quoted) -> Speaker | None:
    for tok in tokens:
        if tok.dep_ == "ROOT" and tok.idx not in quoted and _is_speech_verb(tok):
            return resolve(ctx, _subject_of(tok, tokens, quoted), tok.idx)
    return None


def _kind(text: str, left_words: list[Token], before_char: str) -> str:
    if len(text.split()) < MIN_WORDS:
        return "partial"
    if not left_words or before_char in DIRECT_BEFORE:
        return "direct"
    return "partial"


def direct_quotes(ctx: DocContext) -> list[Quote]:
    doc, text = ctx.doc, ctx.document.text
    marks = _marked(text)
    quoted = Quoted(marks)
    out: list[Quote] = []
    last: tuple[Speaker, int] | None = None  # the previous quotation's speaker and closing offset
    for m in marks:
        left = _left_tokens(doc, m.open, quoted)
        right = _own_right(_right_tokens(doc, m.close, quoted), quoted)
        left_words = _words(left, quoted)
        # after a quoted full stop, only a lower-case attribution belongs to it ("...over.\u201d she said")
        ended = text[m.start : m.close].rstrip()[-1:] in SENT_END
        after_ok = not ended or bool(_words(right, quoted)) and _words(right, quoted)[0].text[:1].islower()
        speaker = _attribution_after(ctx, right, quoted, m.open, not left_words) if after_ok else None
        if speaker is None:  # an attribution whose speaker cannot be resolved ("they wrote") stays unresolved
            speaker = _attribution_before(ctx, left, quoted, m.open) if left_words else None
        if speaker is None and not left_words:
            speaker = _bare(ctx, doc, left, m, quoted, last)
        speaker = speaker or Speaker(None, None, None)
        before = text[: m.open].rstrip()[-1:] if text[: m.open].strip() else ""
        words = text[m.start : m.end]
        kind = _kind(words, left_words, before)
        out.append(
            Quote(
                text=words,
                kind=kind,  # type: ignore[arg-type]
                speaker=speaker.name,
                speaker_actor=speaker.actor_key,
                evidence=ctx.evidence(m.start, m.end),
                speaker_evidence=speaker.evidence,
            )
        )
        if speaker.name:
            last = (speaker, m.close)
    return out


def _bare(ctx: DocContext, doc: Doc, left: list[Token], m: Marked, quoted: Quoted, last: tuple[Speaker, int] | None) -> Speaker | None:
    """The speaker of a quotation that is a sentence of its own, from the sentence before it."""
    start = left[0].i if left else _token_at(doc, m.open)
    before = ctx.document.text[: m.open].rstrip()
    if before.endswith(":"):  # "Kim gave a warning:\n\"...\"": the colon introduces it
        colon = _token_at(doc, len(before) - 1)
        return _introducer(ctx, _left_tokens(doc, doc[colon].idx, quoted), quoted)
    previous = _previous_sentence(doc, start, quoted)
    if not previous:
        return None
    if last is not None and last[1] >= previous[0].idx:
        return last[0]
    return _speech_root(ctx, previous, quoted) or _named_with_description(ctx, previous)


def _introducer(ctx: DocContext, tokens: list[Token], quoted: Quoted) -> Speaker | None:
    """Who a sentence ending in a colon introduces: its subject when it speaks, else the person it names."""
    outside = [t for t in tokens if t.idx not in quoted]
    for tok in reversed(outside):
        if _is_speech_verb(tok):
            return resolve(ctx, _subject_of(tok, outside, quoted), tok.idx)
    root = next((t for t in outside if t.dep_ == "ROOT"), None)
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None) if root is not None else None
    if subj is None:
        return None
    speaker = resolve(ctx, subj, subj.idx)
    return speaker if speaker.name else None


def indirect_quotes(ctx: DocContext, quoted: Quoted) -> list[Quote]:
    """Reported speech: a speech verb with a clause of what was said and no quotation marks in it."""
    doc = ctx.doc
    out: list[Quote] = []
    for tok in doc:
        if tok.idx in quoted or not _is_speech_verb(tok):
            continue
        clause = next((c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i), None)
        if clause is None:
            continue
        tokens = list(clause.subtree)
        while tokens and (tokens[0].dep_ == "mark" or tokens[0].is_punct):
            tokens.pop(0)
        while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
            tokens.pop()
        if not tokens or any(t.idx in quoted or t.text in ('"', "\u201c", "\u201d") for t in tokens):
            continue
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or not _can_speak(subj):
            continue
        speaker = resolve(ctx, subj, tok.idx)
        if speaker.name is None:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        out.append(_indirect(ctx, speaker, start, end))
    for sent in doc.sents:
        words = [t for t in sent if not t.is_space]
        if len(words) < 6 or words[0].idx in quoted or any(t.idx in quoted for t in words):
            continue
        speaker = _according(ctx, words[:3], words[0].idx)
        if speaker is None or speaker.name is None:
            continue
        comma = next((t for t in words if t.text == ","), None)
        if comma is None:
            continue
        rest = [t for t in words if t.i > comma.i and not (t.is_punct and t.i == words[-1].i)]
        if rest:
            out.append(_indirect(ctx, speaker, rest[0].idx, rest[-1].idx + len(rest[-1].text)))
    return out


def _can_speak(subj: Token) -> bool:
    """Persons, bodies and titles speak; meetings and statements only "suggest"."""
    if subj.pos_ in ("PROPN", "PRON") or subj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return subj.lower_ not in ("it", "this", "that", "which")
    return subj.lemma_.lower() in speech_words().titles or subj.lower_ in speech_words().titles


def _indirect(ctx: DocContext, speaker: Speaker, start: int, end: int) -> Quote:
    return Quote(
        text=ctx.document.text[start:end],
        kind="indirect",
        speaker=speaker.name,
        speaker_actor=speaker.actor_key,
        evidence=ctx.evidence(start, end),
        speaker_evidence=speaker.evidence,
    )


def run(ctx: DocContext) -> None:
    marks = Quoted(_marked(ctx.document.text))
    seen: set[tuple[int, int]] = set()
    for quote in [*direct_quotes(ctx), *indirect_quotes(ctx, marks)]:
        key = (quote.evidence.start, quote.evidence.end)
        if key not in seen:
            seen.add(key)
            ctx.result.quotes.append(quote)
