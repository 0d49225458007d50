"""Which (source, target) pairs one trigger's roles make.

- conjoined sources and targets expand: "China and Japan criticised X" is two events;
- a multi-party event of a symmetric kind (intent, consultation, cooperation,
  agreement) with no separate target, or "talks between X, Y and Z", becomes one
  event per unordered pair of distinct parties, source the first named; a
  grouping acting among itself ("the G7 met") pairs only the members its
  sentence names ("the G7 talks brought together ministers from A, B and C");
- "a conference with diplomats from A, B and C" (three or more parties named and
  nothing else) pairs them too; "talks with G7 ministers" does not pair the G7;
- a one-way act "between X and Y" with no other target is done to each
  ("brokered a ceasefire between X and Y");
- a one-way act of "the two sides" / "both countries" with no target is done
  by each to the other ("both countries withdrew their ambassadors").
"""

from __future__ import annotations

from itertools import combinations

from spacy.tokens import Token

from dyad.extract.events.codes import is_symmetric, roots
from dyad.extract.events.lexicon import word_lists
from dyad.extract.events.roles import Roles
from dyad.extract.parties import Party, unique

MEMBERS = frozenset({"grouping", "member"})


def distinct(parties: list[Party]) -> list[Party]:
    """One party per state (per actor for a party with no state), first named first."""
    seen: set[str] = set()
    out = []
    for p in parties:
        who = p.state or p.key
        if who not in seen:
            seen.add(who)
            out.append(p)
    return out


def mutual_intent(trigger: Token) -> bool:
    """Whether an intent is about the parties' own relations ("pledged closer cooperation")."""
    words = word_lists().get("mutual_objects", frozenset())
    return any(t.lemma_.lower() in words for t in trigger.subtree)


def is_mutual(code: str, trigger: Token) -> bool:
    """Both sides take part in what the trigger says (talks, "X and Y disagreed")."""
    reciprocal = trigger.lemma_.lower() in word_lists().get("reciprocal", frozenset())
    # "X and Y agreed to strengthen deterrence": what two sides agree on together is an intent toward each other
    return (is_symmetric(code) or reciprocal) and not (code[:2] in roots().intent and not reciprocal
                                                       and not mutual_intent(trigger))


def pairs(roles: Roles, code: str, trigger: Token) -> list[tuple[Party, Party | None]]:
    """(source, target) pairs of one trigger, expanded as the module docstring says."""
    sources, targets = roles.sources, roles.targets
    mutual = is_mutual(code, trigger)
    member_states = {p.state for p in sources if p.reason in MEMBERS}
    if mutual and len(distinct(targets)) > 1 and member_states and {t.state for t in targets} <= member_states:
        # "the G7 talks brought together ministers from A, B and C": the members named are paired among themselves
        return list(combinations(distinct(targets), 2))
    if mutual and not targets and len({p.key for p in sources}) == 1 and all(p.reason in MEMBERS for p in sources):
        # a grouping among itself ("the G7 met"): only the members the sentence names are paired (FORMAT.md:
        # a mutual event among n named states); "Quad leaders agreed" names none
        sources = [p for p in sources if p.reason == "member"]
    if mutual and roles.group:
        return list(combinations(distinct(unique(sources + roles.group + targets)), 2))
    if roles.group and not targets:  # "X brokered a ceasefire between Y and Z": X acts toward each
        targets = [g for g in roles.group if g.key not in {s.key for s in sources}]
    named = [t for t in targets if t.reason not in MEMBERS]  # "talks with G7 ministers" name no meeting among them
    if not sources and is_symmetric(code) and len(named) == len(targets) and len(distinct(targets)) > 2:
        return list(combinations(distinct(targets), 2))
    if not sources:
        return []
    if not targets and mutual and len(distinct(sources)) > 1:
        return list(combinations(distinct(sources), 2))
    if not targets and len(distinct(sources)) == 2 and all(s.reason == "group" for s in sources):
        a, b = distinct(sources)  # "both countries withdrew their ambassadors": each from the other
        return [(a, b), (b, a)]
    if not targets:
        return [(s, None) for s in sources]
    return [(s, t) for s in sources for t in targets]
