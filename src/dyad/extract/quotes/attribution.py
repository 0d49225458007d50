"""Who speaks a quotation, from the words of its own sentence.

A speech verb after it ("...," Kim said; "...," Lim, a spokesperson, told
reporters; "...," said Kim) or before it (Kim said the plan would "..."; the
agency quoted Kim as saying "..."; Kim thinks "..."), or "according to X".
A quotation that is a sentence of its own is left to discourse.py.
"""

from __future__ import annotations

from spacy.tokens import Token

from dyad.extract.common.context import DocContext
from dyad.extract.quotes.speakers import Speaker, resolve
from dyad.extract.quotes.window import (
    SENT_END,
    Quoted,
    is_complement_verb,
    is_speech_verb,
)
from dyad.extract.quotes.words import speech_words

FINITE = frozenset({"VBD", "VBZ", "VBP"})  # "...," she said / says: an attribution after a quote is finite
MAX_RIGHT = 40  # tokens after a quotation in which its attribution may sit (up to the sentence end)
MAX_SUBJECT_WORDS = 8  # "a statement from the Joint Press Office said"


def subject_of(verb: Token, window: list[Token], quoted: Quoted | None = None) -> Token | list[Token] | None:
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


def _opens_after(verb: Token, first: Token, quoted: Quoted) -> bool:
    """Whether a speech verb's clause is the one that opens right after the quotation: the verb
    itself comes first ("...," said Kim) or its subject does ("...," Lim, a spokesperson, told
    reporters), however long the subject's description."""
    if verb.i == first.i:
        return True
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and subj.idx not in quoted and subj.left_edge.i <= first.i <= subj.i


def attribution_after(
    ctx: DocContext, right: list[Token], quoted: Quoted, before: int, opens_sentence: bool = True
) -> Speaker | None:
    """A speech verb in the words after the quotation; for a quotation that opens its sentence, also a
    trailing "according to X" (in "Y described it as “...” according to Z", Z only reports Y)."""
    window = [t for t in right if t.idx not in quoted][:MAX_RIGHT]
    words = [t for t in window if not t.is_punct]
    for k, tok in enumerate(window):
        if is_speech_verb(tok) and tok.tag_ in FINITE and not is_complement_verb(tok):
            between = [t for t in window[:k] if not t.is_punct]
            near = not any(t.pos_ in ("VERB", "AUX") for t in between) and len(between) <= MAX_SUBJECT_WORDS
            if near or (words and _opens_after(tok, words[0], quoted)) or _governs(tok, before):
                return resolve(ctx, subject_of(tok, window, quoted), before)
            return None
        if tok.text in SENT_END:
            break
    if opens_sentence and words and any(tuple(t.lower_ for t in words[: len(p)]) == p for p in speech_words().according):
        return according(ctx, window[window.index(words[0]) :], before)  # "...," according to Kim.
    return None


def _quoted_as_saying(verb: Token) -> Token | None:
    """"the agency quoted Kim as saying ...": the object of the quoting verb speaks (its passive
    subject in "Kim was quoted as saying")."""
    prep = verb.head
    if verb.tag_ != "VBG" or prep.lower_ != "as" or prep.head is prep:
        return None
    quoting = prep.head
    if quoting.lemma_.lower() not in speech_words().quoting:
        return None
    deps = ("dobj", "nsubjpass") if quoting.tag_ != "VBN" or any(c.dep_ == "auxpass" for c in quoting.children) else ("dobj",)
    return next((c for c in quoting.children if c.dep_ in deps), None)


def _governs(verb: Token, char: int) -> bool:
    """Whether a verb's complement holds the character (the quotation is what the verb reports)."""
    return any(
        c.dep_ in ("ccomp", "dobj", "xcomp", "attr", "oprd") and c.left_edge.idx <= char <= c.right_edge.idx
        for c in verb.children
    )


def _introduces(verb: Token, char: int) -> bool:
    """Whether the quotation is what a verb before it reports: in its complement, or right after it."""
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    return _governs(verb, char) or (nxt is not None and nxt.idx >= char - 2 and nxt.text in ("\u201c", '"'))


def attribution_before(ctx: DocContext, left: list[Token], quoted: Quoted, before: int) -> Speaker | None:
    outside = [t for t in left if t.idx not in quoted]
    for tok in reversed(outside):
        if is_speech_verb(tok):
            if is_complement_verb(tok) and not _introduces(tok, before):
                continue
            quoted_subject = _quoted_as_saying(tok)
            if quoted_subject is not None:
                return resolve(ctx, quoted_subject, before)
            return resolve(ctx, subject_of(tok, outside, quoted), before)
    return according(ctx, outside, before)
