"""People named in one document: one actor per person, whatever short form the text uses.

Full names ("Lee Jae-myung", "Lee Jae Myung") become one actor by their
normalised spelling; a lone name ("Lee", "Mr. Park", "Takaichi") joins the full
name it is part of, or, failing that, a full name it is a near spelling of
("Takaiichi"). Country and role come from the words around each mention
(readings), and a possessor ("Lee's adviser") lends its country; the rest of
the document may say more (person_context).
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.attrs import POS
from spacy.parts_of_speech import PROPN
from spacy.tokens import Span, Token
from spacy.util import filter_spans

from dyad.extract.actors import lexicon
from dyad.extract.actors.appositives import read_after
from dyad.extract.actors.drafts import Draft, Registry
from dyad.extract.actors.holders import holder_for, titled_forms
from dyad.extract.actors.name_spans import clean_name
from dyad.extract.actors.names import FullNames, NameParts, name_parts, normalise, person_key, same_full_name
from dyad.extract.actors.org_spans import candidates
from dyad.extract.actors.people import People
from dyad.extract.actors.person_context import (
    anonymous,
    contributors,
    follows_a_state,
    known_as,
    led_delegations,
    sentence_country,
)
from dyad.extract.actors.readings import OrgSpans, Reading, read_before
from dyad.extract.actors.states import PLACE_NOUNS, PlaceHit, fold_name, named_places, used_as_place
from dyad.extract.actors.titles import org_head
from dyad.extract.common.context import DocContext
from dyad.extract.common.doccache import entities, lowers, span_text, texts
from dyad.extract.common.tokens import column
from dyad.extract.common.words import POSSESSIVE
from dyad.extract.quotes.words import speech_words


def _looks_like_name(span: Span) -> bool:
    text = span_text(span)
    if not any(c.isalpha() for c in text) or any(c.isdigit() for c in text):
        return False
    if not text[0].isupper():
        return False
    forms = lexicon.gazetteer().forms
    if text in lexicon.known_orgs():
        return False  # "Boko Haram", "Twitter" taken for a person
    if text.lower() in lexicon.non_actor_lower() or text in lexicon.cities():
        return False  # "Sahel", "Bandar Abbas" taken for a name
    lows = lowers(span.doc)
    if len(span) > 1 and lows[span.end - 1] in PLACE_NOUNS:
        return False  # "Whitsun Reef": a place named like a person
    if lows[span.start] in WEATHER_WORDS or re.search(r"-(?:related|led|backed|based|linked|aligned|allied|run|style)$", text):
        return False  # "Cyclone Jude", "Shabab-related"
    return text not in forms and text not in lexicon.igo_forms()


def person_spans(ctx: DocContext) -> list[Span]:
    """PERSON entities, cleaned; also lone ORG/GPE/NORP tokens that spell a person named in full."""
    spans = [clean_name(e) for e in entities(ctx.doc) if e.label_ == "PERSON"]
    things = named_places(ctx.doc)
    spans = filter_spans([s for s in spans if _looks_like_name(s) and fold_name(span_text(s)) not in things])
    spans = filter_spans(spans + [e for e in entities(ctx.doc) if _mislabelled_speaker(e)])
    full_parts: NameParts[None] = NameParts()
    for s in spans:
        if len(span_text(s).split()) > 1:
            full_parts.add(name_parts(span_text(s)), None)
    for ent in entities(ctx.doc):
        if ent.label_ in {"ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART"}:
            span = clean_name(ent)
            if len(span) == 1 and _looks_like_name(span) and full_parts.any_near(normalise(span_text(span))):
                spans.append(span)
    return filter_spans(spans)


def _mislabelled_speaker(ent: Span) -> bool:
    """'"...," Vassily Nebenzia told the council': two or three proper nouns, tagged as something other
    than a person, that are the subject of a speech verb and name nothing else."""
    if ent.label_ in {"PERSON", "NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"} or not 2 <= len(ent) <= 3:
        return False
    if not all(t.is_title and t.pos_ == "PROPN" and t.is_alpha for t in ent) or org_head([t.text for t in ent]) is not None:
        return False
    if not _looks_like_name(ent) or any(t.text in lexicon.gazetteer().forms or t.text in lexicon.cities() for t in ent):
        return False
    return ent.root.dep_ == "nsubj" and ent.root.head.lemma_ in speech_words().verbs


def _unlabelled_names(ctx: DocContext, reg: Registry, people: People, places: dict[int, PlaceHit]) -> None:
    """A capitalised word the model did not tag that is the surname or given name of exactly one
    person named in full in the document ("Wi told reporters" after "Wi Sung-lac"), or a lone name
    the model tagged elsewhere in it."""
    parts: dict[str, set[str]] = {}
    for span, key in people.spans:
        if len(span) > 1:
            names = name_parts(reg.drafts[key].name)
            for part in (names[0], names[-1]) if names else ():
                parts.setdefault(part, set()).add(key)
        elif reg.drafts[key].kind == "person":
            parts.setdefault(normalise(span.text), set()).add(key)  # a lone name tagged once ("Biden")
    taken = set(people.by_token) | set(places) | {i for e in entities(ctx.doc) if e.label_ != "PERSON" for i in range(e.start, e.end)}
    words, pos = texts(ctx.doc), column(ctx.doc, POS)
    for i, text in enumerate(words):
        if i in taken or len(text) < 2 or not text.istitle():  # Token.is_title is str.istitle of its text
            continue
        tok = ctx.doc[i]
        owns = i + 1 < len(words) and words[i + 1] in POSSESSIVE  # "Guterres' spokesman"
        if not (pos[i] == PROPN or _bare_noun(tok) or owns):
            continue
        keys = parts.get(normalise(text), set())
        if len(keys) != 1 or (i + 1 < len(words) and pos[i + 1] == PROPN):
            continue  # ambiguous, or the first word of some other name
        key = keys.pop()
        if tok.pos_ != "PROPN" and not _bare_noun(tok):
            people.by_token[tok.i] = key  # an owner the tagger took for a plural noun: who it is, not a mention
            continue
        people.add(ctx.doc[tok.i : tok.i + 1], key)
        reg.mention(key, tok.idx, tok.idx + len(tok.text), "surname")


def _bare_noun(tok: Token) -> bool:
    """A name the tagger took for a common noun ("Trump blocked the sale"): a singular noun standing
    alone as a subject or object, with no determiner or modifier a common noun would need."""
    return (
        tok.tag_ == "NN" and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")
        and not any(c.dep_ in ("det", "poss", "amod", "compound", "nummod") for c in tok.children)
    )


# First words of the names of storms, which the model takes for people.
WEATHER_WORDS = {"cyclone", "cyclones", "typhoon", "typhoons", "hurricane", "hurricanes", "storm", "tropical"}


def find_people(ctx: DocContext, reg: Registry, places: dict[int, PlaceHit]) -> People:
    people = People()
    spans = person_spans(ctx)
    fulls = [s for s in spans if len(span_text(s).split()) > 1]
    lones = [s for s in spans if len(span_text(s).split()) == 1]
    named: FullNames[str] = FullNames()
    for span in fulls:
        found = named.find(span.text)
        key = found[0][1] if found else None
        how = "name" if key is None or normalise(reg.drafts[key].name) == normalise(span.text) else "alias"
        if key is None:
            key = person_key(span.text)
            named.add(reg.ensure(key, span.text, "person").name, key)
        reg.ensure(key, span.text, "person")
        people.add(span, key)
        reg.mention(key, span.start_char, span.end_char, how)
    _choose_names(reg, people, ctx.document.published)
    known = _Known(reg, people)
    for span in lones:
        # "Pope Francis", "King Salman": an office holder by title and one word, not part of another name
        titled = holder_for(titled_forms(reg.text, [(span.start_char, span.end_char, "")]), ctx.document.published)
        key = None if titled else known.lone_target(span)
        how = "surname"
        key = key or known.initials_target(span)  # "MBS" for "Mohammed bin Salman"
        if key is None and used_as_place(span, lones):
            continue  # "in Dadaab", "Kakuma camp": a place the model took for a person
        if key is None:
            key = person_key(span.text)
            reg.ensure(key, span.text, "person")
            how = "name"
        elif normalise(span.text) not in name_parts(reg.drafts[key].name):
            how = "alias"  # a near spelling
        people.add(span, key)
        known.add(span, key)
        reg.mention(key, span.start_char, span.end_char, how)
    _unlabelled_names(ctx, reg, people, places)
    known_as(ctx, reg, people)
    orgs = OrgSpans(_org_spans(ctx))
    person_tokens = set(people.by_token)  # with the names the model did not tag ("Guterres' spokesman")
    for span, key in sorted(people.spans, key=lambda p: p[0].start):
        reading = read_before(ctx.doc, span.start, places, person_tokens, orgs)
        after = read_after(ctx.doc, span.end, places, orgs)
        people.readings.append((span, key, reading))
        people.readings.append((span, key, after))
        _apply(reg.drafts[key], reading, span.text, ctx.document.published)
        _apply(reg.drafts[key], after, span.text, ctx.document.published)
    for _span, key, reading in people.readings:  # weaker than any state the text names
        if reading.title and reading.title.country and reading.igo is None and reading.org_known is None:
            reg.drafts[key].set_country(reading.title.country, f"title '{reading.title.title}' is used by one state only")
    anonymous(ctx, reg, places, people)
    sentence_country(ctx, reg, places, people)
    led_delegations(ctx, reg, places, people)
    follows_a_state(ctx, reg, places, people)
    contributors(ctx, reg, people)
    for span, key, reading in people.readings:
        if reading.possessor is not None:
            owner = people.key_at(reading.possessor)
            if owner and owner != key and reg.drafts[owner].country:
                reg.drafts[key].set_country(reg.drafts[owner].country, f"of {reg.drafts[owner].name}: {', '.join(reading.why) or span.text}")
    return people


def _choose_names(reg: Registry, people: People, published: dt.date | None) -> None:
    """Name each person by the full form the office holders list knows, else the most used full form."""
    forms: dict[str, list[str]] = {}
    for span, key in people.spans:
        forms.setdefault(key, []).append(span.text)
    for key, seen in forms.items():
        known = holder_for({reg.drafts[key].name, *reg.drafts[key].aliases}, published)
        if known:
            canonical = {normalise(n): n for n in (known.name, *known.aliases)}
            match = next((s for s in seen if normalise(s) in canonical), None)
            if match:
                reg.drafts[key].name = match
                continue
            close = next((s for s in seen if any(same_full_name(s, n) for n in canonical.values())), None)
            if close:
                reg.drafts[key].name = known.name
                continue
        reg.drafts[key].name = max(seen, key=seen.count)


def _org_spans(ctx: DocContext) -> list[Span]:
    return [span for span, label in candidates(ctx.doc) if label != "NORP"]


class _Known:
    """The people named in full so far (spans of two tokens or more), by name part and by initials."""

    def __init__(self, reg: Registry, people: People) -> None:
        self.reg = reg
        self.parts: NameParts[tuple[Span, str]] = NameParts()
        self.initials: dict[str, set[str]] = {}
        for span, key in people.spans:
            self.add(span, key)

    def add(self, span: Span, key: str) -> None:
        if len(span) > 1:
            name = self.reg.drafts[key].name
            self.parts.add(name_parts(name), (span, key))
            self.initials.setdefault(_initials(name), set()).add(key)

    def lone_target(self, span: Span) -> str | None:
        """The full-name actor a lone name refers to: nearest before it, else first after."""
        lone = normalise(span.text)
        candidates = self.parts.exact(lone) or self.parts.near(lone)
        if not candidates:
            return None
        keys = {k for _, k in candidates}
        if len(keys) == 1:
            return keys.pop()
        before = [(s, k) for s, k in candidates if s.start < span.start]
        if before:
            return max(before, key=lambda p: p[0].start)[1]
        return min(candidates, key=lambda p: p[0].start)[1]

    def initials_target(self, span: Span) -> str | None:
        """The one person named in full whose initials a lone all-capitals name spells."""
        text = span_text(span)
        if not (text.isupper() and text.isalpha() and 2 <= len(text) <= 4):
            return None
        keys = self.initials.get(text, set())
        return next(iter(keys)) if len(keys) == 1 else None


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s\-\u2010\u2011]+", name) if w).upper()


def _apply(draft: Draft, reading: Reading, surface: str, day: dt.date | None) -> None:
    why = ", ".join(reading.why) or surface
    if reading.country:
        draft.set_country(reading.country, why)
    if reading.org_known is not None:
        draft.set_country(reading.org_known.country, why)
        period = reading.org_known.on(day)
        if reading.title and (period.cameo or period.sector in {"MED", "BUS", "NGO"}):
            if period.sector != "GOV":  # "Hamas spokesman X" speaks for Hamas; an armed group's leader is its member
                role = reading.title.role if period.sector in {"MED", "BUS", "NGO"} else period.role
                draft.set_role(role, period.sector, why)
            draft.cameo = draft.cameo or period.cameo or None
    if reading.title and reading.igo:
        role = "head of international organization" if reading.title.role in {"head of state", "head of government"} else reading.title.role
        draft.set_role(role, "IGO", why)
        draft.igo = draft.igo or reading.igo
    elif reading.title:
        draft.set_role(reading.title.role, reading.title.sector, why)
