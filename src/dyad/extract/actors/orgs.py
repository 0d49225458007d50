"""Named organisations of one document, with their country and role.

Names come from spaCy's ORG entities, the known organisations list and descriptor
words (org_spans); spans that name no organisation are dropped (org_checks); an
acronym joins the full name it abbreviates; country and role come from the words
in and around the name (org_places). Organisations described rather than named
("Seoul's foreign ministry") are found by described_orgs.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from dyad.extract.actors import lexicon
from dyad.extract.actors.described_orgs import described_orgs, leader_bodies
from dyad.extract.actors.drafts import Draft, Registry
from dyad.extract.actors.names import normalise
from dyad.extract.actors.org_checks import not_an_org
from dyad.extract.actors.org_places import (
    after_name,
    before_name,
    home_in_name,
    located_after,
    state_itself,
    state_owner,
    units_of,
)
from dyad.extract.actors.org_spans import candidates, known_inside
from dyad.extract.actors.people import People
from dyad.extract.actors.states import PlaceHit
from dyad.extract.actors.titles import org_head
from dyad.extract.common.context import DocContext
from dyad.extract.common.doccache import doc_text, once


def find_orgs(
    ctx: DocContext, reg: Registry, places: dict[int, PlaceHit], inner: dict[int, PlaceHit], people: People
) -> None:
    listed: dict[str, lexicon.KnownOrg] = {}
    named = _named_orgs(ctx, reg, places, inner, people, listed)
    _fold_acronyms(reg, named)
    _fold_into_longer(reg, named)
    _name_as_written(reg, listed)
    units_of(reg, named)
    described_orgs(ctx, reg, places, people, named)


ACRONYM_SKIP = {"of", "for", "on", "and", "the", "&", "in", "at", "to"}


def initials(name: str) -> str:
    """'Inter Services Public Relations' -> 'ISPR', 'Tehreek-e-Taliban Pakistan' -> 'TTP'."""
    words = [w for w in name.replace("-", " ").split() if w.lower() not in ACRONYM_SKIP and len(w) > 1]
    return "".join(w[0].upper() for w in words)


def _spelled_out_otherwise(text: str, org: lexicon.KnownOrg, doc: Doc) -> bool:
    """An acronym of a listed organisation, in a document that never names it in full but names
    another organisation with these initials (asked once per acronym and document)."""
    if not (text.isupper() and text.isalpha()):
        return False
    answers: dict[str, bool] = once(doc, "spelled_out_otherwise", lambda _: {})
    if text not in answers:
        answers[text] = _spelled_out_in(text, org, doc)
    return answers[text]


def _spelled_out_in(text: str, org: lexicon.KnownOrg, doc: Doc) -> bool:
    body = doc_text(doc)
    if any(form in body for form in (org.name, *org.aliases) if not form.isupper()):
        return False
    words = r"[A-Z][\w'\u2019-]*"
    pattern = rf"\b{words}(?:\s+(?:(?:of|for|and|the|on)\s+)*{words}){{{len(text) - 1}}}"
    return any(initials(m.group(1)) == text for m in re.finditer(rf"(?=({pattern}))", body))  # overlapping runs


def _fold_acronyms(reg: Registry, keys: list[str]) -> None:
    """An acronym the text uses for an organisation it also names in full is that organisation ("BLA")."""
    drafts = [reg.drafts[k] for k in dict.fromkeys(keys) if k in reg.drafts]
    by_initials: dict[str, list[Draft]] = {}
    for d in drafts:
        if len(d.name.split()) > 1:
            by_initials.setdefault(initials(d.name), []).append(d)
    for short in drafts:
        if not (short.name.isupper() and short.name.isalpha() and 2 <= len(short.name) <= 6):
            continue
        fulls = [d for d in by_initials.get(short.name, ()) if d is not short and d.key in reg.drafts]
        if len(fulls) == 1:
            reg.rekey(short.key, fulls[0].key)


def _fold_into_longer(reg: Registry, keys: list[str]) -> None:
    """'Senate' named before 'the U.S. Senate': the one named organisation whose name ends with it; and
    'the U.S. Senate committee', a part named by a lower-case word after the name: that organisation."""
    drafts = [reg.drafts[k] for k in dict.fromkeys(keys) if k in reg.drafts]
    ends: dict[str, set[str]] = {}
    for d in drafts:
        words = d.name.split()
        for k in range(1, len(words)):
            ends.setdefault(" ".join(words[k:]), set()).add(d.key)
    for short in drafts:
        longer = ends.get(short.name, set()) - {short.key}
        if short.key in reg.drafts and len(longer) == 1 and short.key not in {k for d in drafts for k in ends.get(d.name, ())}:
            reg.rekey(short.key, longer.pop())
    by_name = {d.name: d.key for d in drafts if d.key in reg.drafts}
    for d in drafts:
        words = d.name.split()
        stem = " ".join(words[:-1])
        if d.key not in reg.drafts or len(words) < 2 or by_name.get(stem, d.key) == d.key:
            continue
        if words[-1].islower():
            reg.rekey(d.key, by_name[stem])  # "the U.S. Senate committee" is the Senate's
        elif words[-1].isupper() and words[-1] in lexicon.gazetteer().forms and by_name[stem] in reg.drafts:
            reg.rekey(by_name[stem], d.key)  # "the Hanover Peace Foundation" is its branch "... USA" named before


def _known_in(span: Span) -> lexicon.KnownOrg | None:
    """The known organisation a name is, or is a part of ("Reuters / Agencies", "American X")."""
    known = lexicon.known_orgs()
    if span.text in known:
        return known[span.text]
    inside = known_inside(span, shorter=True)
    return inside[0][1] if inside else None


def _name_as_written(reg: Registry, listed: dict[str, lexicon.KnownOrg]) -> None:
    """A listed organisation is named by the first of its listed names the document uses ("al-Shabab",
    "YPG"), not as the table spells it; its key stays the table's, so documents agree on who it is."""
    for key, org in listed.items():
        draft = reg.drafts.get(key)
        forms = {spelt for f in (org.name, *org.aliases) for spelt in lexicon.spellings(lexicon.strip_article(f))}
        written = sorted(
            (s, lexicon.strip_article(reg.text[s:e])) for s, e, how in draft.spans if how in {"name", "alias"}
        ) if draft else []
        first = next((text for _, text in written if text in forms), None)
        if first and draft is not None:
            draft.name = first


def _named_orgs(
    ctx: DocContext,
    reg: Registry,
    places: dict[int, PlaceHit],
    inner: dict[int, PlaceHit],
    people: People,
    listed: dict[str, lexicon.KnownOrg],
) -> list[str]:
    keys: list[str] = []
    names = _Names()
    doc = ctx.doc
    known = lexicon.known_orgs()
    for span, label in candidates(doc):
        text = span.text
        if any(i in people.by_token or i in places for i in range(span.start, span.end)):
            continue
        after = doc[span.end] if span.end < len(doc) else None
        if len(span) == 1 and span[0].pos_ == "PROPN" and after is not None and after.lower_ in leader_bodies():
            continue  # "Trump" in "the Trump administration": the leader's body (described_orgs)
        owned = state_owner(span, places, inner)
        if owned is not None:
            text = owned  # "Pakistan's Ministry of Foreign Affairs": two states' ministries are two actors
        same = names.exact.get(text)
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
        if org is None and not_an_org(span, label, head, part_of is not None):
            continue
        earlier = names.ending_with_head(span, head)
        if earlier:
            reg.mention(earlier, span.start_char, span.end_char, "title")  # "the Foundation"
            continue
        if org is None and head is not None and text.lower() == head.title and not _bare_legislature(span, head):
            continue  # a bare "Council" with nothing named before it
        state = state_itself(span, inner)
        if state:
            # "the Iraqi Government"; the state may so far be named only inside other names ("US State department")
            reg.mention(reg.ensure_state(state).key, span.start_char, span.end_char, "alias")
            continue
        longer = names.longer(text)
        if longer:
            reg.mention(longer, span.start_char, span.end_char, "alias")  # "Central Command" after "U.S. Central Command"
            continue
        key = "org:" + normalise(org.name if org else text)
        draft = reg.ensure(key, org.name if org else text, "organization")
        if org is not None:
            listed[key] = org
        reg.mention(key, span.start_char, span.end_char, "name" if text == draft.name else "alias")
        if org is not None:
            # the list knows a listed name's home better than a state word inside it ("Korean Central News
            # Agency" is North Korea's); "VOA Somali" is VOA's service
            draft.set_country(org.country, f"known organisations list: {org.name}")
        before = before_name(span, places, inner)
        if before:  # "the Berlin-based Carnegie Russia Eurasia Center": where it is beats whose it is
            iso3, why, desc = before
            draft.set_country(iso3, why)
            if desc:
                draft.set_role(desc.role, desc.sector, why)
        if part_of and text.startswith(tuple((part_of.name, *part_of.aliases))):
            draft.set_country(part_of.country, f"part of {part_of.name}")
        if owned is not None and owned not in draft.aliases:
            draft.aliases.append(owned)
        keys.append(key)
        names.add(key, draft.name)
        first = inner.get(span.start)
        if org is None and first is not None and first.igo and first.target in lexicon.igos():
            draft.igo = draft.igo or first.target  # "U.N. Commission on ...": a body of the UN
            draft.set_role("international organization", "IGO", f"'{doc[first.start:first.end].text}' opens its name")
        for i in range(span.start, span.end):
            if i in inner and not inner[i].igo and doc[inner[i].start - 1].lower_ not in {"on", "about"}:
                draft.set_country(inner[i].target, f"'{doc[inner[i].start:inner[i].end].text}' in its name")
                break  # ("Alliance on China" is about China, not of it)
        town = home_in_name(span)
        if town:
            draft.set_country(town[0], f"'{town[1]}' in its name")
        if org:
            period = org.on(ctx.document.published)  # the Taliban: rebels until 2021-08, the government after
            draft.set_role(period.role, period.sector, f"known organisations list: {org.name}")  # "Liberation Army" is no army
            draft.cameo = draft.cameo or period.cameo or None
        if head:
            draft.set_role(head.role, head.sector, f"'{head.title}' in its name")
        if head is not None and _bare_legislature(span, head):
            houses = {reg.drafts[k].country for k in keys if reg.drafts[k].sector == "LEG" and reg.drafts[k].country}
            if len(houses) == 1:
                draft.set_country(houses.pop(), "the one state whose legislature the text names")
        if org is not None and org.periods:
            draft.country = org.country  # a non-state actor's home is the table's, even none ("Islamic State in Iraq")
            continue
        if draft.sector == "IGO":
            draft.country = None  # a body of an international body has no country, wherever it sits
            continue
        located = located_after(span, places)
        if located:
            draft.set_country(located[0], located[1])
        described = after_name(span)
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


def _bare_legislature(span: Span, head: lexicon.Title) -> bool:
    """'Congress', 'Parliament' written alone and capitalised, not opening a sentence: the body itself."""
    return head.sector == "LEG" and span[0].is_title and not span[0].is_sent_start and len(span) <= 2


class _Names:
    """The organisations named so far, indexed by name, by the shorter names they end with and by last word."""

    def __init__(self) -> None:
        self.exact: dict[str, str] = {}
        self._suffixes: dict[str, str] = {}
        self._last_words: dict[str, list[tuple[str, str]]] = {}

    def add(self, key: str, name: str) -> None:
        self.exact.setdefault(name, key)
        for i, c in enumerate(name):
            if c == " ":
                self._suffixes.setdefault(name[i + 1 :], key)
        words = name.lower().split()
        if words:
            self._last_words.setdefault(words[-1], []).append((key, name.lower()))

    def longer(self, text: str) -> str | None:
        """A named organisation whose name ends with this shorter one ("U.S. Central Command" for "Central Command")."""
        return self._suffixes.get(text) if len(text.split()) >= 2 else None

    def ending_with_head(self, span: Span, head: lexicon.Title | None) -> str | None:
        """'the Foundation' after 'the Prospect Foundation': the same organisation (the latest named)."""
        if head is None or len(span) != 1 or span.text.lower() != head.title:
            return None
        return next((k for k, name in reversed(self._last_words.get(head.title, [])) if name != head.title), None)


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
