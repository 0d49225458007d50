"""Organisations described rather than named: a state with an institution.

"the South Korean military", "Seoul's foreign ministry", "the Lee
administration". A description that is another name of a named organisation of
the same country and role joins it ("China's foreign ministry" / "the Chinese
Ministry of Foreign Affairs").
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from spacy.attrs import DEP
from spacy.tokens import Doc, Span, Token

from dyad.codes import load_yaml, word_set
from dyad.extract.actors import lexicon
from dyad.extract.actors.drafts import Registry, state_name
from dyad.extract.actors.fallbacks import main_state
from dyad.extract.actors.holders import leader_country
from dyad.extract.actors.names import normalise
from dyad.extract.actors.org_spans import standalone_heads
from dyad.extract.actors.people import People
from dyad.extract.actors.states import PlaceHit
from dyad.extract.common.context import DocContext
from dyad.extract.common.doccache import lemma_lowers, lowers, noun_chunk_roots, noun_chunks, texts
from dyad.extract.common.tokens import column, string_ids
from dyad.extract.common.words import DETERMINERS, POSSESSIVE, POSSESSIVE_PRONOUNS


def described_orgs(
    ctx: DocContext, reg: Registry, places: dict[int, PlaceHit], people: People, named: list[str]
) -> None:
    doc = ctx.doc
    heads = lexicon.org_heads()
    named_set = set(named)
    by_home: dict[tuple[str | None, str | None], list[str]] = {}  # (country, role) -> named organisations
    for key in dict.fromkeys(named):
        draft = reg.drafts.get(key)
        if draft is not None:
            by_home.setdefault((draft.country, draft.role), []).append(key)
    leaders: set[str] = set()
    home = main_state(reg)
    bodies: dict[str, set[str]] = {}  # family of a state's armed or police body -> named bodies of it
    for d in reg.drafts.values():
        family = security_families().get(_last_words(d.name)) if d.kind == "organization" and d.country else None
        if family:
            bodies.setdefault(family, set()).add(d.key)
    lows = lowers(doc)
    for chunk in _with_inner_owners(doc):
        head = _standalone_head(lows[chunk.start : chunk.end])
        if head is None:
            _bare_security_body(chunk, reg, home, bodies)  # "government soldiers"
            continue
        if head == "court" and chunk.root.dep_ == "pobj" and chunk.root.head.lower_ == "in":
            continue  # "the ball is in Russia's court": an idiom, no court
        leader = _leader_before(chunk, head, people, reg, ctx.document.published)
        country, why = leader[1:] if leader else _chunk_country(chunk, places, people, reg)
        if country is None:
            _bare_security_body(chunk, reg, home, bodies)
            continue
        start = chunk.start
        while start < chunk.end and (lows[start] in DETERMINERS or lows[start] in POSSESSIVE_PRONOUNS):
            start += 1
        owner = leader[0].i if leader else next((i for i in range(chunk.start, chunk.end) if i in places or i in people.by_token), None)
        if owner is not None and owner > start and (lows[start] in standalone_heads() or owner in places or leader):
            start = places[owner].start if owner in places else owner  # "a charge Afghan foreign ministry": from the state on
        span = doc[start : chunk.end]
        if reg.overlaps(span.start_char, span.end_char) and (span.start_char, span.end_char) in reg.taken:
            continue
        if reg.taken.get((chunk.root.idx, chunk.root.idx + len(chunk.root.text)), "").startswith("org:") or _inside_named(reg, named_set, chunk.root):
            continue  # "Pakistan's Ministry" cut from "Pakistan's Ministry of Foreign Affairs", named already
        info = heads.get(head) or heads.get(head.split()[-1])
        role, sector = (info.role, info.sector) if info else ("government", "GOV")
        person = next((people.key_at(t) for t in chunk if people.key_at(t)), None)
        if leader:
            if person is None:
                person = "person:" + normalise(leader[0].text)
            leaders.add(person)
        # "the Lee administration" and "the Yoon administration" are two bodies of one state
        key = f"org:{country}:{person.split(':', 1)[1]}:{head}" if person else f"org:{country}:{head}"
        known = _known_description(chunk, places, country)
        if known is not None:
            key = "org:" + normalise(known.name)  # "North Korea's state news agency" is its one known agency
            draft = reg.ensure(key, known.name, "organization", country=country, role=known.role, sector=known.sector)
            draft.why.append(f"'{span.text}' describes {known.name} (known organisations list)")
            reg.mention(key, span.start_char, span.end_char, "alias")
            continue
        target = _same_named(reg, by_home.get((country, role), []), role, head) or key
        name = span.text if owner is not None else f"{state_name(country)} {span.text}"  # "its navy" -> "Japan navy"
        draft = reg.ensure(target, name, "organization", country=country, role=role, sector=sector, why=[why])
        reg.mention(draft.key, span.start_char, span.end_char, "alias" if target != key else "name")
        family = security_families().get(_last_words(draft.name))
        if family:
            bodies.setdefault(family, set()).add(draft.key)
    _drop_named_only_in_bodies(reg, people, leaders)


def _leader_before(chunk: Span, head: str, people: People, reg: Registry, day: dt.date | None) -> tuple[Token, str, str] | None:
    """'the Trump administration': the leader's name right before a leader's body, and the leader's state
    (from the text, else from the dated office holders)."""
    if head not in leader_bodies() or chunk.root.i == chunk.start:
        return None
    tok = chunk.doc[chunk.root.i - 1]
    if not (tok.is_title and tok.pos_ == "PROPN"):
        return None
    key = people.key_at(tok)
    draft = reg.drafts.get(key or "")
    country = draft.country if draft is not None and draft.country else leader_country(tok.text, day)
    if country is None and draft is not None:
        country = next((c for c in (leader_country(n, day) for n in (draft.name, *draft.aliases)) if c), None)
    if country and draft is not None:
        draft.set_country(country, f"leads the {chunk.root.text} of {state_name(country)}")
    return (tok, country, f"'{tok.text}' leads {state_name(country)}") if country else None


def _drop_named_only_in_bodies(reg: Registry, people: People, keys: set[str]) -> None:
    """A leader named only inside 'the X administration' is that body's name, not an actor of the document."""
    for key in keys:
        draft = reg.drafts.get(key)
        if draft is None or draft.kind != "person":
            continue
        if all(any(k.startswith("org:") for k in reg.keys_at(s) if k != key) for s, _, _ in draft.spans):
            del reg.drafts[key]
            people.forget(key)
            for s, e, _ in draft.spans:
                reg.release(s, e)


def _bare_security_body(chunk: Span, reg: Registry, home: str | None, bodies: dict[str, set[str]]) -> None:
    """'the police', 'security forces', 'government troops': the body of that kind the document names with
    its state (one only), else that body of the document's main state ("Myanmar police")."""
    words = [w for w in lowers(chunk.doc)[chunk.start : chunk.end] if w not in DETERMINERS]
    if words and words[-1] not in _body_endings():
        return  # the phrase ends with its last word: no force or body's name ends so
    phrase = " ".join(words)
    government = phrase in _government_forces()
    family = "military" if government else security_families().get(phrase)
    if family is None or reg.overlaps(chunk.start_char, chunk.end_char):
        return
    armed = {"military", "security forces"} if government else {family}
    named = {k for f in armed for k in bodies.get(f, ()) if k in reg.drafts}
    span = chunk.doc[chunk.start + len(chunk) - len(words) : chunk.end]
    if len(named) == 1:
        reg.mention(named.pop(), span.start_char, span.end_char, "alias")
    elif not named and home is not None:
        info = lexicon.org_heads().get(words[-1])
        role, sector = (info.role, info.sector) if info else ("military", "MIL")
        draft = reg.ensure(f"org:{home}:{family}", f"{state_name(home)} {span.text}", "organization", country=home,
                           role=role, sector=sector, why=[f"'{span.text}' of the document's main state ({state_name(home)})"])
        reg.mention(draft.key, span.start_char, span.end_char, "name")
        bodies.setdefault(family, set()).add(draft.key)


def _last_words(name: str) -> str:
    """The part of a body's name after its state: 'Myanmar security forces' -> 'security forces'."""
    words = name.lower().split()
    families = security_families()
    return next((" ".join(words[k:]) for k in range(len(words)) if " ".join(words[k:]) in families), "")


@lru_cache(maxsize=1)
def security_families() -> dict[str, str]:
    """Bare phrase of a state's armed or police body -> its family (affiliations.yaml)."""
    raw = load_yaml("affiliations.yaml").get("security_bodies") or {}
    return {str(p).lower(): str(family) for family, phrases in raw.items() for p in phrases or ()}


@lru_cache(maxsize=1)
def _government_forces() -> frozenset[str]:
    return frozenset(str(p).lower() for p in load_yaml("affiliations.yaml").get("government_forces") or ())


@lru_cache(maxsize=1)
def _employee_nouns() -> frozenset[str]:
    return word_set(load_yaml("affiliations.yaml"), "employee_nouns")


@lru_cache(maxsize=1)
def leader_bodies() -> frozenset[str]:
    return word_set(load_yaml("affiliations.yaml"), "leader_bodies")


# Titles whose words before them name a portfolio ("defense minister", "territorial administration minister").
PORTFOLIO_TITLES = {"minister", "secretary", "commissioner"}


def _with_inner_owners(doc: Doc) -> list[Span]:
    """Noun chunks, and the owner or modifier inside one that may be a state's body ("the Pakistani army" in
    "the Pakistani army spokesperson", "the Indian navy's ship")."""
    heads = {h.split()[-1] for h in standalone_heads()}
    lows, words, lemmas, deps = lowers(doc), texts(doc), lemma_lowers(doc), column(doc, DEP)
    owning = string_ids("poss", "compound")
    employees = _employee_nouns()
    found: list[Span] = []
    for chunk, root in zip(noun_chunks(doc), noun_chunk_roots(doc), strict=True):
        found.append(chunk)
        if lemmas[root] in PORTFOLIO_TITLES:
            continue  # "the territorial administration minister": a portfolio, not a body
        if lows[root] in employees:
            continue  # "a local U.S. consulate employee": where someone works, not a body acting
        for i in range(chunk.start, chunk.end - 1):
            if lows[i] in heads and (deps[i] in owning or words[i + 1] in POSSESSIVE):
                found.append(chunk[: i - chunk.start + 1])
                break
    return found


def _inside_named(reg: Registry, named: set[str], token: Token) -> bool:
    """The token is inside a mention of one of the named organisations."""
    return any(key in named for key in reg.keys_at(token.idx))


def _known_description(chunk: Span, places: dict[int, PlaceHit], country: str) -> lexicon.KnownOrg | None:
    """The known organisation a state's description names: its words without the state and articles."""
    words = [t.lower_ for t in chunk if t.i not in places and t.text not in POSSESSIVE and t.lower_ not in DETERMINERS]
    return lexicon.described_orgs().get((country, " ".join(words).replace(" - ", "-")))


def _standalone_head(words: list[str]) -> str | None:
    last = words[-1] if words else ""
    if last and " " not in last and "-" not in last and last not in _endings(standalone_heads()):
        return None  # every phrase tried ends with the last word (joining "x - y" leaves it whole)
    return _head_phrase(words)


def _head_phrase(words: list[str]) -> str | None:
    """The longest of the last three, two or one words that is a known standalone head."""
    for size in (3, 2, 1):
        if len(words) >= size:
            phrase = " ".join(words[-size:]).replace(" - ", "-")
            if phrase in standalone_heads():
                return phrase
    return None


_BODY_ENDINGS: list[tuple[frozenset[str], dict[str, str], frozenset[str]]] = []


def _body_endings() -> frozenset[str]:
    """The endings of the government forces' and the security bodies' phrases, made again when those change."""
    forces, families = _government_forces(), security_families()
    if not _BODY_ENDINGS or _BODY_ENDINGS[0][0] is not forces or _BODY_ENDINGS[0][1] is not families:
        _BODY_ENDINGS[:] = [(forces, families, _endings(forces | frozenset(families)))]
    return _BODY_ENDINGS[0][2]


@lru_cache(maxsize=8)
def _endings(phrases: frozenset[str]) -> frozenset[str]:
    """Every ending of every phrase: a phrase ending with a word no phrase ends with is none of them."""
    return frozenset(phrase[i:] for phrase in phrases for i in range(len(phrase)))


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


def _same_named(reg: Registry, named: list[str], role: str, head: str) -> str | None:
    """A named organisation (of the description's country and role) sharing a word with the description."""
    words = set(head.replace("-", " ").split())
    matches = []
    for key in named:
        draft = reg.drafts.get(key)
        if draft is None:
            continue
        name_words = {w.lower() for w in draft.name.replace("-", " ").split()}
        if words & name_words or role == "media":
            matches.append(key)
    return matches[0] if len(set(matches)) == 1 else None
