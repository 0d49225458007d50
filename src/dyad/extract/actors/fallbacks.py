"""A person's country and role when the text says nothing about them.

The dated office holders come first (holders.py); an office-holder still without a country
takes the state the document is mostly about, when one clearly dominates.
"""

from __future__ import annotations

import datetime as dt

from dyad.extract.actors.drafts import Draft, Registry, state_name
from dyad.extract.actors.holders import Holder, holder_by_surname, holder_for, titled_forms
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
    """An office-holder or a state body ("the government's National News Agency") the text gives no country
    takes the document's main state, if there is one."""
    home = main_state(reg)
    if home is None:
        return
    for draft in reg.drafts.values():
        if draft.kind in {"person", "organization"} and not draft.country and draft.sector in {"GOV", "LEG", "MIL", "JUD", "COP"}:
            draft.set_country(home, f"the document's main state ({state_name(home)})")


def fallback_leaders(ctx: DocContext, reg: Registry) -> None:
    """Fill a person's country and role from the dated office holders when the text said nothing:
    the fallback never overrides what the article says (a country it gives to someone else's name)."""
    published = ctx.document.published
    named = set(reg.drafts)
    for draft in list(reg.drafts.values()):
        if draft.kind != "person" or (draft.country and draft.role):
            continue
        holder = holder_of(draft, published, reg.text)
        if holder is None and len(draft.name.split()) == 1:
            holder = holder_by_surname(draft.name, published, named)
        if holder is None or (draft.country and draft.country != holder.country):
            continue
        why = "office holders list (the text does not say)"
        if holder.country:
            draft.set_country(holder.country, why)
        else:
            draft.igo = draft.igo or holder.igo
        draft.set_role(holder.role, holder.sector, why)


def holder_of(draft: Draft, published: dt.date | None, text: str) -> Holder | None:
    """The office holder a person is by full name, or by a one-word name and the title before it."""
    return holder_for({draft.name, *draft.aliases, *titled_forms(text, draft.spans)}, published)
