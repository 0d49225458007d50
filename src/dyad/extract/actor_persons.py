"""People named in one document: one actor per person, whatever short form the text uses.

Full names ("Lee Jae-myung", "Lee Jae Myung") become one actor by their
normalised spelling; a lone name ("Lee", "Mr. Park", "Takaichi") joins the full
name it is part of, or, failing that, a full name it is a near spelling of
("Takaiichi"). Country and role come from the words around each mention
(actor_titles), and a possessor ("Lee's adviser") lends its country.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein
from spacy.tokens import Span, Token
from spacy.util import filter_spans

from dyad.extract import lexicon
from dyad.extract.actor_registry import Draft, Registry, state_name
from dyad.extract.actor_states import PlaceHit, fold_name, named_places
from dyad.extract.doccache import noun_chunks, tokens_by_text
from dyad.extract.actor_titles import MEMBER_ROLES, Reading, clean_name, org_head, read_after, read_before
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


@lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """Spelling-insensitive form of a name: no case, accents, hyphens, spaces or dots."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[\s\-\u2010\u2011.'\u2019]", "", text.lower())


# Particles that open an Arabic surname and may be dropped when the surname stands alone.
ARTICLE_PREFIXES = ("al-", "el-", "ad-", "ash-", "as-", "an-", "ar-", "at-", "az-")


def name_parts(name: str) -> list[str]:
    """'Lee Jae-myung' -> ['lee', 'jaemyung']: parts as a lone name would be written ('al-Assad' also 'assad')."""
    parts: list[str] = []
    for word in name.split():
        if normalise(word):
            parts.append(normalise(word))
        low = word.lower()
        for prefix in ARTICLE_PREFIXES:
            if low.startswith(prefix) and len(low) > len(prefix) + 1:
                parts.append(normalise(word[len(prefix) :]))
    return parts


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    return frozenset(p.lower() for p in lexicon.non_actor_phrases())


def person_key(name: str) -> str:
    return "person:" + normalise(name)


def _looks_like_name(span: Span) -> bool:
    text = span.text
    if not any(c.isalpha() for c in text) or any(c.isdigit() for c in text):
        return False
    if not text[0].isupper():
        return False
    forms = lexicon.gazetteer().forms
    if text in lexicon.known_orgs():
        return False  # "Boko Haram", "Twitter" taken for a person
    if text.lower() in _not_names() or text in lexicon.cities():
        return False  # "Sahel", "Bandar Abbas" taken for a name
    if len(span) > 1 and span[-1].lower_ in PLACE_NOUNS:
        return False  # "Whitsun Reef": a place named like a person
    if span[0].lower_ in WEATHER_WORDS or re.search(r"-(?:related|led|backed|based|linked|aligned|allied|run|style)$", text):
        return False  # "Cyclone Jude", "Shabab-related"
    return text not in forms and text not in lexicon.igo_forms()


def person_spans(ctx: DocContext) -> list[Span]:
    """PERSON entities, cleaned; also lone ORG/GPE/NORP tokens that spell a person named in full."""
    spans = [clean_name(e) for e in ctx.doc.ents if e.label_ == "PERSON"]
    things = named_places(ctx.doc)
    spans = filter_spans([s for s in spans if _looks_like_name(s) and fold_name(s.text) not in things])
    spans = filter_spans(spans + [e for e in ctx.doc.ents if _mislabelled_speaker(e)])
    full_parts = {p for s in spans if len(s.text.split()) > 1 for p in name_parts(s.text)}
    for ent in ctx.doc.ents:
        if ent.label_ in {"ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART"}:
            span = clean_name(ent)
            if len(span) == 1 and _looks_like_name(span) and _matches_part(normalise(span.text), full_parts):
                spans.append(span)
    return filter_spans(spans)


def _mislabelled_speaker(ent: Span) -> bool:
    """'"...," Vassily Nebenzia told the council': two or three proper nouns, tagged as something other
    than a person, that are the subject of a speech verb and name nothing else."""
    from dyad.extract.quote_data import speech_words

    if ent.label_ in {"PERSON", "NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"} or not 2 <= len(ent) <= 3:
        return False
    if not all(t.is_title and t.pos_ == "PROPN" and t.is_alpha for t in ent) or org_head([t.text for t in ent]) is not None:
        return False
    if not _looks_like_name(ent) or any(t.text in lexicon.gazetteer().forms or t.text in lexicon.cities() for t in ent):
        return False
    return ent.root.dep_ == "nsubj" and ent.root.head.lemma_ in speech_words().verbs


def _unlabelled_names(ctx: DocContext, reg: Registry, people: People, places: dict[int, PlaceHit]) -> None:
    """A capitalised word the model did not tag that is the surname or given name of exactly one
    person named in full in the document ("Wi told reporters" after "Wi Sung-lac")."""
    parts: dict[str, set[str]] = {}
    for span, key in people.spans:
        if len(span) > 1:
            names = name_parts(reg.drafts[key].name)
            for part in (names[0], names[-1]) if names else ():
                parts.setdefault(part, set()).add(key)
    taken = set(people.by_token) | set(places) | {t.i for e in ctx.doc.ents if e.label_ != "PERSON" for t in e}
    for tok in ctx.doc:
        if tok.i in taken or not tok.is_title or len(tok.text) < 2 or not (tok.pos_ == "PROPN" or _bare_noun(tok)):
            continue
        keys = parts.get(normalise(tok.text), set())
        if len(keys) != 1 or (tok.i + 1 < len(ctx.doc) and ctx.doc[tok.i + 1].pos_ == "PROPN"):
            continue  # ambiguous, or the first word of some other name
        key = keys.pop()
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
PLACE_PREPOSITIONS = {"in", "at", "near", "into", "across", "around", "outside", "inside", "via"}
PLACE_NOUNS = {"camp", "camps", "city", "province", "region", "county", "district", "village", "town", "port", "airport", "border", "state",
               "reef", "island", "islands", "sea", "strait", "bay", "base", "river", "lake", "peninsula"}


def used_as_place(span: Span, lones: list[Span] | None = None) -> bool:
    """A lone name that the text somewhere uses as a place: after "in"/"at"/"to", before "camp"/"city"."""
    if len(span) != 1:
        return False
    doc = span.doc
    for i in tokens_by_text(doc).get(span.text, ()):
        tok = doc[i]
        if tok.dep_ == "pobj" and tok.head.lower_ in PLACE_PREPOSITIONS:
            return True
        if tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ in PLACE_NOUNS:
            return True
    return False


def _matches_part(lone: str, parts: set[str]) -> bool:
    """A lone name is a part of a full name, or a one-letter slip of one ("Takaiichi", "Yoon"/"Yoo")."""
    if lone in parts:
        return True
    return any(near_spelling(lone, p) for p in parts)


def near_spelling(a: str, b: str) -> bool:
    """Two normalised name parts that differ by one typing slip (not two short different names)."""
    if a == b:
        return True
    if a[:1] != b[:1] or min(len(a), len(b)) < 3 or max(len(a), len(b)) < 4:
        return False
    return Levenshtein.distance(a, b) == 1 or (min(len(a), len(b)) >= 6 and fuzz.ratio(a, b) >= TYPO_SCORE)


@lru_cache(maxsize=65536)
def _syllables(name: str) -> tuple[str, ...]:
    """'Yoon Suk-yeol' -> ('yoon', 'suk', 'yeol'): parts split at spaces and hyphens."""
    return tuple(normalise(p) for p in re.split(r"[\s\-\u2010\u2011]+", name) if normalise(p))


def same_full_name(a: str, b: str) -> bool:
    """'Yoo Suk Yeol' and 'Yoon Suk Yeol': the same parts but one slip; 'Kim Jong Un'/'Kim Jong Il' differ."""
    if normalise(a) == normalise(b):
        return True
    pa, pb = _syllables(a), _syllables(b)
    if len(pa) != len(pb) or len(pa) < 2:
        return False
    diff = [(x, y) for x, y in zip(pa, pb) if x != y]
    return len(diff) == 1 and near_spelling(*diff[0])


def find_people(ctx: DocContext, reg: Registry, places: dict[int, PlaceHit]) -> People:
    people = People()
    spans = person_spans(ctx)
    fulls = [s for s in spans if len(s.text.split()) > 1]
    lones = [s for s in spans if len(s.text.split()) == 1]
    person_tokens = {i for s in spans for i in range(s.start, s.end)}
    for span in fulls:
        key = next((k for _, k in people.spans if same_full_name(reg.drafts[k].name, span.text)), None)
        how = "name" if key is None or normalise(reg.drafts[key].name) == normalise(span.text) else "alias"
        key = key or person_key(span.text)
        reg.ensure(key, span.text, "person")
        people.add(span, key)
        reg.mention(key, span.start_char, span.end_char, how)
    _choose_names(reg, people, ctx.document.published)
    for span in lones:
        key = _lone_target(span, people, reg)
        how = "surname"
        key = key or _initials_target(span, people, reg)  # "MBS" for "Mohammed bin Salman"
        if key is None and used_as_place(span, lones):
            continue  # "in Dadaab", "Kakuma camp": a place the model took for a person
        if key is None:
            key = person_key(span.text)
            reg.ensure(key, span.text, "person")
            how = "name"
        elif normalise(span.text) not in name_parts(reg.drafts[key].name):
            how = "alias"  # a near spelling
        people.add(span, key)
        reg.mention(key, span.start_char, span.end_char, how)
    _unlabelled_names(ctx, reg, people, places)
    orgs = _org_spans(ctx)
    for span, key in sorted(people.spans, key=lambda p: p[0].start):
        reading = read_before(ctx.doc, span.start, places, person_tokens, orgs)
        after = read_after(ctx.doc, span.end, places, orgs)
        people.readings.append((span, key, reading))
        people.readings.append((span, key, after))
        _apply(reg.drafts[key], reading, span.text)
        _apply(reg.drafts[key], after, span.text)
    for span, key, reading in people.readings:  # weaker than any state the text names
        if reading.title and reading.title.country and reading.igo is None and reading.org_known is None:
            reg.drafts[key].set_country(reading.title.country, f"title '{reading.title.title}' is used by one state only")
    _anonymous(ctx, reg, places, people)
    _sentence_country(ctx, reg, places, people)
    _follows_a_state(ctx, reg, places, people)
    _contributors(ctx, reg, people)
    for span, key, reading in people.readings:
        if reading.possessor is not None:
            owner = people.key_at(reading.possessor)
            if owner and owner != key and reg.drafts[owner].country:
                reg.drafts[key].set_country(reg.drafts[owner].country, f"of {reg.drafts[owner].name}: {', '.join(reading.why) or span.text}")
    return people


# Titles that an unnamed source is often given ("a senior Japanese government official").
ANONYMOUS_TITLES = {"official", "government official", "senior official", "diplomat", "spokesperson", "spokesman",
                    "spokeswoman", "military official", "defense official", "security official"}


def _anonymous(ctx: DocContext, reg: Registry, places: dict[int, PlaceHit], people: People) -> None:
    """An unnamed but described person: "a senior South Korean government official" (singular, with a state)."""
    for chunk in noun_chunks(ctx.doc):
        if chunk[0].lower_ not in {"a", "an"} or chunk.root.tag_ != "NN" or chunk.root.i in people.by_token:
            continue
        words = [t.lower_ for t in chunk.root.subtree if t.i <= chunk.root.i and t.i >= chunk.start]
        hit = next((places[t.i].target for t in chunk if t.i in places and not places[t.i].igo), None)
        body = None if hit else _known_org_in(chunk)  # "a senior State Department official"
        if body is not None:
            hit = lexicon.known_orgs()[body.text].country
        found = lexicon.titles().get(chunk.root.lower_)
        if hit is None or found is None or chunk.root.lower_ not in {w.split()[-1] for w in ANONYMOUS_TITLES}:
            continue
        span = chunk[1:]
        key = f"person:anonymous:{hit}:{normalise(span.text)}"
        draft = reg.ensure(key, span.text, "person")
        draft.set_country(hit, f"described as '{chunk.text}'")
        title = lexicon.titles().get(" ".join(words[-2:])) or found
        draft.set_role(title.role, title.sector, f"described as '{chunk.text}'")
        people.add(span, key)
        reg.mention(key, span.start_char, span.end_char, "name")
        for i in range(body.start, body.end) if body is not None else ():
            people.by_token.pop(i, None)  # the organisation stays an actor of its own


def _known_org_in(chunk: Span) -> Span | None:
    """A listed organisation with a country named inside a description ("a State Department official")."""
    known = lexicon.known_orgs()
    for size in range(len(chunk) - 1, 0, -1):
        for start in range(chunk.start, chunk.end - size):
            org = known.get(chunk.doc[start : start + size].text)
            if org is not None and org.country:
                return chunk.doc[start : start + size]
    return None


def _sentence_country(ctx: DocContext, reg: Registry, places: dict[int, PlaceHit], people: People) -> None:
    """In a list of office-holders ("Chinese Premier X and the chairman of the parliament, Y"),
    one given a title but no country shares the country the one listed just before was given."""
    said: dict[int, list[Reading]] = {}
    for span, _, reading in people.readings:
        said.setdefault(span.start, []).append(reading)
    ordered = sorted(people.spans, key=lambda p: p[0].start)
    for (prev, prev_key), (span, key) in zip(ordered, ordered[1:]):
        draft, other = reg.drafts[key], reg.drafts[prev_key]
        if draft.country or prev_key == key or prev.sent.start != span.sent.start:
            continue
        mine, theirs = said.get(span.start, []), said.get(prev.start, [])
        titled = any(r.title is not None and r.title.sector in {"GOV", "LEG", "MIL", "JUD", "COP"} for r in mine)
        placed = next((r.country for r in theirs if r.country), None)
        if not titled or placed is None:
            continue
        between = ctx.doc[prev.end : span.start]
        if any(t.pos_ in {"VERB", "AUX", "SCONJ"} or (t.pos_ == "ADP" and t.lower_ != "of") for t in between):
            continue
        if not any(t.lower_ in {"and", ","} for t in between):
            continue
        draft.set_country(placed, f"listed with {other.name}")


def _contributors(ctx: DocContext, reg: Registry, people: People) -> None:
    """'X contributed to this report': a journalist of the outlet that published the document."""
    outlet = lexicon.known_orgs().get(ctx.document.outlet or "")
    for span, key in people.spans:
        verb = span.root.head
        if span.root.dep_ != "nsubj" or verb.lemma_ != "contribute" or not any(t.lower_ in {"report", "story", "article"} for t in verb.subtree):
            continue
        draft = reg.drafts[key]
        draft.set_role("media", "MED", "contributed to the report")
        if outlet is not None:
            draft.set_country(outlet.country, f"contributed to the report of {outlet.name}")


QUOTE_MARKS = {'"', "\u201c", "\u201d"}


def _follows_a_state(ctx: DocContext, reg: Registry, places: dict[int, PlaceHit], people: People) -> None:
    """'North Korea's envoy defended the treaty. "...," Ambassador Song Kim said.': an official with no
    country, first named in the sentence right after one whose subject is a state or that state's envoy,
    speaks for that state."""
    seen: set[int] = set()
    for span, key in sorted(people.spans, key=lambda p: p[0].start):
        sent = span.sent
        first_here = sent.start not in seen
        seen.add(sent.start)
        draft = reg.drafts[key]
        if draft.country or draft.role not in {"diplomat", "official", None} or not first_here or sent.start == 0:
            continue
        if not any(t.text in QUOTE_MARKS for t in sent):
            continue  # only the speaker of a quotation that goes on from the sentence before
        prev = ctx.doc[sent.start - 1].sent
        if any(prev.start <= s.start < prev.end for s, _ in people.spans):
            continue  # the sentence before names someone: the subject may be theirs
        country, titled = _subject_state(prev, places)
        if country and (titled or draft.role is not None):  # an untitled name only after "Russia's envoy ..."
            draft.set_country(country, f"speaks on from the sentence before, whose subject is of {country}")


def _subject_state(sent: Span, places: dict[int, PlaceHit]) -> tuple[str | None, bool]:
    """The state a sentence's subject is ("China", False), or whose envoy or official it is ("Russia's envoy", True)."""
    for subject in (c for c in sent.root.children if c.dep_ in {"nsubj", "nsubjpass"}):
        hit = places.get(subject.i)
        if hit is not None and not hit.igo:
            return hit.target, False
        if subject.lower_ in lexicon.titles() and lexicon.titles()[subject.lower_].sector == "GOV":
            owners = [places[t.i] for c in subject.lefts for t in c.subtree if t.i in places and not places[t.i].igo]
            if owners:
                return owners[0].target, True
    return None, False


def link_affiliations(reg: Registry, people: People) -> None:
    """A person described as working at an organisation takes its country, and a role from what it is."""
    for span, key, reading in people.readings:
        if reading.org is None:
            continue
        org_key = reg.overlaps(reading.org.start_char, reading.org.end_char)
        person, org = reg.drafts.get(key), reg.drafts.get(org_key or "")
        if person is None or org is None or org.kind != "organization":
            continue
        if org.role in MEMBER_ROLES:
            role, sector = MEMBER_ROLES[org.role]
            person.set_role(role, sector, f"of {org.name}")
        if org.country:
            person.set_country(org.country, f"works at {org.name}")


def _choose_names(reg: Registry, people: People, published: dt.date | None) -> None:
    """Name each person by the full form the leaders list knows, else the most used full form."""
    forms: dict[str, list[str]] = {}
    for span, key in people.spans:
        forms.setdefault(key, []).append(span.text)
    for key, seen in forms.items():
        known = _leader(reg.drafts[key], published)
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
    from dyad.extract.actor_orgs import candidates

    return [span for span, label in candidates(ctx.doc) if label != "NORP"]


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


def _initials_target(span: Span, people: People, reg: Registry) -> str | None:
    """The one person named in full whose initials a lone all-capitals name spells."""
    text = span.text
    if not (text.isupper() and text.isalpha() and 2 <= len(text) <= 4):
        return None
    keys = {k for s, k in people.spans if len(s) > 1 and _initials(reg.drafts[k].name) == text}
    return keys.pop() if len(keys) == 1 else None


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s\-\u2010\u2011]+", name) if w).upper()


def _apply(draft: Draft, reading: Reading, surface: str) -> None:
    why = ", ".join(reading.why) or surface
    if reading.country:
        draft.set_country(reading.country, why)
    if reading.org_known is not None:
        draft.set_country(reading.org_known.country, why)
        if reading.title and reading.org_known.sector in {"REB", "MED", "BUS", "NGO"}:
            draft.set_role(reading.title.role, reading.org_known.sector, why)
    if reading.title and reading.igo:
        role = "head of international organization" if reading.title.role in {"head of state", "head of government"} else reading.title.role
        draft.set_role(role, "IGO", why)
        draft.igo = draft.igo or reading.igo
    elif reading.title:
        draft.set_role(reading.title.role, reading.title.sector, why)


# A state is a document's main state when it has this many times the mentions of the next one.
MAIN_STATE_RATIO = 3
MAIN_STATE_MIN = 3


def main_state(reg: Registry) -> str | None:
    """The state a document is mostly about, when one clearly dominates its state mentions."""
    counts = sorted(
        ((len(d.spans), d.country) for d in reg.drafts.values() if d.kind == "state" and d.country), reverse=True
    )
    if not counts or counts[0][0] < MAIN_STATE_MIN:
        return None
    if len(counts) > 1 and counts[0][0] < MAIN_STATE_RATIO * counts[1][0]:
        return None
    return counts[0][1]


def fallback_main_state(reg: Registry) -> None:
    """An office-holder the text gives no country takes the document's main state, if there is one."""
    home = main_state(reg)
    if home is None:
        return
    for draft in reg.drafts.values():
        if draft.kind == "person" and not draft.country and draft.sector in {"GOV", "LEG", "MIL", "JUD", "COP"}:
            draft.set_country(home, f"the document's main state ({state_name(home)})")


def fallback_leaders(ctx: DocContext, reg: Registry) -> None:
    """Fill a person's country and role from the dated leaders list when the text said nothing."""
    published = ctx.document.published
    for draft in reg.drafts.values():
        if draft.kind != "person" or (draft.country and draft.role):
            continue
        leader = _leader(draft, published) or _leader_by_surname(draft, published, reg)
        if leader is None:
            continue
        if leader.country and not draft.country:
            draft.set_country(leader.country, "leaders list (the text does not say)")
        if not draft.role:
            draft.set_role(leader.role, "GOV" if leader.country else "IGO", "leaders list (the text does not say)")


def _leader(draft: Draft, published: dt.date | None) -> lexicon.Leader | None:
    names = {draft.name, *draft.aliases}
    for leader, forms in _leader_forms():
        if published and leader.since and published < leader.since:
            continue
        if any(same_full_name(a, b) for a in names for b in forms if a[:1].lower() == b[:1].lower()):
            return leader
    return None


def _leader_by_surname(draft: Draft, published: dt.date | None, reg: Registry) -> lexicon.Leader | None:
    """'Trump' alone, in an article that names the United States: the one listed leader it can be."""
    if len(draft.name.split()) != 1:
        return None
    lone = normalise(draft.name)
    fits = [
        leader
        for leader, forms in _leader_forms()
        if not (published and leader.since and published < leader.since)
        and any(lone in (parts[0], parts[-1]) for parts in (name_parts(f) for f in forms))
    ]
    # one person listed for several terms is still one person
    people = {(leader.name, leader.country) for leader in fits}
    if len(people) != 1 or not fits[0].country or f"state:{fits[0].country}" not in reg.drafts:
        return None
    return fits[0]


@lru_cache(maxsize=1)
def _leader_forms() -> tuple[tuple[lexicon.Leader, tuple[str, ...]], ...]:
    return tuple((leader, (leader.name, *leader.aliases)) for leader in lexicon.leaders())
