"""Groups of one document: publics, diasporas and crowds.

A people noun qualified by a state or nationality is a group of that state
("Korean residents in Beijing", "Filipino workers"); a crowd that acts is a
group even without one ("protesters in Bangkok clashed with police",
"militants attacked"), placed by the phrase after it when there is one.
Officials, diplomats and troops are not groups: they act for their state.
Peoples and communities written as a plural noun ("Palestinians", "Kurds",
"Shiites") are groups too, with the country and CAMEO code collectives.tsv gives.
"""

from __future__ import annotations

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from dyad.extract.actors import lexicon
from dyad.extract.actors.drafts import Registry
from dyad.extract.actors.names import normalise
from dyad.extract.actors.states import PlaceHit, phrase_doc
from dyad.extract.common.context import DocContext
from dyad.extract.common.doccache import noun_chunks
from dyad.extract.common.words import DETERMINERS

QUANTIFIERS = {"at", "least", "most", "more", "than", "about", "some", "nearly", "almost", "over", "around", "up", "to", "dozens", "hundreds", "thousands", "of", "many", "several", "few"}


def _stance(doc: Doc, start: int) -> bool:
    """'pro-' or 'anti-' right before a state's name or demonym."""
    return start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in {"pro", "anti", "non"}


_MATCHERS: dict[int, PhraseMatcher] = {}


def _collective_matcher(vocab) -> PhraseMatcher:
    if id(vocab) not in _MATCHERS:
        matcher = PhraseMatcher(vocab, attr="ORTH")
        for form in lexicon.collectives():
            matcher.add(form, [phrase_doc(vocab, form)])
        _MATCHERS[id(vocab)] = matcher
    return _MATCHERS[id(vocab)]


def find_collectives(doc: Doc, reg: Registry) -> None:
    """'Palestinians', 'Iraqi Kurds', 'Shiites': a people or community, one group actor each."""
    found = [Span(doc, s, e, label=m) for m, s, e in _collective_matcher(doc.vocab)(doc)]
    for span in filter_spans(found):
        people = lexicon.collectives()[span.label_]
        role = "faith" if people.use == "faith" else "public"
        key = f"group:{people.country or 'XXX'}:{normalise(people.form)}"
        draft = reg.ensure(key, span.text, "group", country=people.country, role=role, sector=people.sector or None,
                           cameo=people.cameo or None, why=[f"'{span.text}' (collectives list)"])
        reg.mention(draft.key, span.start_char, span.end_char, "name" if span.text == draft.name else "alias")


def find_groups(ctx: DocContext, reg: Registry, places: dict[int, PlaceHit]) -> None:
    doc = ctx.doc
    for chunk in noun_chunks(doc):
        root = chunk.root
        noun = lexicon.group_nouns().get(root.lower_)
        if noun is None or noun.use == "body":
            continue  # officials and troops act for their state: the state mention covers them
        hit = next((places[t.i] for t in chunk if t.i in places and not places[t.i].igo and t.i < root.i), None)
        if hit is not None and _stance(doc, hit.start):
            continue  # "pro-Palestinian activists" say what they support, not where they are from
        end = chunk.end
        where: str | None = None  # the country of the place phrase after the noun, if any
        # "Korean residents in Beijing": keep a place phrase that says which residents
        located = end + 1 < len(doc) and doc[end].lower_ in {"in", "living", "from"} and (end + 1) in places
        if located:
            where = places[end + 1].target if not places[end + 1].igo else None
            end = places[end + 1].end
        elif end + 1 < len(doc) and doc[end].lower_ in {"in", "living", "from"}:
            for size in (2, 1):  # a city: "Korean residents in Osaka"
                if doc[end + 1 : end + 1 + size].text in lexicon.cities():
                    where = lexicon.cities()[doc[end + 1 : end + 1 + size].text]
                    end = end + 1 + size
                    break
        if hit is None:
            # "protesters in Seoul clashed with police": acting crowds, placed by the phrase after them
            if noun.use != "crowd" or root.dep_ not in {"nsubj", "nsubjpass"}:
                continue
            hit = places[chunk.end + 1] if located and not places[chunk.end + 1].igo else None
        start = chunk.start
        while start < end and (
            doc[start].lower_ in DETERMINERS or doc[start].lower_ in QUANTIFIERS or doc[start].like_num or doc[start].is_punct
        ):
            start += 1  # "at least eight demonstrators" -> "demonstrators"
        span = doc[start:end]
        country = hit.target if hit else None
        role, sector = noun.role, noun.sector
        key = f"group:{country or 'XXX'}:{root.lemma_.lower()}" + (f":{where}" if where else "")
        draft = reg.ensure(key, span.text, "group", country=country, role=role, sector=sector, why=[f"'{span.text}'"])
        if role == "public" and where and country and where != country:
            draft.role = "diaspora"  # nationals placed in another country
        # the mention stops at the noun: the place after it ("in Beijing") stays a mention of its own
        words = doc[start : chunk.end]
        reg.mention(key, words.start_char, words.end_char, "name")
        if span.text not in draft.aliases:
            draft.aliases.append(span.text)
