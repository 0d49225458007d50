"""A person's country and role when the text says nothing about them.

The dated leaders list comes first; an office-holder still without a country
takes the state the document is mostly about, when one clearly dominates.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from dyad.extract.actors import lexicon
from dyad.extract.actors.drafts import Draft, Registry, state_name
from dyad.extract.actors.names import FullNames, name_parts, normalise
from dyad.extract.common.context import DocContext

# A state is a document's main state when it has this many times the mentions of the next one.
MAIN_STATE_RATIO = 3
MAIN_STATE_MIN = 3


def main_state(reg: Registry) -> str | None:
    """The state a document is mostly about, when one clearly dominates its state mentions."""
    counts = sorted(
        ((len(d.spans), d.country) for d in reg.drafts.values() if d.kind == "state" and d.country), reverse=True
    )
    if not counts or counts[0][0] < MAIN_STATE_MIN:
        return None
    if len(counts) > 1 and counts[0][0] < MAIN_STATE_RATIO * counts[1][0]:
        return None
    return counts[0][1]


def fallback_main_state(reg: Registry) -> None:
    """An office-holder the text gives no country takes the document's main state, if there is one."""
    home = main_state(reg)
    if home is None:
        return
    for draft in reg.drafts.values():
        if draft.kind == "person" and not draft.country and draft.sector in {"GOV", "LEG", "MIL", "JUD", "COP"}:
            draft.set_country(home, f"the document's main state ({state_name(home)})")


def fallback_leaders(ctx: DocContext, reg: Registry) -> None:
    """Fill a person's country and role from the dated leaders list when the text said nothing."""
    published = ctx.document.published
    for draft in reg.drafts.values():
        if draft.kind != "person" or (draft.country and draft.role):
            continue
        leader = leader_for(draft, published) or _leader_by_surname(draft, published, reg)
        if leader is None:
            continue
        if leader.country and not draft.country:
            draft.set_country(leader.country, "leaders list (the text does not say)")
        if not draft.role:
            draft.set_role(leader.role, "GOV" if leader.country else "IGO", "leaders list (the text does not say)")


def leader_for(draft: Draft, published: dt.date | None) -> lexicon.Leader | None:
    """The first listed leader (in office by the publication date or before) whose name the person has."""
    leaders = lexicon.leaders()
    fits = [
        order
        for name in {draft.name, *draft.aliases}
        for form, order in _leader_names().find(name)
        if form[:1].lower() == name[:1].lower() and not (published and leaders[order].since and published < leaders[order].since)
    ]
    return leaders[min(fits)] if fits else None


def _leader_by_surname(draft: Draft, published: dt.date | None, reg: Registry) -> lexicon.Leader | None:
    """'Trump' alone, in an article that names the United States: the one listed leader it can be."""
    if len(draft.name.split()) != 1:
        return None
    leaders = lexicon.leaders()
    fits = [
        leaders[order]
        for order in sorted(set(_leader_surnames().get(normalise(draft.name), ())))
        if not (published and leaders[order].since and published < leaders[order].since)
    ]
    # one person listed for several terms is still one person
    people = {(leader.name, leader.country) for leader in fits}
    if len(people) != 1 or not fits[0].country or f"state:{fits[0].country}" not in reg.drafts:
        return None
    return fits[0]


@lru_cache(maxsize=1)
def _leader_names() -> FullNames[int]:
    """Every name and alias of the listed leaders -> the leader's place in the list."""
    index: FullNames[int] = FullNames()
    for order, leader in enumerate(lexicon.leaders()):
        for form in (leader.name, *leader.aliases):
            index.add(form, order)
    return index


@lru_cache(maxsize=1)
def _leader_surnames() -> dict[str, list[int]]:
    """First or last part of a leader's name or alias -> the leaders' places in the list."""
    index: dict[str, list[int]] = {}
    for order, leader in enumerate(lexicon.leaders()):
        for form in (leader.name, *leader.aliases):
            parts = name_parts(form)
            for part in {parts[0], parts[-1]} if parts else ():
                index.setdefault(part, []).append(order)
    return index
