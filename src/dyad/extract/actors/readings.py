"""Read who a named person is from the words before the name.

"South Korean President", "Japan's senior deputy foreign minister,", "Lee's top
security adviser,", "Pakistan's permanent representative to the UN, X". A
`Reading` holds what the words around a name say; the words after it are read
by `appositives`.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from dyad.extract.actors import lexicon
from dyad.extract.actors.states import PlaceHit
from dyad.extract.actors.titles import find_title, org_head, title_from_words, title_words
from dyad.extract.common.doccache import sentence_bounds
from dyad.extract.common.words import POSSESSIVE, POSSESSIVE_PRONOUNS


class OrgSpans:
    """Organisation name spans of a document (sorted, not overlapping), found by token without a scan."""

    def __init__(self, spans: list[Span]) -> None:
        self.spans = sorted(spans, key=lambda o: o.start)
        self.starts = [o.start for o in self.spans]
        self._at = {i: o for o in reversed(self.spans) for i in range(o.start, o.end)}

    def at(self, i: int) -> Span | None:
        """The organisation span that holds token i."""
        return self._at.get(i)

    def starting_from(self, i: int) -> Iterator[Span]:
        """The spans that start at token i or later, in order."""
        for k in range(bisect.bisect_left(self.starts, i), len(self.spans)):
            yield self.spans[k]

    def first_from(self, i: int, before: int) -> Span | None:
        """The first span that starts at token i or later and before `before`."""
        k = bisect.bisect_left(self.starts, i)
        return self.spans[k] if k < len(self.spans) and self.starts[k] < before else None


NO_ORGS = OrgSpans([])


@dataclass
class Reading:
    """What the words around one name say about it."""

    country: str | None = None
    title: lexicon.Title | None = None
    org: Span | None = None  # an organisation the actor belongs to
    more_orgs: list[Span] = field(default_factory=list)  # others named in the same description, in order
    possessor: Token | None = None  # "Lee's adviser": the name token of the possessor
    pronoun: Token | None = None  # "its Prime Minister": the possessive pronoun
    why: list[str] = field(default_factory=list)
    title_span: tuple[int, int] | None = None  # token range of the title words
    igo: str | None = None  # "UN Secretary-General X": the international body they serve
    org_known: lexicon.KnownOrg | None = None  # "Taliban spokesman X": a known organisation they speak for


def read_before(
    doc: Doc, start: int, places: dict[int, PlaceHit], persons: set[int], orgs: OrgSpans = NO_ORGS
) -> Reading:
    """Read the words just before a name: titles, demonyms, possessors ("Chinese Premier X", "Japan's envoy, X")."""
    reading = Reading()
    sent_start = sentence_bounds(doc, start)[0]
    i = start - 1
    tw = title_words()
    comma = i > sent_start and doc[i].text == "," and doc[i - 1].lower_ in tw and doc[i - 1].pos_ in {"NOUN", "PROPN"}
    if comma:
        i -= 1  # "the national security adviser, X"
    words: list[str] = []
    first = i + 1
    while i >= sent_start and start - i <= 10:
        tok = doc[i]
        if i in places and not places[i].igo and words and subject_matter(places[i], title_from_words(words)):
            break  # "Iran analyst X": Iran is what X studies, not where X is from
        if i in places and places[i].igo and words:
            envoy = _state_before_envoy(doc, places[i].start - 1, places, words)
            if envoy is not None:  # "British Deputy U.N. Ambassador X" speaks for Britain at the UN
                reading.country = envoy.target
                reading.why.append(f"'{doc[envoy.start:start].text}' before the name")
                first = envoy.start
                words = [t.lower_ for t in doc[envoy.end : start] if t.i not in places and t.text not in POSSESSIVE]
                break
            reading.igo = places[i].target  # "European Commission President X"
            reading.why.append(f"'{doc[places[i].start:places[i].end].text}' before the name")
            first = places[i].start
            break
        if i in places and not places[i].igo:
            bare = [w for w in words if w not in {"the", "of"}]
            if bare and not any(w in tw for w in bare) and org_head(bare) is None:
                break  # "Indian reluctance X" (a heading run into a sentence): no title ties the state to X
            hit = places[i]
            reading.country = reading.country or hit.target
            reading.why.append(f"'{doc[hit.start:hit.end].text}' before the name")
            i = hit.start - 1
            first = hit.start
            if i >= sent_start and doc[i].lower_ in {"the", "a", "an"}:
                first = i
            # "the spokesman for the Danish defence ministry, X": the title comes first
            if i - 2 >= sent_start and doc[i].lower_ == "the" and doc[i - 1].lower_ in {"for", "of", "at"}:
                k = i - 2
                lead: list[str] = []
                while k >= sent_start and doc[k].lower_ in tw:
                    lead.insert(0, doc[k].lower_)
                    k -= 1
                if lead:
                    words = [*lead, "of", *words]
                    first = k + 1
            break
        if tok.text in POSSESSIVE and i - 1 >= sent_start:
            owner = doc[i - 1]
            if owner.i in places:
                continue_i = i - 1
                i = continue_i
                continue
            if owner.i in persons:
                reading.possessor = owner
                first = owner.i
                break
            break
        if tok.lower_ in POSSESSIVE_PRONOUNS:
            reading.pronoun = tok
            first = i
            break
        body = orgs.at(i)
        body = body if body is not None and (len(body) > 1 or body.text.isupper()) else None
        if body is not None and words and i not in places:
            reading.org = body  # "U.S. Commerce Department Secretary X"
            reading.why.append(f"'{body.text}' before the name")
            first = body.start
            break
        known = lexicon.known_orgs().get(tok.text)
        if known is not None and words:
            reading.org_known = known  # "Taliban spokesman X"
            reading.why.append(f"'{tok.text}' before the name")
            first = i
            break
        low = tok.lower_
        if low == "and" and words and i - 1 >= sent_start and (doc[i - 1].lower_ in tw or (i - 1) in places):
            i -= 1  # "French leader and Emperor X": two titles of one person
            continue
        department = tok.is_title and tok.pos_ == "PROPN" and words and i not in persons  # "Homeland Security Secretary"
        if low in tw or (low in {"of", "the"} and words) or department or tok.pos_ in {"NOUN", "ADJ"} and low.isalpha():
            if low in {"the"} and (not words or words[0] != "of" and words[0] not in tw):
                break
            words.insert(0, low)
            first = i
            i -= 1
            continue
        break
    while words and words[0] in {"the", "of"}:
        words.pop(0)
    if comma and first >= 2 and doc[first - 1].text == "," and doc[first - 2].i in persons:
        return Reading()  # "A, China's envoy, B, ...": the words describe A, not B
    if words:
        title = title_from_words(words)
        if title:
            reading.title = title
            reading.title_span = (first, start)
            reading.why.append(f"title '{' '.join(words)}'")
    if reading.country is None and reading.possessor is None:
        _phrase_before_comma(doc, start - 1 if comma else first - 1, places, persons, reading, orgs)
    return reading


def _state_before_envoy(doc: Doc, i: int, places: dict[int, PlaceHit], words: list[str]) -> PlaceHit | None:
    """The state right before the title words in front of an international body, for a diplomat's title
    ("British Deputy U.N. Ambassador", "Iran's U.N. envoy"): that state's envoy to the body."""
    title = title_from_words(words)
    if title is None or title.role != "diplomat":
        return None
    tw = title_words()
    while i >= 0 and (doc[i].lower_ in tw or doc[i].text in POSSESSIVE) and i not in places:
        i -= 1
    hit = places.get(i)
    return hit if hit is not None and not hit.igo else None


def _phrase_before_comma(
    doc: Doc, comma: int, places: dict[int, PlaceHit], persons: set[int], reading: Reading, orgs: OrgSpans = NO_ORGS
) -> None:
    """'Pakistan's permanent representative to the UN, X', 'the spokesperson for Japan's foreign ministry,
    Ambassador X', 'A media analyst at Y University, X': a titled phrase with a state or an employer, set
    off by a comma before the name."""
    if comma < 1 or doc[comma].text != ",":
        return
    sent_start = sentence_bounds(doc, comma)[0]
    k = comma - 1
    while k >= sent_start and comma - k <= 20 and not (doc[k].is_punct and doc[k].text not in POSSESSIVE and doc[k].text != "-"):
        if doc[k].pos_ == "CCONJ" and orgs.at(k) is None:
            break  # "..., and Italy's minister for trade, X": the phrase starts after "and"
        if doc[k].pos_ in {"VERB", "AUX", "PRON"} or k in persons:
            return
        k -= 1
    phrase = doc[k + 1 : comma]
    if k >= sent_start and doc[k].text == "," and k - 1 in persons:
        return  # "A, China's envoy, B": the phrase describes A
    if not len(phrase) or find_title([t.lower_ for t in phrase]) is None:
        return
    for t in phrase:
        hit = places.get(t.i)
        if hit is None or hit.igo or subject_matter(hit, None):
            continue
        owned = hit.end < len(doc) and doc[hit.end].text in POSSESSIVE
        if owned or hit.how == "demonym":
            reading.country = hit.target
            reading.why.append(f"'{phrase.text}' before the name")
            return
    employer = next((orgs.at(t.i) for t in phrase if orgs.at(t.i) is not None and t.i > phrase.start), None)
    if employer is not None and reading.org is None:
        reading.org = employer  # "A media analyst at Y University, X"
        reading.why.append(f"'{phrase.text}' before the name")


SUBJECT_TITLES = frozenset({"expert", "experts", "specialist", "watcher", "hand", "analyst", "scholar"})


def subject_matter(hit: PlaceHit, title: lexicon.Title | None) -> bool:
    """A state's name before an expert's title is the field ("a China expert"), and so is a demonym before
    a word that names a field of study ("a North Korean expert")."""
    if title is None or title.sector not in {"EDU", "NGO", "MED"}:
        return False
    return hit.how in {"name", "alias"} or (hit.how == "demonym" and title.title.split()[-1] in SUBJECT_TITLES - {"analyst", "scholar"})
