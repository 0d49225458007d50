"""People named in one document: one actor per person, whatever short form the text uses.

Full names ("Lee Jae-myung", "Lee Jae Myung") become one actor by their
normalised spelling; a lone name ("Lee", "Mr. Park", "Takaichi") joins the full
name it is part of, or, failing that, a full name it is a near spelling of
("Takaiichi"). Country and role come from the words around each mention
(actor_people), and a possessor ("Lee's adviser") lends its country.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from spacy.tokens import Span, Token

from dyad.extract import lexicon
from dyad.extract.actor_people import Reading, clean_name, read_after, read_before
from dyad.extract.actor_registry import Draft, Registry
from dyad.extract.actor_states import PlaceHit
from dyad.extract.context import DocContext

# A lone-name typo must be this similar to a part of a full name to join it.
TYPO_SCORE = 85


@dataclass
class People:
    """Person mentions found so far: token index -> actor key, and each mention's reading."""

    by_token: dict[int, str] = field(default_factory=dict)
    spans: list[tuple[Span, str]] = field(default_factory=list)
    readings: list[tuple[Span, str, Reading]] = field(default_factory=list)

    def key_at(self, token: Token) -> str | None:
        return self.by_token.get(token.i)

    def add(self, span: Span, key: str) -> None:
        self.spans.append((span, key))
        for i in range(span.start, span.end):
            self.by_token[i] = key


def normalise(name: str) -> str:
    """Spelling-insensitive form of a name: no case, accents, hyphens, spaces or dots."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[\s\-\u2010\u2011.'\u2019]", "", text.lower())


def name_parts(name: str) -> list[str]:
    """'Lee Jae-myung' -> ['lee', 'jaemyung']: parts as a lone name would be written."""
    return [normalise(p) for p in name.split() if normalise(p)]


def person_key(name: str) -> str:
    return "person:" + normalise(name)


def _looks_like_name(span: Span) -> bool:
    text = span.text
    if not any(c.isalpha() for c in text) or any(c.isdigit() for c in text):
        return False
    if not text[0].isupper():
        return False
    forms = lexicon.gazetteer().forms
    return text not in forms and text not in lexicon.igo_forms()


def person_spans(ctx: DocContext) -> list[Span]:
    """PERSON entities, cleaned; also lone ORG/GPE/NORP tokens that spell a person named in full."""
    spans = [clean_name(e) for e in ctx.doc.ents if e.label_ == "PERSON"]
    spans = [s for s in spans if _looks_like_name(s)]
    full_parts = {p for s in spans if len(s.text.split()) > 1 for p in name_parts(s.text)}
    for ent in ctx.doc.ents:
        if ent.label_ in {"ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART"}:
            span = clean_name(ent)
            if len(span) == 1 and _looks_like_name(span) and _matches_part(normalise(span.text), full_parts):
                spans.append(span)
    return sorted(spans, key=lambda s: s.start)


def _matches_part(lone: str, parts: set[str]) -> bool:
    if lone in parts:
        return True
    return len(lone) >= 5 and any(
        p[0] == lone[0] and fuzz.ratio(lone, p) >= TYPO_SCORE for p in parts if len(p) >= 4
    )


def find_people(ctx: DocContext, reg: Registry, places: dict[int, PlaceHit]) -> People:
    people = People()
    spans = person_spans(ctx)
    fulls = [s for s in spans if len(s.text.split()) > 1]
    lones = [s for s in spans if len(s.text.split()) == 1]
    person_tokens = {i for s in spans for i in range(s.start, s.end)}
    for span in fulls:
        key = person_key(span.text)
        reg.ensure(key, span.text, "person")
        people.add(span, key)
        reg.mention(key, span.start_char, span.end_char, "name")
    for span in lones:
        key = _lone_target(span, people, reg)
        how = "surname"
        if key is None:
            key = person_key(span.text)
            reg.ensure(key, span.text, "person")
            how = "name"
        elif normalise(span.text) not in name_parts(reg.drafts[key].name):
            how = "alias"  # a near spelling
        people.add(span, key)
        reg.mention(key, span.start_char, span.end_char, how)
    for span, key in sorted(people.spans, key=lambda p: p[0].start):
        reading = read_before(ctx.doc, span.start, places, person_tokens)
        after = read_after(ctx.doc, span.end, places, _org_spans(ctx))
        people.readings.append((span, key, reading))
        people.readings.append((span, key, after))
        _apply(reg.drafts[key], reading, span.text)
        _apply(reg.drafts[key], after, span.text)
    for span, key, reading in people.readings:
        if reading.possessor is not None:
            owner = people.key_at(reading.possessor)
            if owner and owner != key and reg.drafts[owner].country:
                reg.drafts[key].set_country(reg.drafts[owner].country, f"{reading.possessor.text}'s {span.text}")
    return people


def _org_spans(ctx: DocContext) -> list[Span]:
    from dyad.extract.actor_orgs import org_span

    return [org_span(e) for e in ctx.doc.ents if e.label_ in {"ORG", "FAC"}]


def _lone_target(span: Span, people: People, reg: Registry) -> str | None:
    """The full-name actor a lone name refers to: nearest before it, else first after."""
    lone = normalise(span.text)
    exact = [(s, k) for s, k in people.spans if len(s) > 1 and lone in name_parts(reg.drafts[k].name)]
    candidates = exact or [
        (s, k) for s, k in people.spans if len(s) > 1 and _matches_part(lone, set(name_parts(reg.drafts[k].name)))
    ]
    if not candidates:
        return None
    keys = {k for _, k in candidates}
    if len(keys) == 1:
        return keys.pop()
    before = [(s, k) for s, k in candidates if s.start < span.start]
    if before:
        return max(before, key=lambda p: p[0].start)[1]
    return min(candidates, key=lambda p: p[0].start)[1]


def _apply(draft: Draft, reading: Reading, surface: str) -> None:
    why = ", ".join(reading.why) or surface
    if reading.country:
        draft.set_country(reading.country, why)
    if reading.title:
        draft.set_role(reading.title.role, reading.title.sector, why)


def fallback_leaders(ctx: DocContext, reg: Registry) -> None:
    """Fill a person's country and role from the dated leaders list when the text said nothing."""
    published = ctx.document.published
    for draft in reg.drafts.values():
        if draft.kind != "person" or (draft.country and draft.role):
            continue
        leader = _leader(draft, published)
        if leader is None:
            continue
        if leader.country and not draft.country:
            draft.set_country(leader.country, "leaders list (the text does not say)")
        if not draft.role:
            draft.set_role(leader.role, "GOV" if leader.country else "IGO", "leaders list (the text does not say)")


def _leader(draft: Draft, published: dt.date | None) -> lexicon.Leader | None:
    names = {normalise(a) for a in [draft.name, *draft.aliases]}
    for leader in lexicon.leaders():
        if published and leader.since and published < leader.since:
            continue
        forms = {normalise(n) for n in (leader.name, *leader.aliases)}
        if names & forms:
            return leader
    return None
