"""The term of office an undated event falls in: an act placed in a named person's past term has that term
as its time.

"Under former President X, the country did Y", "during X's presidency Y happened", "former Prime Minister X,
who criticised Z" and "X criticised Z" (X's only terms ended before publication, the verb in a past tense)
place the act between the first and last day of X's term, read from office_holders.tsv through the person
the text names (the resolved actor, so "he" and a surname count). Only an event without a date of its own
is timed this way; the words are data (office_terms.yaml). A term that ended before publication is history
the document recalls: the event is background.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from dyad.codes import load_yaml, word_set
from dyad.extract.actors.holders import Holder, holder_for, holders
from dyad.extract.common.doccache import entities
from dyad.extract.events.dates import clause_path
from dyad.records import Actor


@dataclass(frozen=True)
class TermWords:
    former: frozenset[str]
    term_nouns: frozenset[str]
    prepositions: frozenset[str]


@lru_cache(maxsize=1)
def term_words() -> TermWords:
    raw = load_yaml("office_terms.yaml")
    return TermWords(word_set(raw, "former"), word_set(raw, "term_nouns"), word_set(raw, "prepositions"))


@dataclass(frozen=True)
class Term:
    """A past term of office as an event's time: `when` its first day, `until` its last."""

    when: str
    until: str
    holder: Holder


ActorAt = Callable[[Token], "Actor | None"]


def person_names(tok: Token, actor_at: ActorAt) -> list[str]:
    """The names of the person a word stands for: the resolved actor's, else the full name the word is part of
    (the parser can take "Rodrigo Duterte's" for a body; only a full listed name is then looked up)."""
    actor = actor_at(tok)
    if actor is not None and actor.kind == "person":
        return [actor.name, *actor.aliases]
    ent = next((e for e in entities(tok.doc) if e.start <= tok.i < e.end), None)
    if ent is None or ent.label_ not in ("PERSON", "ORG") or len(ent) < 2:
        return []
    words = [t.text for t in ent if t.dep_ != "case" and not t.is_punct]
    return [" ".join(words)] if len(words) > 1 else []


def _ended_terms(names: list[str], published: dt.date | None) -> list[Holder]:
    """The listed terms of the person so named that ended before publication (every ended one without it)."""
    found = holder_for(names, published) if names else None
    if found is None:
        return []
    same = _terms_by_holder().get((found.name, found.country, found.igo), [])
    return [h for h in same if h.until is not None and (published is None or h.until < published)]


_TERMS: list[tuple[tuple[Holder, ...], dict[tuple[str, str | None, str | None], list[Holder]]]] = []


def _terms_by_holder() -> dict[tuple[str, str | None, str | None], list[Holder]]:
    """Every listed term by (name, country, body), in file order, built once per list of holders."""
    listed = holders()
    if not _TERMS or _TERMS[0][0] is not listed:
        index: dict[tuple[str, str | None, str | None], list[Holder]] = {}
        for h in listed:
            index.setdefault((h.name, h.country, h.igo), []).append(h)
        _TERMS[:] = [(listed, index)]
    return _TERMS[0][1]


def _in_office(names: list[str], published: dt.date | None) -> bool:
    found = holder_for(names, published) if names else None
    return found is not None and published is not None and found.in_office(published)


def formerly(tok: Token) -> bool:
    """"former President X", "ex-premier X": a word of `former` before the name and its title."""
    ent = next((e for e in entities(tok.doc) if e.start <= tok.i < e.end), None)
    start = ent.start if ent is not None else tok.i
    for i in range(start - 1, max(start - 5, tok.sent.start - 1), -1):
        word = tok.doc[i]
        if word.lower_ in term_words().former:
            return True
        if word.is_punct and word.text not in ("-", "\u2010"):
            return False
    return False


def _person_of_term(noun: Token) -> list[Token]:
    """The person a term noun belongs to: "X's presidency", "the X government", "the term of X"."""
    found = [ch for ch in noun.children if ch.dep_ in ("poss", "compound", "nmod")]
    for prep in (ch for ch in noun.children if ch.dep_ == "prep" and ch.lower_ == "of"):
        for obj in (ch for ch in prep.children if ch.dep_ == "pobj"):
            found.append(obj)
            found += [ch for ch in obj.children if ch.dep_ == "appos"]  # "the term of his predecessor, X"
    return found


def placed_in(trigger: Token) -> list[Token]:
    """Words naming a person the sentence places the act under: "under X", "during X's term", or the
    antecedent of the relative clause the act is told in ("X, who criticised", "X, whose government did")."""
    words = term_words()
    path = clause_path(trigger)
    found: list[Token] = []
    for tok in path:
        for prep in (ch for ch in tok.children if ch.dep_ == "prep" and ch.lower_ in words.prepositions):
            for obj in (ch for ch in prep.children if ch.dep_ == "pobj"):
                if obj.lemma_.lower() in words.term_nouns:
                    found += _person_of_term(obj)
                elif prep.lower_ == "under":
                    found.append(obj)
    top = path[-1]
    if top.dep_ == "relcl" and top.head != top:
        found.append(top.head)
    return found


def term_of(trigger: Token, source: Token | None, actor_at: ActorAt, published: dt.date | None) -> Term | None:
    """The past term an undated event falls in, if the text places it in one (see the module docstring)."""
    if _present_or_future(trigger):
        return None  # "former President X now criticises": what a former holder does today
    for tok in placed_in(trigger):
        names = person_names(tok, actor_at)
        marked = formerly(tok) or not _in_office(names, published)
        terms = _ended_terms(names, published) if marked else []
        if terms:
            return _term(terms)
    if source is None:
        return None
    names = person_names(source, actor_at)
    terms = _ended_terms(names, published)
    if not terms:
        return None
    if formerly(source) or (_past(trigger) and not _in_office(names, published)):
        return _term(terms)
    return None


def _present_or_future(trigger: Token) -> bool:
    """The trigger's verb is in a present tense, or has a modal ("will", "would") or "to" before it."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    auxes = [ch for ch in verb.children if ch.dep_ in ("aux", "auxpass")]
    if any(ch.tag_ == "MD" or ch.lower_ == "to" for ch in auxes):
        return True
    tags = [verb.tag_] + [ch.tag_ for ch in auxes]
    return any(t in ("VBZ", "VBP") for t in tags) and not any(ch.lemma_ == "have" for ch in auxes)


def _past(trigger: Token) -> bool:
    from dyad.extract.events.modality import is_past

    return is_past(trigger)


def _term(terms: list[Holder]) -> Term:
    """The latest of a person's ended terms, merged with the terms right before it (a prime minister who
    became president keeps one span), as `when`..`until` at the precision of the day."""
    ordered = sorted(terms, key=lambda h: h.until or dt.date.max)
    last = ordered[-1]
    start = last.since or last.until
    for h in reversed(ordered[:-1]):
        if h.until is not None and start is not None and h.since is not None and (start - h.until).days <= 1:
            start = h.since
    assert start is not None and last.until is not None
    return Term(start.isoformat(), last.until.isoformat(), last)
