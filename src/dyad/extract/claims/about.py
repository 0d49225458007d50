"""What a figure measures: its counted noun, its "about" phrase, and who asserts it (its states: states.py)."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from dyad.extract.claims.figures import Figure, unit_of_noun
from dyad.extract.claims.words import units
from dyad.extract.common.context import DocContext

NOUNS = frozenset({"NOUN", "PROPN"})
VERBS = frozenset({"VERB", "AUX"})
MODIFYING = frozenset({"nummod", "quantmod", "compound", "amod", "nmod"})
CLIMB_DEPS = frozenset({"pobj", "prep", "appos", "compound", "amod", "nummod", "quantmod", "nmod", "npadvmod"})
PREDICATE_DEPS = frozenset({"dobj", "acomp", "attr", "oprd", "prt", "neg", "advmod", "prep", "agent", "ccomp", "xcomp"})
MAX_ABOUT_TOKENS = 14
MAX_CHAIN = 12  # words between a figure and the noun it counts
YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)$")


def counted_noun(doc: Doc, fig: Figure, sent: Span) -> Token | None:
    """The noun the figure counts: its syntactic head, or the next noun within a few words."""
    last = doc[fig.end - 1]
    head = last
    for _ in range(3):
        if head.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and head.head.i >= fig.end:
            head = head.head
            if head.pos_ in NOUNS and head.tag_ != "CD":
                break
        else:
            break
    # the head of the figure's noun phrase, however long its chain of modifiers ("12 U.S.-made
    # long-range air defense missile systems"), when every word between belongs to that phrase
    if head is not last and head.pos_ in NOUNS and head.i < sent.end and head.i - fig.end <= MAX_CHAIN:
        if head.i - fig.end <= 5 or head.left_edge.i <= fig.number_start:
            return head
    k = fig.end
    while k < min(sent.end, fig.end + 4):
        tok = doc[k]
        if tok.pos_ in NOUNS and tok.tag_ != "CD" and not (k + 1 < sent.end and doc[k + 1].pos_ in NOUNS and doc[k + 1].dep_ != "appos"):
            return tok
        if tok.pos_ not in NOUNS | {"ADJ", "ADV", "PUNCT"} or tok.text in (",", ".", ";", ":"):
            return None
        k += 1
    return None


SKIP_DEPS = frozenset({"relcl", "conj", "cc", "appos", "punct", "advcl", "parataxis"})


def _phrase(token: Token, sent: Span, skip: set[int]) -> list[Token]:
    """The token and its modifiers, without clauses, conjuncts and the figure itself (walked with a
    stack: parses can be deeper than Python's recursion limit)."""
    out = [token] if token.i not in skip else []
    stack = [token]
    while stack:
        node = stack.pop()
        for child in node.children:
            if child.dep_ in SKIP_DEPS or child.i in skip or not (sent.start <= child.i < sent.end):
                continue
            out.append(child)
            stack.append(child)
    return out


def _text(doc: Doc, tokens: list[Token]) -> str | None:
    if not tokens:
        return None
    start, end = min(t.i for t in tokens), max(t.i for t in tokens) + 1
    span = doc[start : min(end, start + MAX_ABOUT_TOKENS)]
    while len(span) and (span[0].is_punct or span[0].lower_ in ("of", "in", "for", "on")):
        span = span[1:]
    while len(span) and span[-1].is_punct:
        span = span[:-1]
    return span.text or None


def _is_time(tok: Token) -> bool:
    """A date or a year: "$30 billion in 2019" is dated by the phrase, not a sum of it (when.py reads it)."""
    return tok.ent_type_ == "DATE" or bool(YEAR.match(tok.text))


def _object_after(doc: Doc, fig: Figure, sent: Span) -> Token | None:
    """The object of an "of"/"in"/"for"/"on" phrase right after the figure, unless it is a time."""
    k = fig.end
    if k < sent.end and doc[k].lower_ in ("of", "in", "for", "on") and doc[k].dep_ == "prep":
        obj = next((c for c in doc[k].children if c.dep_ == "pobj"), None)
        if obj is not None and not _is_time(obj):
            return obj
    return None


def of_phrase(doc: Doc, fig: Figure, sent: Span, skip: set[int]) -> list[Token]:
    """The "of"/"in"/"for" phrase right after a share or an amount of money."""
    obj = _object_after(doc, fig, sent)
    return _phrase(obj, sent, skip) if obj is not None else []


def measured_token(doc: Doc, fig: Figure, noun: Token | None, sent: Span) -> Token | None:
    """The noun the figure measures: the noun it counts, the noun of "a 27-nation bloc", the object of
    "half of X", the noun a share modifies ("a 45% increase"), or what a bare share changes ("doubled
    the tariff to 50%")."""
    if noun is not None:
        prep = noun.head if noun.dep_ == "pobj" else None
        if unit_of_noun(noun)[0] in units().durations and prep is not None and prep.head.pos_ in NOUNS:
            return prep.head  # "the first meeting in four years": the meeting is what the span is about
        return noun
    if fig.hyphenated is not None and fig.hyphenated.head.pos_ in NOUNS:
        return fig.hyphenated.head
    obj = _object_after(doc, fig, sent)
    if obj is not None:
        return obj
    node = doc[fig.end - 1]
    for _ in range(3):  # "the 25% U.S. tariff": the figure modifies the noun after it
        if node.dep_ not in MODIFYING or node.head.i < fig.end or not (sent.start <= node.head.i < sent.end):
            break
        node = node.head
        if node.pos_ in NOUNS:
            return node
    node = doc[fig.number_start]
    while node.head is not node and node.pos_ not in VERBS and node.dep_ in CLIMB_DEPS and sent.start <= node.head.i < sent.end:
        node = node.head
    if node.pos_ in VERBS and not (fig.start <= node.i < fig.end):  # "doubled the tariff to 50%"
        return next((c for c in node.children if c.dep_ in ("dobj", "nsubj", "nsubjpass") and c.pos_ == "NOUN"
                     and not (fig.start <= c.i < fig.end)), None)
    return None


def _predicate(doc: Doc, fig: Figure, sent: Span, obj: Token) -> list[Token]:
    """What a share of a people or a thing does or is, when the share is its verb's subject: "7% of
    voters back the plan", "half of the graduates who apply find work"; with the people's own relative
    clause ("who apply")."""
    skip = set(range(fig.start, fig.end))
    # a restrictive relative clause says which of them ("who finish school"); one after a comma only adds
    out = [t for c in obj.children if c.dep_ == "relcl" and doc[c.left_edge.i - 1].text != "," for t in _phrase(c, sent, skip)]
    top = doc[fig.end].head if fig.end < sent.end else None
    if top is None or top.dep_ not in ("nsubj", "nsubjpass") or top.head.pos_ not in VERBS:
        return out
    verb = top.head
    # the predicate ends at the first punctuation after its verb: what follows is another thought
    stop = next((t.i for t in doc[verb.i : sent.end] if t.is_punct), sent.end)
    out.append(verb)
    for child in verb.children:
        if child.dep_ in PREDICATE_DEPS and verb.i < child.i < stop:
            out += [t for t in _phrase(child, sent, skip) if t.i < stop]
    return out


def about(doc: Doc, fig: Figure, noun: Token | None, sent: Span) -> str | None:
    """What the figure measures: the counted noun phrase, the thing a share or sum is of, or what lasts."""
    skip = set(range(fig.start, fig.end))
    un = units()
    span = fig.hyphenated
    if span is not None and span.head.pos_ in NOUNS and span.head.i != span.i:
        return _text(doc, _phrase(span.head, sent, skip))  # "a two-day visit": the visit lasts
    if noun is not None and unit_of_noun(noun)[0] not in un.durations:
        return _text(doc, _phrase(noun, sent, skip))
    if noun is None and fig.unit not in un.durations:
        of = of_phrase(doc, fig, sent, skip)
        if of and fig.unit == "share":  # a share of a people is about what that share of them does
            return _text(doc, of + _predicate(doc, fig, sent, of[0]))
        if of:
            return _text(doc, of)
        target = measured_token(doc, fig, None, sent)  # "a 45% increase in deaths", "raised the tariff to 50%"
        if target is None:
            return None
        # the noun the figure modifies begins after it ("a 45% increase": "increase")
        return _text(doc, [t for t in _phrase(target, sent, skip) if t.i >= fig.end or target.i < fig.start])
    anchor = noun if noun is not None else doc[fig.end - 1]
    prep = anchor.head if anchor.dep_ == "pobj" else None
    if prep is None or prep.head is prep:
        return None
    host = prep.head
    skip |= {t.i for t in prep.subtree}
    if host.pos_ in NOUNS:
        return _text(doc, _phrase(host, sent, skip))
    subj = next((c for c in host.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return None
    if subj.tag_ == "WDT" and host.dep_ == "relcl":
        return _text(doc, _phrase(host.head, sent, skip))
    return _text(doc, _phrase(subj, sent, skip))


def asserted_by(ctx: DocContext, start: int, end: int) -> str | None:
    for q in ctx.result.quotes:
        if q.evidence.start <= start and end <= q.evidence.end and q.speaker:
            return q.speaker
    return None
