"""The CAMEO trigger lexicon and code table, read once from src/dyad/data/.

`cameo_triggers.yaml` maps a lemma plus optional frame conditions to a CAMEO
code; `cameo_codes.tsv` gives each code its name, Goldstein weight, QuadClass
and PLOVER type. `match(token)` picks the entry whose frame fits the token best.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from dyad.codes import data_text, load_yaml

WILDCARD = "*"
OBJECT_DEPS = ("dobj", "obj", "dative")
MODIFIER_DEPS = ("amod", "compound", "nmod", "npadvmod")
FIXED_KEYS = ("prep", "prt", "obj", "xcomp", "mod", "head", "pred")


@dataclass(frozen=True)
class Entry:
    code: str
    pos: str  # "verb", "noun" or "adj"
    lemma: str
    conditions: tuple[tuple[str, frozenset[str]], ...] = ()

    @property
    def root(self) -> str:
        return self.code[:2]


@dataclass(frozen=True)
class CodeInfo:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None


@dataclass(frozen=True)
class Match:
    entry: Entry
    consumed: tuple[int, ...]  # token indices whose own trigger this match absorbs


def _noun_infinitive(tok: Token) -> bool:
    """The infinitive a noun governs, its complement as a verb's xcomp is: "its reluctance **to endorse**"."""
    return (tok.dep_ == "acl" and tok.head.pos_ == "NOUN" and tok.pos_ == "VERB"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children))


def _bare_infinitive(tok: Token) -> bool:
    """A complement the parser calls a clause though it is an infinitive after an object: "helped Peru
    build a port", "expects Peru to honor the accord" (not "said Peru would build")."""
    return tok.dep_ == "ccomp" and tok.tag_ == "VB" and not any(
        c.dep_ == "mark" or (c.dep_ == "aux" and c.lower_ != "to") for c in tok.children)


def parse_item(code: str, pos: str, item: str) -> Entry:
    """'fire obj=missile|rocket prep=at' -> Entry."""
    lemma, *conds = item.split()
    parsed = []
    for cond in conds:
        key, _, values = cond.partition("=")
        if not values:
            raise ValueError(f"cameo_triggers.yaml: {code} {item!r}: condition {cond!r} needs key=value")
        parsed.append((key.lower(), frozenset(v.lower() for v in values.split("|"))))
    return Entry(code=code, pos=pos, lemma=lemma.lower(), conditions=tuple(parsed))


@lru_cache(maxsize=1)
def lexicon() -> dict[tuple[str, str], tuple[Entry, ...]]:
    """(pos, lemma) -> entries, in file order."""
    data = load_yaml("cameo_triggers.yaml")
    table: dict[tuple[str, str], list[Entry]] = {}
    for code, parts in data.items():
        if str(code).startswith("_"):
            continue
        code = str(code).zfill(3)
        for pos in ("verb", "noun", "adj"):
            for item in (parts or {}).get(pos, []) or []:
                entry = parse_item(code, pos, str(item))
                table.setdefault((pos, entry.lemma), []).append(entry)
    return {k: tuple(v) for k, v in table.items()}


@lru_cache(maxsize=1)
def code_table() -> dict[str, CodeInfo]:
    text = data_text("cameo_codes.tsv")
    rows = csv.DictReader((line for line in text.splitlines() if not line.startswith("#")), delimiter="\t")
    return {
        r["code"]: CodeInfo(r["code"], r["name"], float(r["goldstein"]), int(r["quad_class"]), r["plover"] or None)
        for r in rows
    }


@lru_cache(maxsize=1)
def word_lists() -> dict[str, frozenset[str]]:
    """The `_name: [...]` lists of cameo_triggers.yaml, keyed without the underscore."""
    data = load_yaml("cameo_triggers.yaml")
    return {k[1:]: frozenset(str(w).lower() for w in v) for k, v in data.items() if str(k).startswith("_")}


def code_info(code: str) -> CodeInfo | None:
    return code_table().get(code) or code_table().get(code[:2] + "0")


def token_pos(token: Token) -> str | None:
    if token.pos_ == "VERB":
        return "verb"
    if token.pos_ == "NOUN":
        return "noun"
    if token.pos_ == "ADJ" and token.dep_ in ("acomp", "amod", "ROOT", "conj", "xcomp", "oprd"):
        return "adj"
    return None


def _objects(token: Token) -> list[Token]:
    objs = [c for c in token.children if c.dep_ in OBJECT_DEPS or c.dep_ == "nsubjpass"]
    # "called Pakistan's assertions baseless": the parser may take the object for a predicate
    objs = objs or [c for c in token.children if c.dep_ == "oprd" and c.pos_ in ("NOUN", "PROPN")]
    if token.dep_ == "acl" and token.tag_ == "VBN":  # "a ban imposed by X": the head noun is the object
        objs.append(token.head)
    if token.dep_ == "relcl" and not objs and any(  # "the weapons Russia has used": the noun is the object
        c.dep_ == "nsubj" and c.lower_ not in ("who", "which", "that", "whom") for c in token.children
    ):
        objs.append(token.head)
    # "sought another round of talks": the noun inside a quantity phrase counts as the object
    objs += [g for o in list(objs) for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
             for g in c.children if g.dep_ == "pobj"]
    return objs


def _nominal_preps(token: Token) -> list[Token]:
    """Prepositions with a nominal, non-temporal object ("in Seoul", not "in issuing", not "on Sunday")."""
    return [c for c in token.children if c.dep_ in ("prep", "agent", "dative") and not _temporal(c)
            and any(g.dep_ == "pobj" for g in c.children)]


def _prep_objects(token: Token, prep: str) -> list[Token]:
    out = []
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ == prep:
            out += [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
    return out


def _temporal(prep: Token) -> bool:
    """A prepositional phrase of time ("on Sunday"), which frames no event."""
    return any(g.ent_type_ in ("DATE", "TIME") for g in prep.children if g.dep_ == "pobj")


def _check(token: Token, key: str, values: frozenset[str]) -> tuple[int, list[int]] | None:
    """Score of one condition on the token (2 exact, 1 wildcard) and the tokens it absorbs, or None."""

    def hit(candidates: list[Token], absorb: bool = False) -> tuple[int, list[int]] | None:
        for c in candidates:
            if WILDCARD in values:
                return 1, [c.i] if absorb else []
            if c.lemma_.lower() in values or c.lower_ in values:
                return 2, [c.i] if absorb else []
        return None

    if key == "prep":
        owners = [token] + ([o for o in _objects(token) if o.head == token] if token.pos_ == "VERB" else [])
        return hit([c for o in owners for c in _nominal_preps(o)])
    if key == "prt":  # the parser takes some particles for adverbs ("brought together")
        return hit([c for c in token.children if c.dep_ in ("prt", "advmod")])
    if key == "obj":
        return hit(_objects(token), absorb=True)
    if key == "xcomp":
        return hit([c for c in token.children if c.dep_ == "xcomp" or _bare_infinitive(c) or _noun_infinitive(c)],
                   absorb=True)
    if key == "pred":  # what the object is called: "called the claims **baseless**"
        return hit([c for c in token.children if c.dep_ in ("oprd", "acomp", "ccomp", "xcomp") and c.pos_ == "ADJ"]
                   + [g for c in token.children if c.dep_ == "prep" and c.lower_ == "as"
                      for g in c.children if g.pos_ == "ADJ"])
    if key == "head":
        return hit([token.head] if token.head != token else [])
    if key == "mod":
        owners = [token] if token.pos_ != "VERB" else _objects(token)
        mods = [c for o in owners for c in o.children if c.dep_ in MODIFIER_DEPS]
        mods += [g for m in list(mods) for g in m.children if g.dep_ in MODIFIER_DEPS]  # "military-related"
        return hit(mods)
    # any other key is a preposition whose object must be listed
    objs = _prep_objects(token, key)
    if not objs:
        objs = [g for o in _objects(token) for g in _prep_objects(o, key)]
    return hit(objs, absorb=True)


@lru_cache(maxsize=1)
def fixed_phrases() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(p.split()) for p in word_lists().get("not_events", ()))


def in_fixed_phrase(token: Token) -> bool:
    """Whether the token is part of a phrase listed under `_not_events`."""
    low = token.lower_
    doc = token.doc
    for words in fixed_phrases():
        for k, w in enumerate(words):
            if w == low:
                start = token.i - k
                if start >= 0 and start + len(words) <= len(doc) and all(
                    doc[start + j].lower_ == words[j] for j in range(len(words))
                ):
                    return True
    return False


def matches(token: Token) -> list[Match]:
    """Lexicon entries whose frame fits the token, best first (more satisfied conditions, then file order)."""
    pos = token_pos(token)
    if pos is None:
        return []
    entries = lexicon().get((pos, token.lemma_.lower())) or lexicon().get((pos, token.lower_))
    if not entries or in_fixed_phrase(token):
        return []
    scored: list[tuple[int, int, Match]] = []
    for order, entry in enumerate(entries):
        score, consumed, ok = 0, [], True
        for key, values in entry.conditions:
            got = _check(token, key, values)
            if got is None:
                ok = False
                break
            score += got[0]
            consumed += got[1]
        if ok:
            scored.append((-score, order, Match(entry, tuple(consumed))))
    return [m for _, _, m in sorted(scored, key=lambda t: (t[0], t[1]))]


def match(token: Token) -> Match | None:
    """The best-fitting lexicon entry for a token, or None."""
    found = matches(token)
    return found[0] if found else None
