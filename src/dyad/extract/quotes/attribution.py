"""Who speaks a quotation.

A speech verb after it or before it, "according to X", or for a quotation that
is a sentence of its own, the sentence before it (a speech verb, a colon, a
name with its description) or the quotation before it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from dyad.extract.common.context import DocContext
from dyad.extract.quotes.speakers import Speaker, resolve
from dyad.extract.quotes.window import (
    SENT_END,
    Marked,
    Quoted,
    is_speech_verb,
    left_tokens,
    previous_sentence,
    token_at,
)
from dyad.extract.quotes.words import speech_words

FINITE = frozenset({"VBD", "VBZ", "VBP"})  # "...," she said / says: an attribution after a quote is finite
MAX_RIGHT = 10  # tokens after a quotation in which its attribution may sit
MAX_SUBJECT_WORDS = 8  # "a statement from the Joint Press Office said"


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
    if node.dep_ != "ccomp" or not is_speech_verb(node.head):
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


def according(ctx: DocContext, tokens: list[Token], before: int) -> Speaker | None:
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


def attribution_after(
    ctx: DocContext, right: list[Token], quoted: Quoted, before: int, opens_sentence: bool = True
) -> Speaker | None:
    """A speech verb in the words after the quotation; for a quotation that opens its sentence, also a
    trailing "according to X" (in "Y described it as “...” according to Z", Z only reports Y)."""
    window = [t for t in right if t.idx not in quoted][:MAX_RIGHT]
    for k, tok in enumerate(window):
        if is_speech_verb(tok) and tok.tag_ in FINITE:
            between = [t for t in window[:k] if not t.is_punct]
            if any(t.pos_ in ("VERB", "AUX") for t in between) or len(between) > MAX_SUBJECT_WORDS:
                return None
            return resolve(ctx, _subject_of(tok, window, quoted), before)
        if tok.text in SENT_END:
            break
    words = [t for t in window if not t.is_punct]
    if opens_sentence and words and any(tuple(t.lower_ for t in words[: len(p)]) == p for p in speech_words().according):
        return according(ctx, window[window.index(words[0]) :], before)  # "...," according to Kim.
    return None


def attribution_before(ctx: DocContext, left: list[Token], quoted: Quoted, before: int) -> Speaker | None:
    outside = [t for t in left if t.idx not in quoted]
    for tok in reversed(outside):
        if is_speech_verb(tok):
            return resolve(ctx, _subject_of(tok, outside, quoted), before)
    return according(ctx, outside, before)


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


def _speech_root(ctx: DocContext, tokens: list[Token], quoted: Quoted) -> Speaker | None:
    for tok in tokens:
        if tok.dep_ == "ROOT" and tok.idx not in quoted and is_speech_verb(tok):
            return resolve(ctx, _subject_of(tok, tokens, quoted), tok.idx)
    return None


def bare_quotation(ctx: DocContext, doc: Doc, left: list[Token], m: Marked, quoted: Quoted, last: tuple[Speaker, int] | None) -> Speaker | None:
    """The speaker of a quotation that is a sentence of its own, from the sentence before it."""
    start = left[0].i if left else token_at(doc, m.open)
    before = ctx.document.text[: m.open].rstrip()
    if before.endswith(":"):  # "Kim gave a warning:\n\"...\"": the colon introduces it
        colon = token_at(doc, len(before) - 1)
        return _introducer(ctx, left_tokens(doc, doc[colon].idx, quoted), quoted)
    previous = previous_sentence(doc, start, quoted)
    if not previous:
        return None
    if last is not None and last[1] >= previous[0].idx:
        return last[0]
    return _speech_root(ctx, previous, quoted) or _named_with_description(ctx, previous)


def _introducer(ctx: DocContext, tokens: list[Token], quoted: Quoted) -> Speaker | None:
    """Who a sentence ending in a colon introduces: its subject when it speaks, else the person it names."""
    outside = [t for t in tokens if t.idx not in quoted]
    for tok in reversed(outside):
        if is_speech_verb(tok):
            return resolve(ctx, _subject_of(tok, outside, quoted), tok.idx)
    root = next((t for t in outside if t.dep_ == "ROOT"), None)
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None) if root is not None else None
    if subj is None:
        return None
    speaker = resolve(ctx, subj, subj.idx)
    return speaker if speaker.name else None
