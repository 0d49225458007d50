"""The word lists of parties.yaml, read once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache, partial

from dyad.codes import load_yaml, word_set

FILE = "parties.yaml"


@dataclass(frozen=True)
class PartyWords:
    pronouns: dict[str, tuple[str, ...]]  # pronoun -> actor kinds it may stand for
    first_person: frozenset[str]
    reporting_verbs: frozenset[str]
    plural_pronouns: frozenset[str]
    anaphoric_nouns: frozenset[str]
    descriptions: dict[str, frozenset[str]]  # "island" -> the states it can describe
    state_bodies: frozenset[str]
    group_nouns: frozenset[str]
    group_sizes: dict[str, int]
    paired_titles: frozenset[str]
    member_nouns: frozenset[str]
    member_kinds: frozenset[str]
    max_members: int
    relational_nouns: frozenset[str]
    placed_sectors: frozenset[str]
    armed_group_nouns: frozenset[str]


@lru_cache(maxsize=1)
def party_words() -> PartyWords:
    raw = load_yaml(FILE)
    words = partial(word_set, raw)

    return PartyWords(
        pronouns={str(k).lower(): tuple(str(x) for x in v) for k, v in (raw.get("pronouns") or {}).items()},
        first_person=words("first_person"),
        reporting_verbs=words("reporting_verbs"),
        plural_pronouns=words("plural_pronouns"),
        anaphoric_nouns=words("anaphoric_nouns"),
        descriptions={str(k).lower(): frozenset(str(x) for x in v) for k, v in (raw.get("descriptions") or {}).items()},
        state_bodies=words("state_bodies"),
        group_nouns=words("group_nouns"),
        group_sizes={str(k).lower(): int(v) for k, v in (raw.get("group_sizes") or {}).items()},
        paired_titles=words("paired_titles"),
        member_nouns=words("member_nouns"),
        member_kinds=words("member_kinds"),
        max_members=int(raw.get("max_members") or 12),
        relational_nouns=words("relational_nouns"),
        placed_sectors=frozenset(str(w) for w in raw.get("placed_sectors") or []),
        armed_group_nouns=words("armed_group_nouns"),
    )
