"""Relation cues, relationship words and negations for the relations stage, read once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from dyad.codes import load_yaml


@dataclass(frozen=True)
class Cue:
    lemma: str
    type: str
    pos: tuple[str, ...] = ()  # parts of speech the cue has; empty: any
    preps: tuple[str, ...] = ()
    owner: str = "a"
    needs_between: bool = False
    needs_prep: bool = False
    deep: bool = False
    agent_preps: tuple[str, ...] = ()  # "the backing of X": X is side a
    subject_other: bool = False  # "Japan faces X's threat": the subject is the other side
    object_owner: bool = False  # "contests Y's claims": the object's possessor is the other side
    datives: bool = False  # "owes Y": the indirect object is the other side
    also_prep: str | None = None  # "looks to Y for support": a second preposition it needs
    weak: bool = False  # "cooperation": a partnership unless the document calls the pair allies
    members_of: bool = False  # "an alliance of X and Y": the objects of "of" are its members


@dataclass(frozen=True)
class Phrase:
    verb: str
    objects: frozenset[str]  # the object's words; empty for a particle phrase
    type: str
    negated_means: str
    preps: tuple[str, ...]
    particle: str | None = None  # "face off against"


@dataclass(frozen=True)
class RelationWords:
    cues: dict[str, Cue]
    phrases: tuple[Phrase, ...]
    relationship_nouns: frozenset[str]
    relationship_words: dict[str, str]  # word -> type
    presence_verbs: frozenset[str]
    presence_nouns: frozenset[str]
    presence_type: str
    host_verbs: frozenset[str]  # "Japan hosts American troops"
    claim_verbs: frozenset[str]  # "considers Taiwan its territory": verbs of a territorial claim
    claim_nouns: frozenset[str]  # "territory", "province"
    negations: frozenset[str]
    combining_forms: dict[str, str]
    co_subjects: frozenset[str]
    additions: tuple[tuple[str, ...], ...]  # "threats from X in addition to Y": phrases that add an object
    partner_nouns: frozenset[str]  # "ties with Y": a partnership by itself
    dismissals: frozenset[str]  # verbs whose object is not asserted ("dismissed talk of a rivalry")
    dismissed_nouns: frozenset[str]  # "talk", "speculation", "reports" (of a relation)
    allegations: frozenset[str]  # "accused Y of arming Z": someone's allegation
    intentions: frozenset[str]  # "pledged to increase cooperation": what the subject means to do
    object_control: frozenset[str]  # "urged Y to end its support": Y does what the infinitive says
    retype: dict[str, str]  # "alliance partner" -> ally
    forming_verbs: frozenset[str]  # "X and Y formed an alliance": the founders are the pair
    holding_verbs: frozenset[str]  # "X and Y have a dispute": the subjects are the pair
    holding_states: frozenset[str]  # "X and Y are locked in a dispute", "are at odds"
    refusals: frozenset[str]  # "refuses to take sides": verbs that deny their infinitive
    third_party: frozenset[str]  # "their shared rival": a cue the owners have in common with a third state


def _pos(value: str | list[str] | None) -> tuple[str, ...]:
    """`pos: NOUN` or `pos: [NOUN, VERB]`; a noun cue also reads a proper noun the parser mistook for it."""
    names = (value,) if isinstance(value, str) else tuple(value or ())
    return (*names, "PROPN") if "NOUN" in names else names


def _preps(value: object, where: str) -> tuple[str, ...]:
    """A list of prepositions; YAML reads a bare `on` or `off` as a boolean, so a non-word is an error."""
    items = value if isinstance(value, list) else [] if value is None else [value]
    for item in items:
        if not isinstance(item, str):
            raise ValueError(f"relations.yaml: {where}: {item!r} is not a word (quote 'on' and 'off')")
    return tuple(str(p).lower() for p in items)


@lru_cache(maxsize=1)
def relation_words() -> RelationWords:
    raw = load_yaml("relations.yaml")
    cues = {
        lemma.lower(): Cue(
            lemma=lemma.lower(),
            type=spec["type"],
            pos=_pos(spec.get("pos")),
            preps=_preps(spec.get("preps"), f"cue {lemma}"),
            owner=spec.get("owner", "a"),
            needs_between=bool(spec.get("needs_between", False)),
            needs_prep=bool(spec.get("needs_prep", False)),
            deep=bool(spec.get("deep", False)),
            agent_preps=_preps(spec.get("agent_preps"), f"cue {lemma}"),
            subject_other=bool(spec.get("subject_other", False)),
            object_owner=bool(spec.get("object_owner", False)),
            datives=bool(spec.get("datives", False)),
            also_prep=spec.get("also_prep"),
            weak=bool(spec.get("weak", False)),
            members_of=bool(spec.get("members_of", False)),
        )
        for lemma, spec in raw.get("cues", {}).items()
    }
    phrases = tuple(
        Phrase(
            p["verb"],
            frozenset([p["object"]] if isinstance(p.get("object"), str) else p.get("object") or []),
            p["type"],
            p.get("negated_means", "-"),
            _preps(p.get("preps"), f"phrase {p['verb']}"),
            p.get("particle"),
        )
        for p in raw.get("phrases", [])
    )
    dismissals = raw.get("dismissals", {})
    words = {w.lower(): kind for kind, ws in raw.get("relationship_words", {}).items() for w in ws}
    presence = raw.get("presence", {})
    return RelationWords(
        cues=cues,
        phrases=phrases,
        relationship_nouns=frozenset(raw.get("relationship_nouns", [])),
        relationship_words=words,
        presence_verbs=frozenset(presence.get("verbs", [])),
        presence_nouns=frozenset(presence.get("nouns", [])),
        presence_type=presence.get("type", "supports"),
        host_verbs=frozenset(presence.get("host_verbs", [])),
        claim_verbs=frozenset(str(w).lower() for w in raw.get("territorial_claims", {}).get("verbs", [])),
        claim_nouns=frozenset(str(w).lower() for w in raw.get("territorial_claims", {}).get("nouns", [])),
        negations=frozenset(str(n).lower() for n in raw.get("negations", [])),
        combining_forms={k.lower(): v for k, v in raw.get("combining_forms", {}).items()},
        co_subjects=frozenset(str(w).lower() for w in raw.get("co_subjects", [])),
        additions=tuple(tuple(str(w).lower().split()) for w in raw.get("additions", [])),
        partner_nouns=frozenset(str(w).lower() for w in raw.get("partner_nouns", [])),
        dismissals=frozenset(str(w).lower() for w in dismissals.get("verbs", [])),
        dismissed_nouns=frozenset(str(w).lower() for w in dismissals.get("nouns", [])),
        allegations=frozenset(str(w).lower() for w in dismissals.get("allegations", [])),
        intentions=frozenset(str(w).lower() for w in dismissals.get("intentions", [])),
        object_control=frozenset(str(w).lower() for w in raw.get("object_control", [])),
        retype={str(k).lower(): str(v) for k, v in (raw.get("retype") or {}).items()},
        forming_verbs=frozenset(str(w).lower() for w in raw.get("forming_verbs", [])),
        holding_verbs=frozenset(str(w).lower() for w in raw.get("holding", {}).get("verbs", [])),
        holding_states=frozenset(str(w).lower() for w in raw.get("holding", {}).get("in_or_at", [])),
        refusals=frozenset(str(w).lower() for w in raw.get("refusals", [])),
        third_party=frozenset(str(w).lower() for w in raw.get("third_party", [])),
    )
