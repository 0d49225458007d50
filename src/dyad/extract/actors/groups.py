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
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from dyad.extract.actors import lexicon
from dyad.extract.actors.drafts import Registry, state_name
from dyad.extract.actors.fallbacks import main_state
from dyad.extract.actors.names import normalise
from dyad.extract.actors.orgs import initials
from dyad.extract.actors.states import PlaceHit, phrase_doc
from dyad.extract.common.context import DocContext
from dyad.extract.common.doccache import lowers, noun_chunk_roots, noun_chunks
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


def find_collectives(doc: Doc, reg: Registry) -> dict[str, str]:
    """'Palestinians', 'Iraqi Kurds', 'Shiites': a people or community, one group actor each. Returns the
    peoples that stand for their state, by state."""
    peoples: dict[str, str] = {}
    found = [Span(doc, s, e, label=m) for m, s, e in _collective_matcher(doc.vocab)(doc)]
    for span in filter_spans(found):
        people = lexicon.collectives()[span.label_]
        root = span.root
        while root.dep_ == "conj" and root.head is not root:
            root = root.head  # "Kurds and Shiites voted"
        if people.use == "faith" and root.dep_ not in {"nsubj", "nsubjpass"}:
            continue  # "the site is known to Jews as ...": a faith named, not acting
        role = "faith" if people.use == "faith" else "public"
        key = f"group:{people.country or 'XXX'}:{normalise(people.form)}"
        draft = reg.ensure(key, span.text, "group", country=people.country, role=role, sector=people.sector or None,
                           cameo=people.cameo or None, why=[f"'{span.text}' (collectives list)"])
        reg.mention(draft.key, span.start_char, span.end_char, "name" if span.text == draft.name else "alias")
        if people.use == "state" and people.country:
            peoples[people.country] = draft.key
    return peoples


def fold_into_peoples(reg: Registry, peoples: dict[str, str]) -> None:
    """'Palestinian demonstrators' in a story about the Palestinians: part of that people, one actor."""
    for key, draft in list(reg.drafts.items()):
        home = peoples.get(draft.country or "")
        if draft.kind == "group" and home and key != home and draft.sector == "CVL":
            reg.rekey(key, home)


def find_groups(ctx: DocContext, reg: Registry, places: dict[int, PlaceHit]) -> None:
    doc = ctx.doc
    home = main_state(reg)
    acronyms = _acronyms(reg)
    lows, nouns = lowers(doc), lexicon.group_nouns()
    for chunk, root_i in zip(noun_chunks(doc), noun_chunk_roots(doc), strict=True):
        noun = nouns.get(lows[root_i])
        if noun is None or noun.use == "body":
            continue  # troops and diplomats act for their state: the state mention covers them
        root = doc[root_i]
        states = {places[t.i].target for t in chunk if t.i in places and not places[t.i].igo and t.i < root.i}
        if len(states) > 1:
            continue  # "Japanese and Korean leaders": the states themselves
        hit = next((places[t.i] for t in chunk if t.i in places and not places[t.i].igo and t.i < root.i), None)
        if hit is not None and _stance(doc, hit.start):
            continue  # "pro-Palestinian activists" say what they support, not where they are from
        named = _named_actor_of(reg, chunk)
        if named is not None:  # "al-Shabab militants", "the Taliban, Afghanistan's de facto leaders": that actor
            words = doc[chunk.start : chunk.end]
            reg.mention(named, words.start_char, words.end_char, "alias")
            continue
        if noun.sector in ARMED_SECTORS and _named_armed_group(ctx, reg, chunk, noun, places, home, acronyms):
            continue  # "Seleka rebels": the armed group named Seleka
        end, where = _place_after(doc, chunk.end, places)
        country, why = (hit.target, f"'{doc[hit.start:hit.end].text}'") if hit else (None, "")
        body = next((places[t.i] for t in chunk if t.i in places and places[t.i].igo and t.i < root.i), None)
        if hit is None and body is not None and noun.sector == "GOV":
            _officials_of_body(doc, reg, chunk, body)  # "EU officials", "U.N. officials"
            continue
        if hit is None:
            if noun.use != "crowd":
                continue
            # "protesters in Seoul clashed with police", "a strike on militants in Syria": crowds are
            # placed in the state the text puts them in, else where the document is about
            country, why = (where, "placed by the text") if where else _sentence_place(chunk, places)
            if country is None and home is not None:
                country, why = home, f"the document's main state ({state_name(home)})"
        start = chunk.start
        while start < end and (
            doc[start].lower_ in DETERMINERS or doc[start].lower_ in QUANTIFIERS or doc[start].like_num or doc[start].is_punct
        ):
            start += 1  # "at least eight demonstrators" -> "demonstrators"
        span = doc[start:end]
        role, sector = noun.role, noun.sector
        # a state's officials, authorities and leaders are one group, and so are its lawmakers
        kind = role if sector in {"GOV", "LEG"} else root.lemma_.lower()
        placed = where and hit and sector not in {"GOV", "LEG"}  # "Korean residents in Beijing" are a diaspora
        key = f"group:{country or 'XXX'}:{kind}" + (f":{where}" if placed else "")
        draft = reg.ensure(key, span.text, "group", country=country, role=role, sector=sector, why=[f"'{span.text}'"])
        if why:
            draft.why.append(why)
        if role == "public" and where and country and where != country:
            draft.role = "diaspora"  # nationals placed in another country
        # the mention stops at the noun: the place after it ("in Beijing") stays a mention of its own
        words = doc[start : chunk.end]
        reg.mention(key, words.start_char, words.end_char, "name")
        if span.text not in draft.aliases:
            draft.aliases.append(span.text)
    _lawmakers_of_named_legislatures(reg)
    _fighters_of_named_groups(reg)


def _officials_of_body(doc: Doc, reg: Registry, chunk: Span, body: PlaceHit) -> None:
    """'EU officials': the people who act for an international body, a group with its code and no country."""
    start = chunk.start
    while start < chunk.end and (doc[start].lower_ in DETERMINERS or doc[start].lower_ in QUANTIFIERS):
        start += 1
    span = doc[start : chunk.end]
    draft = reg.ensure(f"group:IGO:{body.target}:officials", span.text, "group", role="official", sector="IGO",
                       igo=body.target, why=[f"'{span.text}'"])
    reg.mention(draft.key, span.start_char, span.end_char, "name")


def _named_armed_group(
    ctx: DocContext,
    reg: Registry,
    chunk: Span,
    noun: lexicon.GroupNoun,
    places: dict[int, PlaceHit],
    home: str | None,
    acronyms: dict[str, set[str]],
) -> bool:
    """'Seleka rebels', 'anti-Balaka militias', '3R rebels': the name right before an armed crowd noun is
    an armed group's, an organisation placed where the text puts its fighters."""
    doc, root = ctx.doc, chunk.root
    k = root.i
    while k > chunk.start and _name_word(doc[k - 1]) and (k - 1) not in places:
        k -= 1
        if k - 2 >= chunk.start and doc[k - 1].text in HYPHENS and doc[k - 2].is_alpha and not doc[k - 1].whitespace_:
            k -= 2  # "anti-Balaka"
    if k == root.i or any(reg.keys_at(t.idx) for t in doc[k : root.i]):
        return False  # no name, or one already an actor (a state's demonym, a listed group)
    name = doc[k : root.i]
    words = doc[name.start : root.i + 1]
    named = _spelled_out(reg, name.text, acronyms)
    if named is not None:  # "IS fighters" in a story that names the Islamic State
        reg.mention(named, words.start_char, words.end_char, "alias")
        return True
    _, where = _place_after(doc, chunk.end, places)
    country = where or _sentence_place(chunk, places)[0] or home
    draft = reg.ensure("org:" + normalise(name.text), name.text, "organization", country=country, role="armed group",
                       sector=noun.sector, why=[f"'{name.text} {root.text}'"])
    reg.mention(draft.key, words.start_char, words.end_char, "name")
    return True


def _spelled_out(reg: Registry, short: str, acronyms: dict[str, set[str]]) -> str | None:
    """The one organisation of the document whose initials an all-capitals name spells."""
    if not (short.isupper() and short.isalpha()):
        return None
    found = {k for k in acronyms.get(short, ()) if k in reg.drafts}
    return found.pop() if len(found) == 1 else None


def _acronyms(reg: Registry) -> dict[str, set[str]]:
    """The document's organisations by the initials of their names."""
    found: dict[str, set[str]] = {}
    for d in reg.drafts.values():
        if d.kind == "organization":
            found.setdefault(initials(d.name), set()).add(d.key)
    return found


HYPHENS = {"-", "\u2010", "\u2011"}


def _name_word(tok: Token) -> bool:
    """A word of an armed group's own name: capitalised or with a digit ("Seleka", "3R")."""
    title = tok.is_title or tok.is_upper or (any(c.isdigit() for c in tok.text) and not tok.like_num)
    return title and tok.pos_ in {"PROPN", "NOUN", "ADJ", "NUM", "X"} and tok.lower_ not in lexicon.titles() and not tok.is_sent_start


def _place_after(doc: Doc, end: int, places: dict[int, PlaceHit]) -> tuple[int, str | None]:
    """'Korean residents in Beijing', 'protesters in Osaka': where the phrase after the noun puts the
    group, and where the group's words end (the place stays in them)."""
    if end + 1 >= len(doc) or doc[end].lower_ not in {"in", "living", "from"}:
        return end, None
    hit = places.get(end + 1)
    if hit is not None:
        return hit.end, (hit.target if not hit.igo else None)
    for size in (2, 1):  # a city: "Korean residents in Osaka"
        town = doc[end + 1 : end + 1 + size].text
        if town in lexicon.cities():
            return end + 1 + size, lexicon.cities()[town]
    return end, None


def _sentence_place(chunk: Span, places: dict[int, PlaceHit]) -> tuple[str | None, str]:
    """The one state the sentence names as a place ("In Syria, militants attacked ...")."""
    found = {
        places[t.i].target
        for t in chunk.sent
        if t.i in places and not places[t.i].igo and t.dep_ == "pobj" and t.head.lower_ in {"in", "across", "inside", "near"}
    }
    return (found.pop(), "placed by the sentence") if len(found) == 1 else (None, "")


def _named_actor_of(reg: Registry, chunk: Span) -> str | None:
    """The organisation or person a group noun phrase names: a listed organisation before the noun
    ("al-Shabab militants"), or the actor the phrase is in apposition to ("the Taliban, Afghanistan's
    de facto leaders")."""
    root = chunk.root
    for tok in chunk:
        if tok.i < root.i:
            org = next((k for k in reg.keys_at(tok.idx) if k.startswith("org:")), None)
            if org is not None:
                return org
    if root.dep_ == "appos":
        return next((k for k in reg.keys_at(root.head.idx) if k.startswith(("org:", "igo:"))), None)
    return None


# Words that name one chamber or committee of a legislature, not the whole of it.
CHAMBER_WORDS = {"senate", "house", "committee", "chamber", "caucus"}


def _lawmakers_of_named_legislatures(reg: Registry) -> None:
    """'U.S. lawmakers' when the text names the U.S. Congress: its members, one actor."""
    houses: dict[str, list[str]] = {}
    for draft in reg.drafts.values():
        whole = not CHAMBER_WORDS & set(draft.name.lower().split())
        if draft.kind == "organization" and draft.sector == "LEG" and draft.country and whole:
            houses.setdefault(draft.country, []).append(draft.key)
    for key, draft in list(reg.drafts.items()):
        if draft.kind == "group" and draft.sector == "LEG" and len(houses.get(draft.country or "", [])) == 1:
            reg.rekey(key, houses[draft.country or ""][0])


ARMED_SECTORS = {"REB", "INS", "SEP", "UAF"}


def _fighters_of_named_groups(reg: Registry) -> None:
    """'militants' in a story that names one armed group there (al-Shabab in Somalia): its fighters."""
    armed: dict[str | None, list[str]] = {}
    for draft in reg.drafts.values():
        if draft.kind == "organization" and draft.sector in ARMED_SECTORS:
            armed.setdefault(draft.country, []).append(draft.key)
            armed.setdefault(None, []).append(draft.key)
    for key, draft in list(reg.drafts.items()):
        if draft.kind == "group" and draft.sector in ARMED_SECTORS and len(armed.get(draft.country, [])) == 1:
            reg.rekey(key, armed[draft.country][0])
