"""Which state an organisation belongs to, from the words in and around its name.

A state or city in the name, a state and a describing noun before it, a place
or an appositive after it, or the organisation it is a unit of.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from dyad.extract.actors import lexicon
from dyad.extract.actors.drafts import Registry
from dyad.extract.actors.states import PlaceHit
from dyad.extract.actors.titles import org_head
from dyad.extract.common.doccache import sentence_bounds
from dyad.extract.common.words import POSSESSIVE


def units_of(reg: Registry, keys: list[str]) -> None:
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


def state_owner(span: Span, places: dict[int, PlaceHit], inner: dict[int, PlaceHit]) -> str | None:
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


def home_in_name(span: Span) -> tuple[str, str] | None:
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
    if any(p in lowered and town[1].lower() in p for p in lexicon.non_actor_lower()):
        return None
    return town


# Words that, after a state's name, mean the state itself rather than one of its bodies.
STATE_ITSELF = {"government", "authorities", "regime", "state", "administration"}


def state_itself(span: Span, inner: dict[int, PlaceHit]) -> str | None:
    """'Iraqi Government', 'the Chinese authorities': the state's ISO3 when the name is a state plus such a word."""
    last = span[-1]
    if last.lower_ not in STATE_ITSELF or last.lower_ == "administration":
        return None
    if span.end < len(span.doc) and span.doc[span.end].lower_ in lexicon.org_heads():
        return None  # "US State" cut from "US State department": a body of the state, not the state
    hits = {inner[i].target for i in range(span.start, span.end - 1) if i in inner and not inner[i].igo}
    covered = all(i in inner for i in range(span.start, span.end - 1))
    return hits.pop() if len(hits) == 1 and covered else None


def before_name(
    span: Span, places: dict[int, PlaceHit], inner: dict[int, PlaceHit] | None = None
) -> tuple[str | None, str, lexicon.Title | None] | None:
    """A state and a describing noun just before an organisation ("Japanese broadcaster TBS", "Taipei-based X")."""
    doc = span.doc
    i = span.start - 1
    words: list[str] = []
    sent_start = sentence_bounds(doc, span.start)[0]
    while i >= sent_start and span.start - i <= 5:
        tok = doc[i]
        hit = places.get(i) or (inner or {}).get(i)  # "Berlin-based" is an inner place
        if hit is not None and not hit.igo:
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


def located_after(span: Span, places: dict[int, PlaceHit]) -> tuple[str, str] | None:
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


def after_name(span: Span) -> tuple[str | None, str, lexicon.Title | None] | None:
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
