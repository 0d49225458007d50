"""Where an organisation's name begins and ends.

Candidates are spaCy's entities, the known organisations list and descriptor
words ("broadcaster TBS"), each trimmed of articles and possessives and run on
to the whole name ("Institute" + "for Ocean Law").
"""

from __future__ import annotations

import bisect
from functools import lru_cache

from spacy.attrs import POS
from spacy.matcher import PhraseMatcher
from spacy.parts_of_speech import PROPN
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from dyad.extract.actors import lexicon
from dyad.extract.actors.states import phrase_doc
from dyad.extract.actors.titles import org_head
from dyad.extract.common.doccache import entities, lowers, once
from dyad.extract.common.tokens import TokenLists, token_lists
from dyad.extract.common.words import DETERMINERS, POSSESSIVE

CONNECTORS = {"for", "of", "on", "and", "&"}


@lru_cache(maxsize=1)
def standalone_heads() -> frozenset[str]:
    """Heads that a state's name or demonym alone makes an organisation of it ("the Japanese navy")."""
    return frozenset(head for head, uses in lexicon.org_head_uses().items() if "state" in uses)


@lru_cache(maxsize=1)
def descriptors() -> frozenset[str]:
    """Single words that, right before a proper name, say it is an organisation ("broadcaster TBS")."""
    words = {head.split()[-1] for head, uses in lexicon.org_head_uses().items() if "before" in uses}
    return frozenset(words)


def org_span(ent: Span) -> Span:
    """An organisation's name without a leading article or a trailing possessive."""
    start, end = ent.start, ent.end
    doc = ent.doc
    t = token_lists(doc)
    n, words, lows, ws = len(doc), t.words, t.lows, t.ws
    while end - start > 1 and (words[end - 1] in POSSESSIVE or t.punct[end - 1]):
        end -= 1
    while end - start > 1 and (lows[start] in DETERMINERS or t.punct[start] or _sentence_tail(t, start)):
        start += 1
    # "standing committee of the National People's Congress": the named body after a lower-case part of it
    k = start
    while k < end and t.lower[k] and lows[k] not in {"of", "al", "el"} and k - start < 4:
        k += 1
    if k > start and k + 1 < end and lows[k] == "of":
        start = k + 2 if lows[k + 1] == "the" and k + 2 < end else k + 1
    # "Seoul Centre for" + "Maritime Asia", "Manila Institute" + "for Ocean Law": a name goes on
    # after a connecting word when a capitalised word follows
    heads = lexicon.org_heads()
    while end + 1 < n and "\n" not in ws[end - 1]:
        if lows[end - 1] in CONNECTORS and t.title[end]:
            end += 1
        elif lows[end] in {"for", "of", "on"} and lows[end - 1] in heads and t.title[end + 1]:
            end += 2
        elif (
            end + 2 < n
            and lows[end] in {"for", "of", "on"}
            and lows[end + 1] == "the"
            and lows[end - 1] in heads
            and t.title[end + 2]
            and t.pos[end + 2] == PROPN
        ):
            end += 3  # "Office for the Coordination of Humanitarian Affairs"
        else:
            break
        while end < n and t.title[end] and t.pos[end] == PROPN and "\n" not in ws[end - 1]:
            end += 1
    if (
        end < n
        and t.upper[end]
        and len(words[end]) <= 4
        and words[end] in lexicon.gazetteer().forms
        and lows[end - 1] in heads
        and ws[end - 1] == " "
    ):
        end += 1  # "the Sasakawa Peace Foundation USA": a body's national branch
    for i in range(start + 1, end):
        if "\n" in ws[i - 1] or "\n" in words[i] or words[i] in {"(", ")", "[", "]", ","}:
            end = i  # the small model runs names across a line break, into a bracket or past a comma
            break
    for i in range(start + 1, end - 1):
        if words[i] in POSSESSIVE and names_a_thing(doc, i + 1):
            end = i  # "Congress's Countering X's Adversaries Act": the owner, not the law
            break
    while end - start > 1 and t.punct[end - 1]:
        end -= 1
    return doc[start:end]


# Lower-case words that may sit inside a capitalised title ("Countering America's Adversaries Through Sanctions Act").
TITLE_GLUE = {"of", "for", "and", "on", "the", "to", "against", "through", "with", "in"}


def names_a_thing(doc: Doc, start: int) -> bool:
    """The capitalised run from `start` ends a name that is no actor (a law, treaty, plan: a 'none' head)."""
    k, last = start, None
    while k < len(doc) and k - start < 12 and (doc[k].is_title or doc[k].is_upper or doc[k].text in POSSESSIVE or doc[k].lower_ in TITLE_GLUE):
        if doc[k].is_title or doc[k].is_upper:
            last = doc[k]
        k += 1
    head = lexicon.org_heads().get(last.lower_) if last is not None and last.i > start else None
    return head is not None and head.role == "none"


def _sentence_tail(t: TokenLists, i: int) -> bool:
    """A lone capital with a full stop ending the sentence before ("posted on X. The Taliban ..."), not an initial."""
    text = t.words[i]
    return len(text) == 2 and text[0].isupper() and text[1] == "." and i + 1 < len(t.words) and bool(t.title[i + 1])


_MATCHERS: dict[int, PhraseMatcher] = {}


def _known_matcher(vocab) -> PhraseMatcher:
    """The known organisations' matcher for one vocab, built once."""
    if id(vocab) not in _MATCHERS:
        known = PhraseMatcher(vocab, attr="ORTH")
        for form in lexicon.known_orgs():
            known.add(form, [phrase_doc(vocab, form)])
        _MATCHERS[id(vocab)] = known
    return _MATCHERS[id(vocab)]


def described_matches(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) of a descriptor word followed by one or more proper nouns ("the automaker Acme Motors"),
    every length of the run, in text order (a token Matcher's `descriptor PROPN+`, read from word lists)."""
    words = descriptors()
    found: list[tuple[int, int]] = []
    pos: list[int] | None = None
    for i, low in enumerate(lowers(doc)):
        if low not in words:
            continue
        pos = pos if pos is not None else doc.to_array(POS).tolist()
        j = i + 1
        while j < len(pos) and pos[j] == PROPN:
            found.append((i, j + 1))
            j += 1
    return found


def known_matches(doc: Doc) -> list[tuple[int, int, str]]:
    """(start, end, form) of the known organisations' names and aliases in the document, sorted, found once."""

    def find(d: Doc) -> list[tuple[int, int, str]]:
        return sorted({(start, end, d.vocab.strings[match_id]) for match_id, start, end in _known_matcher(d.vocab)(d)})

    return once(doc, "known_orgs", find)


def known_inside(span: Span, shorter: bool = False) -> list[tuple[Span, lexicon.KnownOrg]]:
    """Known organisations named inside a span, longest first, then earliest (only names shorter than the
    span when `shorter`): from the document's matches by bisection, whatever the span's length."""
    matches = known_matches(span.doc)
    known = lexicon.known_orgs()
    inside = []
    for start, end, form in matches[bisect.bisect_left(matches, (span.start, span.start, "")) :]:
        if start >= span.end:
            break
        if end <= span.end and not (shorter and (start, end) == (span.start, span.end)):
            inside.append((span.doc[start:end], known[form]))
    return sorted(inside, key=lambda pair: (-len(pair[0]), pair[0].start))


def _owner_and_unit(span: Span) -> list[Span]:
    """'the University of Southern California's Annenberg School': two organisations, the owner and its
    unit, when the words before the possessive are an organisation's name of their own."""
    doc = span.doc
    for i in range(span.start + 1, span.end - 1):
        if doc[i].text in POSSESSIVE and doc[i + 1].is_title:
            owner = doc[span.start : i]
            if org_head([t.text for t in owner]) is not None and len(owner) > 1:
                return [owner, doc[i + 1 : span.end]]
            break
    return [span]


def candidates(doc: Doc) -> list[tuple[Span, str]]:
    """Organisation name spans with where they came from: an entity, a known name, a descriptor."""
    return once(doc, "org_candidates", _candidates)


def _candidates(doc: Doc) -> list[tuple[Span, str]]:
    found: list[tuple[Span, str]] = []
    for ent in entities(doc):
        if ent.label_ in {"ORG", "FAC", "NORP"}:
            found.extend((part, ent.label_) for part in _owner_and_unit(org_span(ent)))
    for start, end, _ in known_matches(doc):
        found.append((doc[start:end], "KNOWN"))
    for start, end in described_matches(doc):
        found.append((doc[start + 1 : end], "DESCRIBED"))
    spans = filter_spans([span for span, _ in found])
    kept = {(s.start, s.end) for s in spans}
    labels: dict[tuple[int, int], str] = {}
    for span, label in found:
        if (span.start, span.end) in kept:
            labels.setdefault((span.start, span.end), label)
    return [(s, labels[(s.start, s.end)]) for s in spans]
