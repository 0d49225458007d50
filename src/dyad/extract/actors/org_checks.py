"""Whether a span taken for an organisation names one.

Not a place, a law, a kind of thing ("Patriot missiles"), a person's title, a
stray word or a section heading.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from dyad.extract.actors import lexicon
from dyad.extract.actors.org_spans import names_a_thing
from dyad.extract.actors.states import fold_name, named_places, used_as_place
from dyad.extract.actors.titles import title_words
from dyad.extract.common.doccache import doc_text, line_of, token_positions, word_finder


def _modifies_things(span: Span) -> bool:
    """A name right before a lower-case plural noun or a 'none' head that it describes ("Senkaku islands")."""
    if span.end >= len(span.doc):
        return False
    nxt = span.doc[span.end]
    if not nxt.is_lower or not nxt.is_alpha:
        return False
    head = lexicon.org_heads().get(nxt.lower_)
    if head is not None:
        return head.role == "none"
    people = nxt.lower_ in lexicon.group_nouns() or nxt.lemma_ in lexicon.titles() or nxt.lower_ in title_words()
    return nxt.tag_ == "NNS" and nxt.pos_ == "NOUN" and not people


def _is_heading(span: Span) -> bool:
    """True when the span sits in a short line without final punctuation: a heading."""
    line = line_of(span.doc, span.start_char, span.end_char).strip(" *#_")
    return not line.endswith((".", "!", "?", '"', "\u201d", ":")) and len(line.split()) <= 10


def not_an_org(span: Span, label: str, head: lexicon.Title | None, in_known: bool) -> bool:
    """Spans the model took for an organisation that are something else (or nothing)."""
    text = span.text
    if text in lexicon.gazetteer().forms or text in lexicon.igo_forms() or text.lower() in lexicon.non_actor_lower():
        return True
    if not text[:1].isupper() or any(c.isdigit() for c in text):
        return True
    parts = [p for p in re.split(r"[-\u2010\u2011\u2013\u2014/]", text) if p]
    if len(parts) > 1 and all(p in lexicon.gazetteer().forms for p in parts):
        return True  # "U.S.-U.K.": two states, not an organisation
    if head is not None and head.role == "none":
        return True  # a law, a plan, an exercise, a summit
    if fold_name(text) in named_places(span.doc):
        return True  # "Kurecik is a radar base"
    if _modifies_things(span):
        return True  # "Patriot missiles", "Social-Democratic parties": a kind of thing, not one actor
    if head is None and names_a_thing(span.doc, span.start):
        return True  # "Countering America" cut from the name of a law
    if label == "NORP" or (label == "FAC" and head is None):
        return True  # "Democrats", "Buddhists", a building
    last = span[-1].lower_
    if last in lexicon.titles() and (head is None or head.title != last):
        return True  # "Turkish Presidential Advisor": a person's title
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if head is None and label != "KNOWN" and after is not None and after.is_title and after.lower_ in lexicon.titles():
        return True  # "National Security" cut from "National Security Advisor X": a title
    if len(span) == 1 and label != "DESCRIBED":
        if span[0].pos_ != "PROPN" and not text.isupper():
            return True  # "World"
        if not _plausible_single(span, head) or (text.lower() in title_words() and text.lower() != (head.title if head else "")):
            return True  # a stray word; "State" cut from "Secretary of State"
        if head is None and used_as_place(span):
            return True  # "living in Hagadera": a place
    return not in_known and head is None and _is_heading(span)  # a section heading


def _plausible_single(span: Span, head: lexicon.Title | None) -> bool:
    """A one-word organisation name is kept when it is an acronym or named more than once."""
    text = span.text
    if head is not None and text.lower() == head.title:
        return True  # a generic head word: may refer back to a named organisation
    if text.isupper() and len(text) >= 2:
        return not _always_a_modifier(span)
    return _uses(span) >= 2 and text.lower() not in lexicon.non_actor_lower()


def _uses(span: Span) -> int:
    """How often the span's text stands in the document as whole words (from the word index, up to two)."""
    text, doc = span.text, span.doc
    first = re.match(r"\w+", text)
    if first is None:
        return doc_text(doc).count(text)
    body = doc_text(doc)
    found = 0
    for start in word_finder(doc).starts(first.group()):
        if body.startswith(text, start):
            found += 1
            if found >= 2:
                break
    return found


def _always_a_modifier(span: Span) -> bool:
    """An acronym only ever written before a common noun ("EV industry", "EV imports") names a kind of thing."""
    doc = span.doc
    uses = token_positions(doc, span.text)
    return all(i + 1 < len(doc) and doc[i + 1].is_lower and doc[i + 1].pos_ == "NOUN" for i in uses)
