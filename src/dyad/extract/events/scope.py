"""Which state-level pair an event is stored under, and which events are not stored at all.

An event keeps its parties' actor keys whatever they are (a body, a rebel
group, a person); `source` and `target` are the states they act for, None
for an international body or a group no text places. The rules
(docs/data-events.md, "Scope"):

- **Self-directed.** With no target, statements, protests and shows of force
  (roots 01, 14, 15) are coded source -> source, the first two only when the
  sentence names no other state; a target that is no state (a statement "to
  reporters") counts as none. An armed group's use of force with no target is
  done inside the state it is placed in ("rebels attacked villages").
- **Inside one state.** A state acting on anyone of its own who is not one of
  its officials (rebels, protesters, civilians), or such a group acting on it,
  is coded X -> X; a state acting on its own officials or bodies (a minister
  meeting his president) is domestic business and is left out, except for the
  self-directed kinds above. A repressive act or use of force (`inside_roots`)
  by a state's own forces on people the text names by a common noun ("arrested
  2,000 people"), or on anyone when the sentence places it in that state ("forces
  in Mali attacked rebels", "imposed martial law on townships in Yangon"), is
  inside too.
- **Commentators.** What an analyst, a scholar, a think tank or the media
  (`voice_sectors`) says or does is no act of their country: their side has
  no state. What they say a state did is coded as that state's act.
- **Bodies and unplaced groups.** An event with an international body or a
  group no text places on one side is stored with no state on that side (the
  state-level views leave it out, exports carry it); one with no state on
  either side is left out.
- **Restatements.** A later sentence restating an event already coded in the
  document (same actors, code and realis, and no other date; for a threat, nothing else
  threatened) is a second mention of it, not a second event; a symmetric event is one event whichever way round it is said.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from dyad.extract.actors.lexicon import place_country
from dyad.extract.common.context import DocContext
from dyad.extract.events.codes import is_symmetric, roots, scope_words
from dyad.extract.events.frames import MEASURE_NOUNS
from dyad.extract.parties import Party
from dyad.extract.parties.words import party_words


def is_official(ctx: DocContext, party: Party) -> bool:
    """Whether a party is its state or one of the state's own officials and bodies."""
    actor = ctx.actor(party.key)
    if actor is None:
        return True
    return actor.kind == "state" or (actor.sector or "GOV") in scope_words().state_sectors and party.reason != "placed"


def is_voice(ctx: DocContext, party: Party) -> bool:
    """A commentator (an analyst, a scholar, a think tank, the media): not a state's official or body,
    and of a sector that comments on states (cameo_roles.yaml, `voice_sectors`)."""
    actor = ctx.actor(party.key)
    return (actor is not None and actor.kind != "state" and party.reason == "name"
            and (actor.sector or "") in scope_words().voice_sectors)


def is_armed_group(ctx: DocContext, party: Party) -> bool:
    """A non-state armed group or crowd (the sectors parties.yaml places by their soil)."""
    actor = ctx.actor(party.key)
    return actor is not None and actor.kind != "state" and (actor.sector or "") in party_words().placed_sectors


def _objects(trigger: Token) -> list[Token]:
    """What a trigger acts on, through a quantity ("dozens of protesters")."""
    objs = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    objs += [g for c in trigger.children if c.dep_ in ("prep", "agent") and c.lower_ in ("on", "against", "at", "with")
             for g in c.children if g.dep_ == "pobj"]
    return objs + [g for o in objs for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
                   for g in c.children if g.dep_ == "pobj"]


def people_object(trigger: Token, words: frozenset[str]) -> bool:
    """Whether the trigger acts on people the text names by one of these common nouns ("arrested 2,400 people"),
    also where the parser made them a compound of the object ("barred **girls** ages 12 and older")."""
    objs = _objects(trigger)
    objs += [c for o in objs if o.lemma_.lower() in MEASURE_NOUNS for c in o.children
             if c.dep_ == "compound" and c.tag_ in ("NNS", "NNPS")]
    return any(o.lemma_.lower() in words for o in objs)


def placed_at_home(trigger: Token, state: str) -> bool:
    """Whether the trigger's sentence places what happens in the state itself ("forces in Mali attacked rebels
    near Kidal")."""
    for t in trigger.sent:
        if t.dep_ == "pobj" and t.head.lower_ in ("in", "inside", "across", "near", "throughout"):
            found = place_country([w.text for w in t.subtree])
            if found is not None and found[0] == state:
                return True
    return False


def state_pair(ctx: DocContext, source: Party, target: Party | None, root: str, trigger: Token,
               others: set[str]) -> tuple[str | None, str | None] | None:
    """The (source, target) states the event is stored under, None on a side with no state; or None when
    the event is not stored. `others` are the states the sentence names besides the source's."""
    r = roots()
    if source.state and is_voice(ctx, source):
        source = source.but(state=None)  # an analyst's own words are no act of the analyst's country
    alone = not (others and root not in r.always_self)  # no other state involved
    if target is None:
        if not source.state:
            return None
        if root in r.self_target and alone:
            return source.state, source.state
        if root in r.force and is_armed_group(ctx, source):
            return source.state, source.state  # militants attacking inside the state they are placed in
        words = scope_words()
        if root in words.inside_roots and not others and is_official(ctx, source) and (
            people_object(trigger, words.inside_objects) or placed_at_home(trigger, source.state)
        ):
            # a government acting on its own people, or on anyone where the sentence places it at home
            return source.state, source.state
        return None
    if not source.state and not target.state:
        return None
    if not target.state:
        if root in scope_words().inside_roots and not others and is_armed_group(ctx, target) and is_official(ctx, source):
            return source.state, source.state  # "officials said they arrested seven militants": at home
        # an international body or an unplaced group on the receiving end: stored, with no state there
        return source.state, None
    if not source.state:
        return None, target.state
    if source.state != target.state:
        return source.state, target.state
    if {source.reason, target.reason} & {"grouping", "member"}:
        return None  # a grouping's member and that member itself are one side, not an event inside it
    if source.key == target.key or target.anaphor and not is_armed_group(ctx, target):
        return None  # "stations troops in the country": the anaphor points back at the wrong state
    if is_official(ctx, source) and is_official(ctx, target):
        # a state acting on its own officials is domestic, except for the self-directed kinds
        return (source.state, source.state) if root in r.self_target and not others else None
    return source.state, source.state


def what_of(trigger: Token) -> str | None:
    """What a threat says will be done, as a lemma: its object ("threatened **retaliation**") or the verb it
    takes ("threatened to **close** the base"); None when the trigger names neither."""
    for c in trigger.children:
        if c.dep_ in ("dobj", "xcomp") or (c.dep_ == "acl" and c.pos_ == "VERB"):
            return c.lemma_.lower()
    return None


@dataclass
class Restatements:
    """Events already coded in the document, by what makes two mentions one event."""

    seen: dict[tuple, list[tuple[str | None, str | None]]] = field(default_factory=dict)  # event -> (date, what) coded
    in_sentence: set[tuple] = field(default_factory=set)
    planned_visits: set[frozenset[str]] = field(default_factory=set)  # the parties of visits not yet made

    def first(self, si: int, source: Party, target: Party | None, states: tuple[str | None, str | None], code: str,
              realis: bool, when: str | None, what: str | None = None) -> bool:
        """Whether this is the first mention: one event per (sentence, pair, root), and per (pair, actors,
        code, realis) in the document, a symmetric pair in either order, unless both mentions are dated and
        the dates differ ("met in May", "met again in June") or both name what they are and it differs
        ("threatened retaliation", "threatened to close the base": two threats)."""
        who: tuple[str | None, ...] = (states[0] or source.key, states[1] or (target.key if target else None))
        actors: tuple[str | None, ...] = (source.key, target.key if target else None)
        both_ways = is_symmetric(code)
        here = {(si, who, code[:2])} | ({(si, who[::-1], code[:2])} if both_ways else set())
        if both_ways:
            who, actors = tuple(sorted(who, key=str)), tuple(sorted(actors, key=str))
        # meeting Xi and meeting Li are two meetings; a grouping meeting among its own members is one, however
        # it is told ("the G7 convened ... the ministers met")
        internal = target is not None and source.key == target.key and {source.reason, target.reason} <= {"grouping", "member"}
        event = (who, actors, code[:2] if internal else code, realis)
        # the same two parties, not only their states: meeting the premier during the visit is another meeting
        pair = frozenset(a for a in actors if a)
        visits = roots().visit_codes
        if not realis and len(pair) == 2 and code in visits:
            self.planned_visits.add(pair)
        elif not realis and when is None and code[:2] in {c[:2] for c in visits} and pair in self.planned_visits:
            return False  # "Xi will host Lee ... they may discuss trade": the talks are the planned visit's agenda
        dates = self.seen.setdefault(event, [])
        if here & self.in_sentence or any(internal or (d is None or when is None or d == when) and not (
                w and what and w != what) for d, w in dates):
            return False
        self.in_sentence |= here
        dates.append((when, what))
        return True
