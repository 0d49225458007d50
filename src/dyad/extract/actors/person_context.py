"""What the rest of a document says about a person that the words around the name do not.

An unnamed official described by title and state, a list of office-holders, a
quotation that goes on from the sentence before, a byline, an organisation the
person works at.
"""

from __future__ import annotations

from functools import cache

from spacy.attrs import TAG
from spacy.tokens import Span

from dyad.codes import load_yaml, word_set
from dyad.extract.actors import lexicon
from dyad.extract.actors.appositives import MEMBER_ROLES
from dyad.extract.actors.drafts import Registry
from dyad.extract.actors.names import normalise
from dyad.extract.actors.org_spans import known_inside
from dyad.extract.actors.people import People
from dyad.extract.actors.readings import Reading
from dyad.extract.actors.states import PlaceHit
from dyad.extract.actors.titles import org_head
from dyad.extract.common.context import DocContext
from dyad.extract.common.doccache import lowers, noun_chunk_roots, noun_chunks, sentence_bounds
from dyad.extract.common.tokens import column, string_id

# Titles that an unnamed source is often given ("a senior Japanese government official").
ANONYMOUS_TITLES = {"official", "government official", "senior official", "diplomat", "spokesperson", "spokesman",
                    "spokeswoman", "military official", "defense official", "security official"}


def anonymous(ctx: DocContext, reg: Registry, places: dict[int, PlaceHit], people: People) -> None:
    """An unnamed but described person: "a senior South Korean government official" (singular, with a state)."""
    lows, tags, noun = lowers(ctx.doc), column(ctx.doc, TAG), string_id("NN")
    for chunk, root in zip(noun_chunks(ctx.doc), noun_chunk_roots(ctx.doc), strict=True):
        if lows[chunk.start] not in {"a", "an"} or tags[root] != noun or root in people.by_token:
            continue
        hit = next((places[t.i].target for t in chunk if t.i in places and not places[t.i].igo), None)
        known = None if hit else _known_org_in(chunk)  # "a senior State Department official"
        body = known[0] if known else None
        if known is not None:
            hit = known[1].country
        found = lexicon.titles().get(lows[root])
        if hit is None or found is None or lows[root] not in {w.split()[-1] for w in ANONYMOUS_TITLES}:
            continue
        span = chunk[1:]
        words = lows[chunk.start : root + 1]
        key = f"person:anonymous:{hit}:{normalise(span.text)}"
        draft = reg.ensure(key, span.text, "person")
        draft.set_country(hit, f"described as '{chunk.text}'")
        title = lexicon.titles().get(" ".join(words[-2:])) or found
        draft.set_role(title.role, title.sector, f"described as '{chunk.text}'")
        people.add(span, key)
        reg.mention(key, span.start_char, span.end_char, "name")
        for i in range(body.start, body.end) if body is not None else ():
            people.by_token.pop(i, None)  # the organisation stays an actor of its own


def _known_org_in(chunk: Span) -> tuple[Span, lexicon.KnownOrg] | None:
    """A listed organisation with a country named inside a description ("a State Department official")."""
    for span, org in known_inside(chunk, shorter=True):
        if org.country and span.end < chunk.end:
            return span, org
    return None


def sentence_country(ctx: DocContext, reg: Registry, places: dict[int, PlaceHit], people: People) -> None:
    """In a list of office-holders ("Chinese Premier X and the chairman of the parliament, Y"),
    one given a title but no country shares the country the one listed just before was given."""
    said: dict[int, list[Reading]] = {}
    for span, _, reading in people.readings:
        said.setdefault(span.start, []).append(reading)
    ordered = sorted(people.spans, key=lambda p: p[0].start)
    for (prev, prev_key), (span, key) in zip(ordered, ordered[1:], strict=False):
        draft, other = reg.drafts[key], reg.drafts[prev_key]
        if draft.country or prev_key == key or sentence_bounds(ctx.doc, prev.start) != sentence_bounds(ctx.doc, span.start):
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


def contributors(ctx: DocContext, reg: Registry, people: People) -> None:
    """'X contributed to this report': a journalist of the outlet that published the document."""
    outlet = lexicon.known_orgs().get(ctx.document.outlet or "")
    for span, key in people.spans:
        subject = span.root
        while subject.dep_ == "conj" and subject.head is not subject:
            subject = subject.head  # "A and B contributed to this report"
        verb = subject.head
        if subject.dep_ != "nsubj" or verb.lemma_ != "contribute" or not any(t.lower_ in {"report", "story", "article"} for t in verb.subtree):
            continue
        draft = reg.drafts[key]
        draft.set_role("media", "MED", "contributed to the report")
        if outlet is not None:
            draft.set_country(outlet.country, f"contributed to the report of {outlet.name}")


QUOTE_MARKS = {'"', "\u201c", "\u201d"}


def follows_a_state(ctx: DocContext, reg: Registry, places: dict[int, PlaceHit], people: People) -> None:
    """'North Korea's envoy defended the treaty. "...," Ambassador Song Kim said.': an official with no
    country, first named in the sentence right after one whose subject is a state or that state's envoy,
    speaks for that state; so does one named in a with-phrase of a clause whose subject is a state ("The
    United States voiced concern, with National Security Advisor X speaking to ...")."""
    seen: set[int] = set()
    named_in = {sentence_bounds(ctx.doc, span.start)[0] for span, _ in people.spans}  # sentences that name someone
    affiliated = {k for _, k, r in people.readings if _affiliated(r)}
    for span, key in sorted(people.spans, key=lambda p: p[0].start):
        sent = span.sent
        first_here = sent.start not in seen
        seen.add(sent.start)
        draft = reg.drafts[key]
        if draft.country or draft.role not in {"diplomat", "official", None} or key in affiliated or not first_here:
            continue
        own = _subject_state(sent, places)[0] if draft.role and _in_with_phrase(span) else None
        if own:
            draft.set_country(own, f"named in a with-phrase of a sentence whose subject is {own}")
            continue
        if sent.start == 0:
            continue
        prev = ctx.doc[sent.start - 1].sent
        if prev.start in named_in:
            continue  # the sentence before names someone: the subject may be theirs
        country, titled = _subject_state(prev, places)
        quoted = any(t.text in QUOTE_MARKS for t in sent)  # a quotation that goes on from the sentence before
        if country and ((quoted and draft.role is not None) or titled):  # an untitled name only after "Russia's envoy ..."
            draft.set_country(country, f"speaks on from the sentence before, whose subject is of {country}")


def _affiliated(reading: Reading) -> bool:
    """The words around the name tie the person to a body or a person ("National Security Advisor", an
    entity the model took for a name, is a title, not a body)."""
    span = reading.org
    org = span is not None and span[-1].lower_ not in lexicon.titles()
    if span is not None and org and span.end < len(span.doc) and span.doc[span.end].lower_ in lexicon.titles():
        org = org_head([t.text for t in span]) is not None  # "National Security" + "Advisor" is a title
    return org or reading.org_known is not None or reading.igo is not None or reading.possessor is not None


def _in_with_phrase(span: Span) -> bool:
    return any(t.dep_ == "prep" and t.lower_ in {"with", "through", "via"} for t in span.root.ancestors)


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
    """A person described as working at an organisation takes its country, and a role from what it is;
    a title any body uses ("director", "vice president") is an analyst's at a think tank."""
    generic = _affiliation_words("generic_titles")
    for span, key, reading in people.readings:
        person = reg.drafts.get(key)
        named = [reg.drafts.get(reg.overlaps(o.start_char, o.end_char) or "") for o in (reading.org, *reading.more_orgs) if o]
        found = [o for o in named if o is not None and o.kind == "organization"]
        if person is None or not found:
            continue
        org = found[0]  # "director of the U.S.-Korea program at the Council on Foreign Relations": the first body named
        homes = [o for o in found if o.country]
        away = reading.title_span is not None and any(
            w in _affiliation_words("away_words") for w in span.doc[reading.title_span[0] : reading.title_span[1]].text.lower().split()
        )
        home = (homes[-1] if away else homes[0]) if homes else None  # "a nonresident fellow at X and a professor at Y"
        if home is not None:
            person.set_country(home.country, f"works at {home.name}")
        if org.role is not None and org.role in MEMBER_ROLES:
            role, sector = MEMBER_ROLES[org.role]
            title = reading.title
            plain = title is not None and title.title in generic and not person.igo
            if title is not None and plain and sector not in {"GOV", "MIL", "LEG"} and person.sector in {"GOV", "IGO", "ELI", None}:
                person.role, person.sector = role, sector
                person.why.append(f"{title.title} of {org.name}")
            person.set_role(role, sector, f"of {org.name}")


def owners_lend(reg: Registry, people: People) -> None:
    """'Guterres' spokesman, X': once the owner is known (after the fallbacks), a person with no country
    of their own takes the owner's, or serves the owner's international body."""
    for _span, key, reading in people.readings:
        owner = people.key_at(reading.possessor) if reading.possessor is not None else None
        person, boss = reg.drafts.get(key), reg.drafts.get(owner or "")
        if person is None or boss is None or person is boss or person.country:
            continue
        if boss.country:
            person.set_country(boss.country, f"of {boss.name}")
        elif boss.sector == "IGO" and boss.igo and not person.igo:
            person.igo = boss.igo
            person.sector = "IGO"
            person.why.append(f"of {boss.name}")


def led_delegations(ctx: DocContext, reg: Registry, places: dict[int, PlaceHit], people: People) -> None:
    """'X led the Ukrainian delegation', 'Y heads China's negotiating team': they act for that state."""
    verbs, teams = _affiliation_words("lead_verbs"), _affiliation_words("team_nouns")
    for span, key in people.spans:
        verb = span.root.head
        if span.root.dep_ != "nsubj" or verb.lemma_.lower() not in verbs:
            continue
        for obj in (c for c in verb.children if c.dep_ == "dobj" and c.lower_ in teams):
            hit = next((places[t.i] for t in obj.subtree if t.i < obj.i and t.i in places and not places[t.i].igo), None)
            if hit is not None:
                draft = reg.drafts[key]
                draft.set_country(hit.target, f"led '{ctx.doc[obj.left_edge.i : obj.i + 1].text}'")
                draft.set_role("diplomat", "GOV", f"led '{ctx.doc[obj.left_edge.i : obj.i + 1].text}'")


@cache
def _affiliation_words(name: str) -> frozenset[str]:
    return word_set(load_yaml("affiliations.yaml"), name)


def known_as(ctx: DocContext, reg: Registry, people: People) -> None:
    """"al-Rufay'i, also known as Abu Khadija": one person under two names."""
    doc = ctx.doc
    starts = {span.start: (span, key) for span, key in people.spans}
    for span, key in sorted(people.spans, key=lambda p: p[0].start):
        k = span.end
        if k < len(doc) and doc[k].text in {",", "("}:
            k += 1
        if k < len(doc) and doc[k].lower_ in {"also", "better"}:
            k += 1
        if k + 1 >= len(doc) or doc[k].lower_ != "known" or doc[k + 1].lower_ != "as":
            continue
        other = starts.get(k + 2)
        if other is not None and other[1] != key and other[1] in reg.drafts and key in reg.drafts:
            reg.rekey(other[1], key)
            for i in range(other[0].start, other[0].end):
                people.by_token[i] = key
            people.spans = [(s, key if k2 == other[1] else k2) for s, k2 in people.spans]
            people.readings = [(s, key if k2 == other[1] else k2, r) for s, k2, r in people.readings]
