"""Read who a named person is from the words after the name.

An appositive, a relative clause or a copula (", a professor of politics at Y
University", ", who is a senior fellow at Z", ", C.A.R.'s territorial
administration minister", ", a North Korean defector"), or "of"/"from"/"at" an
organisation ("X of the Y Institute").
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from dyad.extract.actors import lexicon
from dyad.extract.actors.org_spans import known_inside
from dyad.extract.actors.places import place_words
from dyad.extract.actors.readings import OrgSpans, Reading, subject_matter
from dyad.extract.actors.states import PlaceHit
from dyad.extract.actors.titles import find_title, title_from_words
from dyad.extract.common.doccache import sentence_bounds
from dyad.extract.common.words import POSSESSIVE

# Leading words of an appositive or relative clause that come before the description.
APPOS_LEAD = {"a", "an", "the", "who", "which", "is", "was", "are", "were", "now", "also", "serves", "served", "as", "currently", "then"}
APPOS_STOP = {",", ";", ":", "(", ")", ".", "\"", "\u201c", "\u201d", "--", "\u2014", "\u2013"}
ORG_PREPS = {"at", "of", "with", "from", "for", "in"}
KIN = {"sister", "brother", "wife", "husband", "daughter", "son", "mother", "father", "widow", "niece", "nephew", "aunt", "uncle", "cousin"}

# What a person named as "X of <organisation>" does, by the organisation's role.
MEMBER_ROLES = {
    "think tank": ("analyst", "EDU"),
    "university": ("analyst", "EDU"),
    "media": ("media", "MED"),
    "company": ("company", "BUS"),
    "government": ("official", "GOV"),
    "military": ("military", "MIL"),
    "legislature": ("legislature", "LEG"),
}


def read_after(doc: Doc, end: int, places: dict[int, PlaceHit], orgs: OrgSpans) -> Reading:
    """Read an appositive, relative clause or copula after a name (", a professor at Y University")."""
    reading = Reading()
    if end < len(doc) and doc[end].lower_ in {"of", "from", "at"}:
        return _member_of(doc, end, orgs)
    if end >= len(doc) or (doc[end].text not in {",", "("} and doc[end].lemma_ != "be"):
        return reading
    sent_end = sentence_bounds(doc, end - 1)[1]
    j = end + 1
    if j < sent_end and doc[j].pos_ == "CCONJ":
        return reading  # "X, and Italy's minister Y": the words after the comma describe Y
    noun_phrase = j < sent_end and doc[j].lower_ in {"a", "an", "the"}
    while j < sent_end and doc[j].lower_ in APPOS_LEAD:
        j += 1
    stop = j
    while stop < sent_end and stop - j < 24 and doc[stop].text not in APPOS_STOP:
        stop += 1
    window = doc[j:stop]
    if not len(window):
        return reading
    if _based_in(window, places, reading):
        return reading
    words = [t.lower_ for t in window]
    desc = words[: _desc_end(words)]
    title = title_from_words(desc)
    found = find_title(desc)
    # The description must begin with its title, give or take a few modifiers ("a senior fellow")
    if title is None or found is None or (found[1] > 3 and not _modifiers_only(window[: found[1]], places, orgs)):
        reading = _kin_of(window, reading)
        if reading.possessor is None and noun_phrase:
            _untitled(window, len(desc), places, orgs, reading)
        return reading
    reading.title = title
    reading.title_span = (j, stop)
    reading.why.append(f"described as '{window.text}'")
    for k in range(j, j + found[2]):
        if k in places and places[k].igo:
            reading.igo = reading.igo or places[k].target  # ", the U.N. special envoy"
            continue
        if k in places and not places[k].igo and orgs.at(k) is None:
            if subject_matter(places[k], title):
                continue
            reading.country = reading.country or places[k].target
    if reading.country is None and j > 0 and doc[j - 1].text in POSSESSIVE and (j - 2) in places:
        reading.country = places[j - 2].target
    if reading.country is None:
        # "the head of China's top legislative body", "the spokesperson for China's foreign ministry",
        # "shadow justice secretary for Britain's Conservative party": the body's state is the person's
        for k in range(j + found[2], stop):
            if k in places and not places[k].igo and places[k].end < len(doc) and doc[places[k].end].text in POSSESSIVE:
                reading.country = places[k].target
                break
    _known_body(window[: found[2]], reading)  # "a senior al-Shabab leader", "a Taliban spokesman"
    _employer(doc, j, stop, orgs, reading)
    return reading


def _employer(doc: Doc, j: int, stop: int, orgs: OrgSpans, reading: Reading) -> None:
    """The organisations named in the description, or right after it ("Professor, Y University"): the
    first is the employer; the others may say where it is ("the X Program at the Y Center")."""
    for org in orgs.starting_from(j):
        if org.start > stop + 1:
            break
        if org.start < stop or (org.start == stop + 1 and doc[stop].text == ","):
            if reading.org is None:
                reading.org = org
            else:
                reading.more_orgs.append(org)


def _untitled(window: Span, desc_end: int, places: dict[int, PlaceHit], orgs: OrgSpans, reading: Reading) -> None:
    """A description with no known title: ', a North Korean defector', ', an American college student',
    ', a local U.S. consulate employee' (its state), ', the Japan chair at Hudson Institute' (its employer)."""
    words = place_words()
    head = window[desc_end - 1] if desc_end else None
    for tok in window[:desc_end]:
        hit = places.get(tok.i)
        if hit is None or hit.igo or orgs.at(tok.i) is not None or head is None or head.lower_ in words.topics:
            continue
        follows = window.doc[hit.end] if hit.end < len(window.doc) else None
        # a demonym says where someone is from; a name only before a body ("a U.S. consulate employee")
        # or a possessive, not before a post named after a field ("the Japan chair at Hudson Institute")
        body = follows is not None and (follows.text in POSSESSIVE or follows.lower_ in lexicon.org_heads())
        if hit.how == "demonym" or body:
            reading.country = hit.target
            reading.why.append(f"described as '{window.text}'")
        break
    if reading.country is None:
        _employer(window.doc, window.start + desc_end, window.end, orgs, reading)
        if reading.org is not None:
            reading.why.append(f"described as '{window.text}'")


def _based_in(window: Span, places: dict[int, PlaceHit], reading: Reading) -> bool:
    """', who has been based in Somalia': where the person works from."""
    words = [t.lower_ for t in window[:6]]
    if "based" not in words or words.index("based") + 2 > len(window):
        return False
    k = window.start + words.index("based") + 1
    hit = places.get(k + 1) if window.doc[k].lower_ == "in" else None
    if hit is None or hit.igo:
        return False
    reading.country = hit.target
    reading.why.append(f"'{window.text}'")
    return True


def _known_body(words: Span, reading: Reading) -> None:
    """A listed organisation inside a title phrase: the person speaks for it."""
    inside = known_inside(words)
    if inside and reading.org_known is None:
        span, org = inside[0]
        reading.org_known = org
        reading.why.append(f"'{span.text}' in the description")


def _member_of(doc: Doc, end: int, orgs: OrgSpans) -> Reading:
    """'X of the Y Institute said', 'X from Z University': the organisation a person speaks for."""
    reading = Reading()
    limit = min(len(doc), end + 10, sentence_bounds(doc, end)[1])
    org = orgs.first_from(end + 1, limit)
    if org is None or any(t.pos_ in {"VERB", "AUX"} or t.text in APPOS_STOP for t in doc[end + 1 : org.start] if t.lower_ != "think"):
        return reading
    reading.org = org
    reading.why.append(f"'{doc[end:org.end].text}'")
    return reading


def _kin_of(window: Span, reading: Reading) -> Reading:
    """', the sister of North Korean leader Kim Jong Un,': the relative shares the person's country."""
    for k, tok in enumerate(window[:-2]):
        if tok.lower_ in KIN and k <= 3 and window[k + 1].lower_ == "of":
            names = [t for t in window[k + 2 :] if t.ent_type_ == "PERSON"]
            if names:
                reading.possessor = names[-1]
                reading.why.append(f"'{window.text}'")
            break
    return reading


def _modifiers_only(words: Span, places: dict[int, PlaceHit], orgs: OrgSpans) -> bool:
    """Up to eight adjectives, nouns, a state (possessive too), an organisation or 'and' before a title
    ("a Turkish presidential foreign policy adviser", "C.A.R.'s territorial administration minister",
    "senior associate politics and international studies professor", "a senior al-Shabab leader")."""
    return len(words) <= 8 and all(
        t.i in places or orgs.at(t.i) is not None or t.text in POSSESSIVE or t.lower_ == "and"
        or (t.pos_ in {"ADJ", "NOUN", "PROPN"} and t.is_alpha)
        for t in words
    )


def _desc_end(words: list[str]) -> int:
    """Where the title part of a description ends: before 'at', 'with', 'from', 'for', 'in'."""
    for k, w in enumerate(words):
        if w in ORG_PREPS - {"of"} and k > 0:
            return k
    return len(words)
