"""Organisations of one document, with their country and role.

Named organisations come from spaCy's ORG entities; described ones from noun
phrases that pair a state with an institution ("the South Korean military",
"Seoul's foreign ministry", "the Lee administration"). A described
organisation that is another name of a named one of the same country and role
("China's foreign ministry" / "the Chinese Ministry of Foreign Affairs") joins it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from dyad.extract import lexicon
from dyad.extract.actor_persons import People, normalise, used_as_place
from dyad.extract.actor_registry import Registry, state_name
from dyad.extract.actor_states import PlaceHit, fold_name, named_places, phrase_doc
from dyad.extract.doccache import doc_text, entities, noun_chunks
from dyad.extract.actor_titles import POSSESSIVE, POSSESSIVE_PRONOUNS, org_head, title_words
from dyad.extract.context import DocContext

CONNECTORS = {"for", "of", "on", "and", "&"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "our", "their", "its", "his", "her", "my", "your"}
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
    while end - start > 1 and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct):
        end -= 1
    while end - start > 1 and (doc[start].lower_ in DETERMINERS or doc[start].is_punct or _sentence_tail(doc[start])):
        start += 1
    # "Seoul Centre for" + "Maritime Asia", "Manila Institute" + "for Ocean Law": a name goes on
    # after a connecting word when a capitalised word follows
    while end + 1 < len(doc) and "\n" not in doc[end - 1].whitespace_:
        if doc[end - 1].lower_ in CONNECTORS and doc[end].is_title:
            end += 1
        elif doc[end].lower_ in {"for", "of", "on"} and doc[end - 1].lower_ in lexicon.org_heads() and doc[end + 1].is_title:
            end += 2
        elif (
            end + 2 < len(doc)
            and doc[end].lower_ in {"for", "of", "on"}
            and doc[end + 1].lower_ == "the"
            and doc[end - 1].lower_ in lexicon.org_heads()
            and doc[end + 2].is_title
            and doc[end + 2].pos_ == "PROPN"
        ):
            end += 3  # "Office for the Coordination of Humanitarian Affairs"
        else:
            break
        while end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN" and "\n" not in doc[end - 1].whitespace_:
            end += 1
    for i in range(start + 1, end):
        if "\n" in doc[i - 1].whitespace_ or "\n" in doc[i].text or doc[i].text in {"(", ")", "[", "]", ","}:
            end = i  # the small model runs names across a line break, into a bracket or past a comma
            break
    for i in range(start + 1, end - 1):
        if doc[i].text in POSSESSIVE and names_a_thing(doc, i + 1):
            end = i  # "Congress's Countering X's Adversaries Act": the owner, not the law
            break
    while end - start > 1 and doc[end - 1].is_punct:
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


def _sentence_tail(tok: Token) -> bool:
    """A lone capital with a full stop ending the sentence before ("posted on X. The Taliban ..."), not an initial."""
    return len(tok.text) == 2 and tok.text[0].isupper() and tok.text[1] == "." and tok.i + 1 < len(tok.doc) and tok.nbor(1).is_title


@lru_cache(maxsize=1)
def _not_orgs() -> frozenset[str]:
    return frozenset(p.lower() for p in lexicon.non_actor_phrases())


def find_orgs(
    ctx: DocContext, reg: Registry, places: dict[int, PlaceHit], inner: dict[int, PlaceHit], people: People
) -> None:
    named = _named_orgs(ctx, reg, places, inner, people)
    _fold_acronyms(reg, named)
    _units_of(reg, named)
    _described_orgs(ctx, reg, places, people, named)


ACRONYM_SKIP = {"of", "for", "on", "and", "the", "&", "in", "at", "to"}


def initials(name: str) -> str:
    """'Inter Services Public Relations' -> 'ISPR', 'Tehreek-e-Taliban Pakistan' -> 'TTP'."""
    words = [w for w in name.replace("-", " ").split() if w.lower() not in ACRONYM_SKIP and len(w) > 1]
    return "".join(w[0].upper() for w in words)


def _spelled_out_otherwise(text: str, org: lexicon.KnownOrg, doc: Doc) -> bool:
    """An acronym of a listed organisation, in a document that never names it in full but names
    another organisation with these initials."""
    if not (text.isupper() and text.isalpha()):
        return False
    body = doc_text(doc)
    if any(form in body for form in (org.name, *org.aliases) if not form.isupper()):
        return False
    words = r"[A-Z][\w'\u2019-]*"
    pattern = rf"\b{words}(?:\s+(?:(?:of|for|and|the|on)\s+)*{words}){{{len(text) - 1}}}"
    return any(initials(m.group(1)) == text for m in re.finditer(rf"(?=({pattern}))", body))  # overlapping runs


def _fold_acronyms(reg: Registry, keys: list[str]) -> None:
    """An acronym the text uses for an organisation it also names in full is that organisation ("BLA")."""
    drafts = [reg.drafts[k] for k in dict.fromkeys(keys) if k in reg.drafts]
    for short in drafts:
        if not (short.name.isupper() and short.name.isalpha() and 2 <= len(short.name) <= 6):
            continue
        fulls = [d for d in drafts if d is not short and d.key in reg.drafts and len(d.name.split()) > 1 and initials(d.name) == short.name]
        if len(fulls) == 1:
            reg.rekey(short.key, fulls[0].key)


def _units_of(reg: Registry, keys: list[str]) -> None:
    """A unit named as another organisation's ("Y Institute's Center for X", "the X Program at the Y Center")
    belongs to that organisation's country."""
    text = reg.text
    for key in dict.fromkeys(keys):
        draft = reg.drafts.get(key)
        if draft is None:
            continue
        for start, end, _ in draft.spans:
            owner = None
            if text[max(0, start - 3) : start] in {"'s ", "\u2019s "}:
                owner = reg.overlaps(start - 4, start - 3)
            after = re.match(r" at (?:the )?", text[end : end + 8])
            if owner is None and after and not draft.country:
                owner = reg.overlaps(end + after.end(), end + after.end() + 1)
            found = reg.drafts.get(owner or "")
            if found is not None and found.kind == "organization" and found.country and found.key != key:
                draft.country = None  # "VOA's Bosnian Service": the owner's, whatever language it works in
                draft.set_country(found.country, f"a unit of {found.name}")
                break


_MATCHERS: dict[int, tuple[PhraseMatcher, Matcher]] = {}


def _matchers(vocab) -> tuple[PhraseMatcher, Matcher]:
    """(known organisations, descriptor + proper name) matchers for one vocab, built once."""
    if id(vocab) not in _MATCHERS:
        known = PhraseMatcher(vocab, attr="ORTH")
        for form in lexicon.known_orgs():
            known.add(form, [phrase_doc(vocab, form)])
        described = Matcher(vocab)
        described.add("described", [[{"LOWER": {"IN": sorted(descriptors())}}, {"POS": "PROPN", "OP": "+"}]])
        _MATCHERS[id(vocab)] = (known, described)
    return _MATCHERS[id(vocab)]


def candidates(doc: Doc) -> list[tuple[Span, str]]:
    """Organisation name spans with where they came from: an entity, a known name, a descriptor."""
    known, described = _matchers(doc.vocab)
    found: list[tuple[Span, str]] = []
    for ent in entities(doc):
        if ent.label_ in {"ORG", "FAC", "NORP"}:
            found.append((org_span(ent), ent.label_))
    for match_id, start, end in known(doc):
        found.append((doc[start:end], "KNOWN"))
    for _, start, end in described(doc):
        found.append((doc[start + 1 : end], "DESCRIBED"))
    spans = filter_spans([span for span, _ in found])
    kept = {(s.start, s.end) for s in spans}
    labels: dict[tuple[int, int], str] = {}
    for span, label in found:
        if (span.start, span.end) in kept:
            labels.setdefault((span.start, span.end), label)
    return [(s, labels[(s.start, s.end)]) for s in spans]


def _known_in(span: Span) -> lexicon.KnownOrg | None:
    """The known organisation a name is, or is a part of ("Reuters / Agencies", "American X")."""
    known = lexicon.known_orgs()
    if span.text in known:
        return known[span.text]
    for size in range(len(span) - 1, 0, -1):
        for start in range(span.start, span.end - size + 1):
            part = span.doc[start : start + size].text
            if part in known:
                return known[part]
    return None


def _named_orgs(
    ctx: DocContext, reg: Registry, places: dict[int, PlaceHit], inner: dict[int, PlaceHit], people: People
) -> list[str]:
    keys: list[str] = []
    doc = ctx.doc
    known = lexicon.known_orgs()
    for span, label in candidates(doc):
        text = span.text
        if any(i in people.by_token or i in places for i in range(span.start, span.end)):
            continue
        owned = _state_owner(span, places, inner)
        if owned is not None:
            text = owned  # "Pakistan's Ministry of Foreign Affairs": two states' ministries are two actors
        same = next((k for k in keys if reg.drafts[k].name == text), None)
        if same:
            reg.mention(same, span.start_char, span.end_char, "name")  # named again, maybe in a heading
            continue
        org = known.get(text)
        other = org is not None and _spelled_out_otherwise(text, org, doc)
        if other:
            org = None  # "RSF" in an article that names the Rapid Support Forces, not Reporters Without Borders
        part_of = None if org or other else _known_in(span)
        if part_of and _is_whole(span, part_of, inner):
            org, part_of = part_of, None  # "Reuters / Agencies", "American Carnegie Endowment ..."
        head = org_head([t.text for t in span])
        if org is None and _not_an_org(span, label, head, part_of is not None):
            continue
        earlier = _earlier_with_head(reg, keys, span, head)
        if earlier:
            reg.mention(earlier, span.start_char, span.end_char, "title")  # "the Foundation"
            continue
        if org is None and head is not None and text.lower() == head.title and not _bare_legislature(span, head):
            continue  # a bare "Council" with nothing named before it
        state = _state_itself(span, inner)
        if state:
            reg.mention(state, span.start_char, span.end_char, "alias")  # "the Iraqi Government"
            continue
        longer = _longer_name(reg, keys, text)
        if longer:
            reg.mention(longer, span.start_char, span.end_char, "alias")  # "Central Command" after "U.S. Central Command"
            continue
        key = "org:" + normalise(org.name if org else text)
        draft = reg.ensure(key, org.name if org else text, "organization")
        if part_of and text.startswith(tuple((part_of.name, *part_of.aliases))):
            draft.set_country(part_of.country, f"part of {part_of.name}")
        reg.mention(key, span.start_char, span.end_char, "name" if text == draft.name else "alias")
        if org is not None and text not in (org.name, *org.aliases):
            draft.set_country(org.country, f"known organisations list: {org.name}")  # "VOA Somali" is VOA's service
        if owned is not None and owned not in draft.aliases:
            draft.aliases.append(owned)
        keys.append(key)
        for i in range(span.start, span.end):
            if i in inner and not inner[i].igo and doc[inner[i].start - 1].lower_ not in {"on", "about"}:
                draft.set_country(inner[i].target, f"'{doc[inner[i].start:inner[i].end].text}' in its name")
                break  # ("Alliance on China" is about China, not of it)
        town = _home_in_name(span)
        if town:
            draft.set_country(town[0], f"'{town[1]}' in its name")
        before = _before(span, places)
        if before:
            iso3, why, desc = before
            draft.set_country(iso3, why)
            if desc:
                draft.set_role(desc.role, desc.sector, why)
        if org:
            draft.set_role(org.role, org.sector, f"known organisations list: {org.name}")  # "Liberation Army" is no army
        if head:
            draft.set_role(head.role, head.sector, f"'{head.title}' in its name")
        if head is not None and _bare_legislature(span, head):
            houses = {reg.drafts[k].country for k in keys if reg.drafts[k].sector == "LEG" and reg.drafts[k].country}
            if len(houses) == 1:
                draft.set_country(houses.pop(), "the one state whose legislature the text names")
        located = _located_after(span, places)
        if located:
            draft.set_country(located[0], located[1])
        described = _after(span)
        if described:
            iso3, why, desc = described
            draft.set_country(iso3, why)
            if desc:
                draft.set_role(desc.role, desc.sector, why)
        for source in (org, part_of):
            if source:
                draft.set_country(source.country, f"known organisations list: {source.name}")
                draft.set_role(source.role, source.sector, f"known organisations list: {source.name}")
    return keys


def _state_owner(span: Span, places: dict[int, PlaceHit], inner: dict[int, PlaceHit]) -> str | None:
    """'Afghanistan's Ministry of Foreign Affairs': a generic government body's name with the state that owns it."""
    if any(i in inner for i in range(span.start, span.end)) or span.text in lexicon.known_orgs():
        return None
    head = org_head([t.text for t in span])
    if head is None or head.sector != "GOV" or span[0].lower_ not in {"ministry", "department", "office", "bureau", "agency"}:
        return None
    doc, i = span.doc, span.start - 1
    if i >= 1 and doc[i].text in POSSESSIVE:
        i -= 1
    hit = places.get(i)
    if hit is None or hit.igo or hit.end != i + 1:
        return None
    return doc[hit.start : span.end].text


def _home_in_name(span: Span) -> tuple[str, str] | None:
    """A state or city in an organisation's name, unless the name is about it ("Alliance on China") or
    the words name no state ("Chinese American Museum")."""
    words = [t.text for t in span]
    town = lexicon.place_country(words)
    if town is None:
        return None
    at = next((k for k in range(len(words)) if " ".join(words[k:]).startswith(town[1])), 0)
    if at > 0 and words[at - 1].lower() in {"on", "about"}:
        return None
    lowered = span.text.lower()
    if any(p in lowered and town[1].lower() in p for p in _not_orgs()):
        return None
    return town


def _is_heading(span: Span) -> bool:
    """True when the span sits in a short line without final punctuation: a heading."""
    text = doc_text(span.doc)
    line_start = text.rfind("\n", 0, span.start_char) + 1
    line_end = text.find("\n", span.end_char)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end].strip(" *#_")
    return not line.endswith((".", "!", "?", '"', "\u201d", ":")) and len(line.split()) <= 10


# Words that, after a state's name, mean the state itself rather than one of its bodies.
STATE_ITSELF = {"government", "authorities", "regime", "state", "administration"}


def _state_itself(span: Span, inner: dict[int, PlaceHit]) -> str | None:
    """'Iraqi Government', 'the Chinese authorities': the state's key when the name is a state plus such a word."""
    last = span[-1]
    if last.lower_ not in STATE_ITSELF or last.lower_ == "administration":
        return None
    hits = {inner[i].target for i in range(span.start, span.end - 1) if i in inner and not inner[i].igo}
    covered = all(i in inner for i in range(span.start, span.end - 1))
    return f"state:{hits.pop()}" if len(hits) == 1 and covered else None


def _longer_name(reg: Registry, keys: list[str], text: str) -> str | None:
    """A named organisation whose name ends with this shorter one ("U.S. Central Command" for "Central Command")."""
    if len(text.split()) < 2:
        return None
    for key in keys:
        draft = reg.drafts.get(key)
        if draft and draft.name != text and draft.name.endswith(" " + text):
            return key
    return None


def _not_an_org(span: Span, label: str, head: lexicon.Title | None, in_known: bool) -> bool:
    """Spans the model took for an organisation that are something else (or nothing)."""
    text = span.text
    if text in lexicon.gazetteer().forms or text in lexicon.igo_forms() or text.lower() in _not_orgs():
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
    return doc_text(span.doc).count(text) >= 2 and not text.lower() in _not_orgs()


def _bare_legislature(span: Span, head: lexicon.Title) -> bool:
    """'Congress', 'Parliament' written alone and capitalised, not opening a sentence: the body itself."""
    return head.sector == "LEG" and span[0].is_title and not span[0].is_sent_start and len(span) <= 2


def _always_a_modifier(span: Span) -> bool:
    """An acronym only ever written before a common noun ("EV industry", "EV imports") names a kind of thing."""
    uses = [t for t in span.doc if t.text == span.text]
    return all(t.i + 1 < len(t.doc) and t.nbor(1).is_lower and t.nbor(1).pos_ == "NOUN" for t in uses)


def _earlier_with_head(reg: Registry, keys: list[str], span: Span, head: lexicon.Title | None) -> str | None:
    """'the Foundation' after 'the Prospect Foundation': the same organisation."""
    if head is None or len(span) != 1 or span.text.lower() != head.title:
        return None
    for key in reversed(keys):
        draft = reg.drafts.get(key)
        if draft and draft.name.lower().endswith(head.title) and draft.name.lower() != head.title:
            return key
    return None


def _is_whole(span: Span, org: lexicon.KnownOrg, inner: dict[int, PlaceHit]) -> bool:
    """True when the rest of the name is only a demonym, an article or punctuation and a generic word."""
    forms = (org.name, *org.aliases)
    rest = span.text
    for form in sorted(forms, key=len, reverse=True):
        if form in rest:
            rest = rest.replace(form, " ")
            break
    words = [w for w in rest.replace("/", " ").split() if w]
    return all(w in lexicon.gazetteer().forms or w.lower() in {"the", "agencies", "staff", "news"} for w in words)


def _before(span: Span, places: dict[int, PlaceHit]) -> tuple[str | None, str, lexicon.Title | None] | None:
    """A state and a describing noun just before an organisation ("Japanese broadcaster TBS", "Taipei-based X")."""
    doc = span.doc
    i = span.start - 1
    words: list[str] = []
    while i >= span.sent.start and span.start - i <= 5:
        tok = doc[i]
        if i in places and not places[i].igo:
            hit = places[i]
            desc = org_head(words) if words else None
            return hit.target, f"'{doc[hit.start:span.start].text}' before its name", desc
        if tok.text in lexicon.cities():
            return lexicon.cities()[tok.text], f"'{doc[i:span.start].text}' before its name", org_head(words) if words else None
        if tok.text in POSSESSIVE or tok.text == "-" or tok.lower_ in {"based", "headquartered"}:
            i -= 1
            continue
        if tok.pos_ in {"NOUN", "ADJ"} or (tok.lower_ == "think" and tok.nbor(1).lower_ == "tank"):
            words.insert(0, tok.lower_)
            i -= 1
            continue
        break
    if words:
        desc = org_head(words)
        if desc:
            return None, f"described as '{' '.join(words)}'", desc
    return None


def _located_after(span: Span, places: dict[int, PlaceHit]) -> tuple[str, str] | None:
    """'X Foundation in Sao Paulo', 'Y Institute based in Seoul': the place right after the name."""
    doc = span.doc
    i = span.end
    if i < len(doc) and doc[i].lower_ == "based":
        i += 1
    if i + 1 >= len(doc) or doc[i].lower_ != "in":
        return None
    if i + 1 in places and not places[i + 1].igo:
        hit = places[i + 1]
        return hit.target, f"'{doc[span.end : hit.end].text}' after its name"
    town = lexicon.place_country([t.text for t in doc[i + 1 : i + 4]])
    if town and doc[i + 1 : i + 4].text.startswith(town[1]):
        return town[0], f"'in {town[1]}' after its name"
    return None


def _after(span: Span) -> tuple[str | None, str, lexicon.Title | None] | None:
    """An appositive after an organisation: ", a Boston-based energy research group"."""
    doc = span.doc
    if span.end + 2 >= len(doc) or doc[span.end].text != "," or doc[span.end + 1].lower_ not in {"a", "an", "the"}:
        return None
    stop = span.end + 2
    while stop < min(len(doc), span.end + 12) and not doc[stop].is_punct or (stop < len(doc) and doc[stop].text == "-"):
        stop += 1
    words = [t.text for t in doc[span.end + 2 : stop]]
    desc = org_head([w.lower() for w in words])
    if desc is None or desc.role == "none":
        return None
    place = lexicon.place_country(words)
    why = f"described as '{doc[span.end + 2 : stop].text}'"
    return (place[0] if place else None), why, desc


def _described_orgs(
    ctx: DocContext, reg: Registry, places: dict[int, PlaceHit], people: People, named: list[str]
) -> None:
    doc = ctx.doc
    heads = lexicon.org_heads()
    for chunk in _with_inner_owners(noun_chunks(doc)):
        words = [t.lower_ for t in chunk]
        head = _standalone_head(words)
        if head is None:
            continue
        country, why = _chunk_country(chunk, places, people, reg)
        if country is None:
            continue
        start = chunk.start
        while start < chunk.end and (doc[start].lower_ in DETERMINERS or doc[start].lower_ in POSSESSIVE_PRONOUNS):
            start += 1
        owner = next((t.i for t in chunk if t.i in places or t.i in people.by_token), None)
        if owner is not None and owner > start and (doc[start].lower_ in standalone_heads() or owner in places):
            start = places[owner].start if owner in places else owner  # "a charge Afghan foreign ministry": from the state on
        span = doc[start : chunk.end]
        if reg.overlaps(span.start_char, span.end_char) and (span.start_char, span.end_char) in reg.taken:
            continue
        if reg.taken.get((chunk.root.idx, chunk.root.idx + len(chunk.root.text)), "").startswith("org:") or _inside_named(reg, named, chunk.root):
            continue  # "Pakistan's Ministry" cut from "Pakistan's Ministry of Foreign Affairs", named already
        info = heads.get(head) or heads.get(head.split()[-1])
        role, sector = (info.role, info.sector) if info else ("government", "GOV")
        person = next((people.key_at(t) for t in chunk if people.key_at(t)), None)
        # "the Lee administration" and "the Yoon administration" are two bodies of one state
        key = f"org:{country}:{person.split(':', 1)[1]}:{head}" if person else f"org:{country}:{head}"
        known = _known_description(chunk, places, country)
        if known is not None:
            key = "org:" + normalise(known.name)  # "North Korea's state news agency" is its one known agency
            draft = reg.ensure(key, known.name, "organization", country=country, role=known.role, sector=known.sector)
            draft.why.append(f"'{span.text}' describes {known.name} (known organisations list)")
            reg.mention(key, span.start_char, span.end_char, "alias")
            continue
        target = _same_named(reg, named, country, role, head) or key
        name = span.text if owner is not None else f"{state_name(country)} {span.text}"  # "its navy" -> "Japan navy"
        draft = reg.ensure(target, name, "organization", country=country, role=role, sector=sector, why=[why])
        reg.mention(draft.key, span.start_char, span.end_char, "alias" if target != key else "name")


def _with_inner_owners(chunks: list[Span]) -> list[Span]:
    """Noun chunks, and the owner or modifier inside one that may be a state's body ("the Pakistani army" in
    "the Pakistani army spokesperson", "the Indian navy's ship")."""
    heads = {h.split()[-1] for h in standalone_heads()}
    found: list[Span] = []
    for chunk in chunks:
        found.append(chunk)
        for k, tok in enumerate(chunk[:-1]):
            if tok.lower_ in heads and (tok.dep_ in {"poss", "compound"} or chunk[k + 1].text in POSSESSIVE):
                found.append(chunk[: k + 1])
                break
    return found


def _inside_named(reg: Registry, named: list[str], token: Token) -> bool:
    return any(s <= token.idx < e for key in named if key in reg.drafts for s, e, _ in reg.drafts[key].spans)


def _known_description(chunk: Span, places: dict[int, PlaceHit], country: str) -> lexicon.KnownOrg | None:
    """The known organisation a state's description names: its words without the state and articles."""
    words = [t.lower_ for t in chunk if t.i not in places and t.text not in POSSESSIVE and t.lower_ not in DETERMINERS]
    return lexicon.described_orgs().get((country, " ".join(words).replace(" - ", "-")))


def _standalone_head(words: list[str]) -> str | None:
    for size in (3, 2, 1):
        if len(words) >= size:
            phrase = " ".join(words[-size:]).replace(" - ", "-")
            if phrase in standalone_heads():
                return phrase
    return None


def _chunk_country(chunk: Span, places: dict[int, PlaceHit], people: People, reg: Registry) -> tuple[str | None, str]:
    """The state a described organisation belongs to: a demonym, a possessive state, a leader's name, or 'its'."""
    for tok in chunk:
        if tok.i in places and not places[tok.i].igo:
            return places[tok.i].target, f"'{tok.text}' in '{chunk.text}'"
        key = people.key_at(tok)
        if key and reg.drafts[key].country:
            return reg.drafts[key].country, f"'{tok.text}' in '{chunk.text}'"
    first = chunk[0]
    if first.lower_ in {"its", "their"}:
        subject = _clause_subject(chunk.root)
        if subject is not None and subject.i < first.i:
            if subject.i in places and not places[subject.i].igo:
                return places[subject.i].target, f"'{first.text}' refers to '{subject.text}', the subject"
            key = people.key_at(subject)
            if key and reg.drafts[key].country:
                return reg.drafts[key].country, f"'{first.text}' refers to '{subject.text}', the subject"
        for i in range(first.i - 1, max(first.sent.start - 1, first.i - 40), -1):
            if i in places and not places[i].igo:
                return places[i].target, f"'{first.text}' refers to '{chunk.doc[i].text}'"
    return None, ""


def _clause_subject(token: Token) -> Token | None:
    """The subject of the clause a noun sits in ("Tokyo could answer ... with its forces" -> Tokyo)."""
    head = token
    for _ in range(8):
        if head.pos_ in {"VERB", "AUX"}:
            subjects = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if subjects and subjects[0].lower_ not in {"it", "they"}:
                return subjects[0]  # "it" in "Manila said it could ..." points further up
        if head.head is head:
            return None
        head = head.head
    return None


def _same_named(reg: Registry, named: list[str], country: str, role: str, head: str) -> str | None:
    """A named organisation of the same country and role sharing a word with the description."""
    words = set(head.replace("-", " ").split())
    matches = []
    for key in named:
        draft = reg.drafts.get(key)
        if draft is None or draft.country != country or draft.role != role:
            continue
        name_words = {w.lower() for w in draft.name.replace("-", " ").split()}
        if words & name_words or role == "media":
            matches.append(key)
    return matches[0] if len(set(matches)) == 1 else None
