"""The CAMEO trigger lexicon and code table, read once from src/dyad/data/.

`cameo_triggers.yaml` maps a lemma plus optional frame conditions to a CAMEO
code; `cameo_codes.tsv` gives each code its name, Goldstein weight, QuadClass
and PLOVER type. `match(token)` picks the entry whose frame fits the token best
(the conditions are `frames`).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from dyad.codes import data_text, load_yaml
from dyad.extract.common.doccache import lemma_lowers, lowers, tokens_by_lower
from dyad.extract.events.frames import Actors, check


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
    if token.pos_ == "NOUN" or (token.pos_ == "PROPN" and not token.ent_type_ and token.is_title):
        return "noun"  # a capitalised common noun the tagger took for a name ("Negotiations between X and Y")
    if token.pos_ == "ADJ" and token.dep_ in ("acomp", "amod", "ROOT", "conj", "xcomp", "oprd"):
        return "adj"
    return None


@lru_cache(maxsize=1)
def fixed_phrases() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(p.split()) for p in word_lists().get("not_events", ()))


@lru_cache(maxsize=1)
def _phrases_by_word() -> dict[str, tuple[tuple[int, tuple[str, ...]], ...]]:
    """Each word of the `_not_events` phrases -> (its place in the phrase, the phrase), for every place."""
    found: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for words in fixed_phrases():
        for k, w in enumerate(words):
            found.setdefault(w, []).append((k, words))
    return {w: tuple(v) for w, v in found.items()}


def in_fixed_phrase(token: Token) -> bool:
    """Whether the token is part of a phrase listed under `_not_events`."""
    lows = lowers(token.doc)
    for k, words in _phrases_by_word().get(lows[token.i], ()):
        start = token.i - k
        if start >= 0 and start + len(words) <= len(lows) and all(
            lows[start + j] == words[j] for j in range(len(words))
        ):
            return True
    return False


def predicate_participle(token: Token) -> bool:
    """A participle used as a predicate adjective: "remains **concerned** with", "X is **worried** about"."""
    return token.tag_ == "VBN" and (
        token.dep_ in ("acomp", "oprd", "xcomp") or any(c.dep_ == "auxpass" for c in token.children))


def matches(token: Token, actors: Actors | None = None) -> list[Match]:
    """Lexicon entries whose frame fits the token, best first (more satisfied conditions, then a specific code
    over its root's general x0 code, then file order)."""
    pos = token_pos(token)
    if pos is None:
        return []
    entries = lexicon().get((pos, token.lemma_.lower())) or lexicon().get((pos, token.lower_))
    if not entries and token.tag_ == "NNPS" and token.lower_.endswith("s"):  # a capitalised plural has no lemma
        entries = lexicon().get((pos, token.lower_[:-1]))
    if pos == "verb" and predicate_participle(token):  # its adjective entries first ("concerned prep=about")
        entries = (*(lexicon().get(("adj", token.lower_)) or ()), *(entries or ()))
    if not entries or in_fixed_phrase(token):
        return []
    scored: list[tuple[int, int, Match]] = []
    for order, entry in enumerate(entries):
        score, consumed, ok = 0, [], True
        for key, values in entry.conditions:
            got = check(token, key, values, actors)
            if got is None:
                ok = False
                break
            score += got[0]
            consumed += got[1]
        if ok:
            scored.append((-score, order, Match(entry, tuple(consumed))))
    # on a tie the more specific code wins ("called on X to engage": 026, not the general appeal 020)
    return [m for _, _, m in sorted(scored, key=lambda t: (t[0], t[2].entry.code.endswith("0"), t[1]))]


@lru_cache(maxsize=1)
def _lexicon_words() -> frozenset[str]:
    return frozenset(word for _, word in lexicon())


def may_match(lemma_lower: str, lower: str) -> bool:
    """Whether a word with this lemma and lower-case text can have lexicon entries at all: `matches` looks
    only these words up (and the lower-case text less a plural s), so most words of a text need no token."""
    words = _lexicon_words()
    return lemma_lower in words or lower in words or lower[:-1] in words


def may_match_at(doc: Doc) -> list[int]:
    """Indices of the document's words that `may_match`, in order (its test, with the word list read once)."""
    words = _lexicon_words()
    found = {i for i, lemma in enumerate(lemma_lowers(doc)) if lemma in words}
    found.update(i for low, at in tokens_by_lower(doc).items() if low in words or low[:-1] in words for i in at)
    return sorted(found)


def match(token: Token) -> Match | None:
    """The best-fitting lexicon entry for a token, or None."""
    found = matches(token)
    return found[0] if found else None
