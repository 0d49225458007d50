"""Which time expression dates an event, which way a relative one points, and whether it is background.

Small rules on top of `dates` (which finds and resolves the expression), each
about the event's own time, never its publication day:

- "in November, when Xi visited Seoul": a clause hanging on a date is dated by it;
- "the first visit since 2019", "the first talks in years": a "since" phrase after
  an ordinal measures the gap from an earlier occasion; it does not date this one;
- "a ban in place since 2016": a "since" phrase dates a state that began then and
  still holds, which is background, not news of the day;
- "hold talks Tuesday", "are to meet Tuesday": a bare weekday in a clause that is
  not in a past tense points forward; "met on Tuesday" points back;
- "restrictions in place for about a decade": a state that has held for N years
  began N years before publication (to the year), background too;
- "On Friday, Wi said Seoul respects the policy": a statement reported in the
  present is made when it is said, so the reporting verb's date dates it.

Of the expressions that belong to an event, the first that resolves to a time dates it.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from dyad.extract.common.doccache import entities
from dyad.extract.events.dates import Prefer, ResolvedDate, anchor, clause_path, date_spans_for, resolve

YEARS = re.compile(r"^(1[5-9]\d\d|20\d\d)(\s*[-\u2013\u2014/]\s*(1[5-9]\d\d|20\d\d|\d\d))?$")
ORDINALS = frozenset({"first", "second", "third", "last", "only", "latest", "rare", "longest"})
FORWARD_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "weekend"})


def date_entities(doc: Doc) -> list[Span]:
    """The time expressions of a document: its DATE entities, and years the parser took for plain
    numbers ("Japan's 1910-1945 occupation")."""
    return [e for e in entities(doc) if e.label_ == "DATE" or (e.label_ == "CARDINAL" and YEARS.match(e.text.strip()))]


def date_clause_span(trigger: Token, date_ents: list[Span]) -> Span | None:
    """The date a clause hangs on: "in November, when Xi visited" dates the visit to November."""
    top = clause_path(trigger)[-1]
    if top.dep_ not in ("relcl", "advcl") or top.head == top:
        return None
    head = top.head
    return next((e for e in date_ents if e.start <= head.i < e.end), None)


def preposition(ent: Span) -> str | None:
    """The preposition a date expression hangs on: "since" in "since the 2016 deployment"."""
    tok = ent.root
    for _ in range(4):
        if tok.dep_ == "pobj":
            return tok.head.lower_
        if tok.dep_ not in ("nummod", "compound", "amod", "npadvmod", "poss", "nmod") or tok.head == tok:
            break
        tok = tok.head
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    return before.lower_ if before is not None and before.pos_ == "ADP" else None


def gap_since(trigger: Token, ent: Span) -> bool:
    """"the first visit since 2019": a "since" phrase after an ordinal dates an earlier occasion, not this one."""
    if preposition(ent) != "since":
        return False
    words = {t.lower_ for t in trigger.children} | {t.lower_ for t in trigger.head.children if t.dep_ in ("amod", "advmod")}
    if trigger.pos_ == "NOUN":
        words |= {t.lower_ for t in trigger.lefts}
    return bool(words & ORDINALS) or any(t.ent_type_ == "ORDINAL" for t in trigger.children)


def is_background_phrase(trigger: Token, ent: Span | None) -> bool:
    """"in place since 2016", "for about a decade": the event is a state that began long ago and still holds."""
    if ent is None:
        return False
    return preposition(ent) == "since" or duration_start(trigger, ent, dt.date(2000, 1, 1)) is not None


def _past(trigger: Token) -> bool:
    from dyad.extract.events.modality import is_past

    return is_past(trigger)


def _to_be_done(trigger: Token) -> bool:
    """"are to meet", "is due to visit": an infinitive under a form of be (or due) is a plan."""
    has_to = any(ch.lower_ == "to" and ch.dep_ == "aux" for ch in trigger.children)
    return has_to and trigger.dep_ == "xcomp" and trigger.head.lemma_.lower() in ("be", "due")


FORWARD_MODALITIES = frozenset({"planned", "expected"})


@lru_cache(maxsize=1)
def _forward_verbs() -> frozenset[str]:
    """Verbs whose "to" infinitive is what is to come, besides the planned and expected `governing` cues."""
    from dyad.codes import load_yaml

    raw = load_yaml("cameo_modality.yaml")
    planned = {str(k) for k, v in (raw.get("governing") or {}).items() if v in FORWARD_MODALITIES}
    return frozenset(planned | {str(w) for w in raw.get("forward_time_verbs") or []})


def _verb_of(tok: Token) -> Token:
    """The verb a word belongs to: itself, else the first verb above it."""
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") or tok.head == tok:
            return tok
        tok = tok.head
    return tok


def future_clause(tok: Token) -> bool:
    """The verb a date hangs on is told as what is to come: "will hold talks before the election in November",
    "are to meet", "is going to visit", "agreed to hold a summit in November"."""
    from dyad.extract.events.modality import cues

    verb = _verb_of(tok)
    auxes = [ch for ch in verb.children if ch.dep_ in ("aux", "auxpass")]
    if any(cues().aux.get(ch.lower_) in FORWARD_MODALITIES for ch in auxes) or _to_be_done(verb):
        return True
    to_do = any(ch.lower_ == "to" for ch in auxes) and verb.dep_ in ("xcomp", "advcl", "acl")
    return to_do and verb.head.lemma_.lower() in _forward_verbs()


def prefer(trigger: Token, future_modality: bool, text: str | None) -> Prefer:
    """Which way a relative expression points: forward for a plan, or for a bare weekday in a
    clause that is not in a past tense; back otherwise."""
    if future_modality or _to_be_done(trigger):
        return "future"
    words = set((text or "").lower().replace("'s", " ").split())
    if words & FORWARD_WORDS and not words & {"last", "past", "previous"} and not _past(trigger):
        verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
        if verb.tag_ in ("VBP", "VBZ", "VB") or _to_be_done(verb):
            return "future"
    return "past"


DURATION = re.compile(
    r"^(?:for\s+)?(?:about|around|nearly|almost|roughly|some|more than|over)?\s*(a|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|\d{1,2})\s+(decade|decades|year|years)$"
)
NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10}


def duration_start(trigger: Token, ent: Span, published: dt.date | None) -> ResolvedDate | None:
    """"restrictions in place for about a decade", "a ban that has lasted for five years": a state that has
    held for N years began about N years before publication (to the year)."""
    if published is None or preposition(ent) not in ("for", None):
        return None
    m = DURATION.match(" ".join(ent.text.lower().split()))
    if m is None:
        return None
    n = int(m.group(1)) if m.group(1).isdigit() else NUMBERS[m.group(1)]
    years = n * 10 if m.group(2).startswith("decade") else n
    holds = any(t.lower_ == "place" for t in ent.root.head.head.subtree) or _perfect(trigger)
    return ResolvedDate(str(published.year - years), "year") if holds else None


def _perfect(trigger: Token) -> bool:
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    return any(ch.lemma_ == "have" and ch.dep_ == "aux" and ch.tag_ in ("VBZ", "VBP") for ch in verb.children)


def reported_date_spans(trigger: Token, sent: Span, date_ents: list[Span]) -> list[Span]:
    """"On Friday, Wi said Seoul respects the policy": a statement reported in the present (or as going
    on) is made when it is said, so the reporting verb's date dates it; "said it had tested" does not."""
    from dyad.extract.events.modality import cues

    top = clause_path(trigger)[-1]
    head = top.head
    if top.dep_ != "ccomp" or head == top or head.lemma_.lower() not in cues().reporting:
        return []
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else top
    auxes = [ch for ch in verb.children if ch.dep_ in ("aux", "auxpass")]
    if any(ch.lemma_ == "have" for ch in auxes) or (verb.tag_ == "VBD" and not auxes):
        return []
    if verb.tag_ not in ("VBZ", "VBP", "VBG") and not (verb.tag_ == "VBN" and auxes):
        return []
    return date_spans_for(head, sent, date_ents)


def state_clause_spans(trigger: Token, date_ents: list[Span]) -> list[Span]:
    """"a ban on films, which has been in place for a decade": a relative clause on the trigger's own
    noun phrase that says since when, or for how long, the state has held."""
    if trigger.pos_ != "NOUN":
        return []
    inside = {t.i for t in trigger.subtree}
    found = []
    for ent in date_ents:
        top = clause_path(anchor(ent))[-1]
        if top.dep_ in ("relcl", "acl") and top.head.i in inside and preposition(ent) in ("since", "for", None):
            found.append(ent)
    return found


def own_date(trigger: Token, sent: Span, date_ents: list[Span], published: dt.date | None,
             future_modality: bool) -> tuple[Span, ResolvedDate] | None:
    """The time expression that dates this event and what it resolves to, if any (see the module docstring)."""
    clause = date_clause_span(trigger, date_ents)
    spans = [clause] if clause is not None else date_spans_for(trigger, sent, date_ents)
    spans = spans or state_clause_spans(trigger, date_ents)
    speaker = trigger
    if not spans:  # a statement reported in the present is dated by its reporting verb, whose tense counts
        spans = reported_date_spans(trigger, sent, date_ents)
        speaker = clause_path(trigger)[-1].head if spans else trigger
    path = {t.i for t in clause_path(trigger)}
    for span in spans:
        if gap_since(trigger, span):
            continue
        ahead = future_clause(anchor(span))
        if ahead and anchor(span).i not in path and _past(speaker):
            continue  # "agreed last week to hold a summit in November": the month dates the summit, not the agreeing
        forward = future_modality and speaker is trigger
        found = resolve(span.text, published, "future" if ahead else prefer(speaker, forward, span.text))
        found = found or duration_start(trigger, span, published)
        if found is not None:
            return span, found
    return None
