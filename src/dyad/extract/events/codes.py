"""How each kind of CAMEO event is read, from cameo_roles.yaml.

Which roots are symmetric, where the target may sit, which need no other
party, which verbs pass their object down to their complement.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from dyad.codes import load_yaml

FILE = "cameo_roles.yaml"
ROOT_TABLES = (
    "symmetric", "one_way_codes", "intent", "locative", "locative_codes", "content", "asking", "holder",
    "self_target", "always_self", "force", "topic_target", "welcoming", "protest", "giving",
    "said_of", "imposed", "visit_codes", "weighed", "mediation",
)


@dataclass(frozen=True)
class Roots:
    """CAMEO roots (two digits) and codes (three digits) by how the events stage treats them."""

    symmetric: frozenset[str]
    one_way_codes: frozenset[str]
    intent: frozenset[str]
    locative: frozenset[str]
    locative_codes: frozenset[str]
    content: frozenset[str]
    asking: frozenset[str]
    holder: frozenset[str]
    self_target: frozenset[str]
    always_self: frozenset[str]
    force: frozenset[str]
    topic_target: frozenset[str]
    welcoming: frozenset[str]
    protest: frozenset[str]
    giving: frozenset[str]  # what one side hands the other: a state named on what is received gave it
    said_of: frozenset[str]  # a predicate noun the speaker says of the subject ("X is a key partner," Y said)
    imposed: frozenset[str]  # coercive or violent acts: who they are done to is not whom judging them targets
    visit_codes: frozenset[str]  # a visit or its hosting: the talks it is planned to hold are its agenda
    weighed: frozenset[str]  # measures a party weighs taking itself: "discussed sanctions on X" is its sanctions
    mediation: frozenset[str]  # settling between others: the sides of a truce "in the X-Y war" are X and Y


@dataclass(frozen=True)
class RoleWords:
    object_control_verbs: frozenset[str]
    doer_adjectives: frozenset[str]  # their subject does what their gerund says ("committed to defending X")
    judged_doer_verbs: frozenset[str]  # their object did what their "of"/"for" gerund says ("accused X of spying")
    experiencer_verbs: frozenset[str]  # their object feels what their subject did ("angered Beijing")
    undergo_verbs: frozenset[str]  # their subject undergoes what their object names ("or face sanctions")
    threat_verbs: frozenset[str]  # saying one will do a coercive act with one of these is a threat
    threat_modalities: frozenset[str]
    threat_codes: dict[str, str]  # root or code threatened -> the threat's code
    at_home_codes: dict[str, str]
    irregular_force_codes: dict[str, str]  # force by an armed group on others than state forces
    future_dated_modalities: frozenset[str]
    clause_verbs: frozenset[str] = frozenset()  # they take a clause, never a name: "said Ankara ... imposed"


def _codes(name: str, values: object) -> frozenset[str]:
    """A list of quoted CAMEO roots or codes; a bare number (YAML reads 042 as 34) is an error."""
    if not isinstance(values, list) or not all(isinstance(v, str) and v.isdigit() for v in values):
        raise ValueError(f"{FILE}: roots.{name} must be a list of quoted CAMEO codes such as \"04\", got {values!r}")
    return frozenset(values)


@lru_cache(maxsize=1)
def roots() -> Roots:
    table = load_yaml(FILE).get("roots") or {}
    missing = [name for name in ROOT_TABLES if name not in table]
    if missing:
        raise ValueError(f"{FILE}: roots lacks {', '.join(missing)}")
    return Roots(**{name: _codes(name, table[name]) for name in ROOT_TABLES})


@lru_cache(maxsize=1)
def role_words() -> RoleWords:
    raw = load_yaml(FILE)
    threats = raw.get("threats") or {}

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in raw.get(key) or [])

    return RoleWords(
        object_control_verbs=words("object_control_verbs"),
        judged_doer_verbs=words("judged_doer_verbs"),
        doer_adjectives=words("doer_adjectives"),
        experiencer_verbs=words("experiencer_verbs"),
        undergo_verbs=words("undergo_verbs"),
        threat_verbs=frozenset(str(w).lower() for w in threats.get("verbs") or []),
        threat_modalities=frozenset(str(w).lower() for w in threats.get("modalities") or []),
        threat_codes={str(k): str(v) for k, v in (threats.get("codes") or {}).items()},
        at_home_codes={str(k): str(v) for k, v in (raw.get("at_home_codes") or {}).items()},
        irregular_force_codes={str(k): str(v) for k, v in (raw.get("irregular_force_codes") or {}).items()},
        future_dated_modalities=words("future_dated_modalities"),
        clause_verbs=words("clause_verbs"),
    )


@dataclass(frozen=True)
class ScopeWords:
    """What decides whether an event inside one state is stored (see events.scope)."""

    state_sectors: frozenset[str]  # sectors of a state's own officials and bodies
    inside_roots: frozenset[str]  # repression and force a state's forces do at home
    inside_objects: frozenset[str]  # people nouns such acts are done to ("arrested 2,000 people")
    voice_sectors: frozenset[str] = frozenset()  # commentators (analysts, media): they act for no state


@lru_cache(maxsize=1)
def scope_words() -> ScopeWords:
    raw = load_yaml(FILE).get("scope") or {}
    return ScopeWords(
        state_sectors=frozenset(str(w) for w in raw.get("state_sectors") or []),
        inside_roots=_codes("scope.inside_roots", raw.get("inside_roots") or []),
        inside_objects=frozenset(str(w).lower() for w in raw.get("inside_objects") or []),
        voice_sectors=frozenset(str(w) for w in raw.get("voice_sectors") or []),
    )


def is_symmetric(code: str) -> bool:
    """Both sides take part in an event of this code (talks, cooperation), unless one does it to the other."""
    r = roots()
    return code[:2] in r.symmetric and code not in r.one_way_codes


def is_locative(code: str) -> bool:
    """An "in X" phrase of an event of this code names the party acted upon."""
    r = roots()
    return code[:2] in r.locative or code in r.locative_codes
