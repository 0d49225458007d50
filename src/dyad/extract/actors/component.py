"""The `actors` component: states, international bodies, people, organisations and groups of one document.

One `Actor` per real-world actor per document, keyed `state:KOR`, `igo:UN`,
`person:<normalised name>`, `org:<...>`, `group:<...>`; one `ActorMention` per
occurrence, with its character offsets and `how` it names the actor (name,
alias, surname, title, pronoun, metonym, demonym, context).

A title phrase such as "South Korean President Lee Jae-myung" gives two
mentions: the demonym "South Korean" (how=demonym) of the state `state:KOR`
and the name "Lee Jae-myung" (how=name) of the person, whose country (KOR) and
role (head of state) are read from the title. Later stages ask
`ctx.mention_for_token` and get the person for the name and the state for the
demonym; `ctx.state_of(person_key)` gives the person's country.
"""

from __future__ import annotations

from dyad.extract.actors import fallbacks, groups, orgs, person_context, persons, refs
from dyad.extract.actors.blocs import find_blocs
from dyad.extract.actors.drafts import Registry
from dyad.extract.actors.lexicon import igos
from dyad.extract.actors.states import compound_hits, find_places
from dyad.extract.common.context import DocContext
from dyad.extract.common.doccache import word_finder
from dyad.extract.registry import component


@component("actors", assigns=["actors", "mentions"])
def run(ctx: DocContext) -> None:
    doc = ctx.doc
    reg = Registry(ctx.document.text, word_finder(doc))
    hits, inner = find_places(doc)
    for hit in hits:
        span = doc[hit.start : hit.end]
        if hit.igo:
            igo = igos()[hit.target]
            draft = reg.ensure(f"igo:{hit.target}", igo.name, "organization", role=igo.role, sector="IGO", cameo=igo.cameo or None)
            reg.mention(draft.key, span.start_char, span.end_char, "name" if span.text == igo.name else "alias")
        else:
            draft = reg.ensure_state(hit.target)
            reg.mention(draft.key, span.start_char, span.end_char, hit.how)
    places = {i: h for h in hits for i in range(h.start, h.end)}
    for start, end, iso3, how in compound_hits(doc, set(places)):
        draft = reg.ensure_state(iso3)
        reg.mention(draft.key, start, end, how)
    find_blocs(doc, reg, set(places))
    inner_places = {i: h for h in inner for i in range(h.start, h.end)}
    people = persons.find_people(ctx, reg, places)
    orgs.find_orgs(ctx, reg, places, inner_places, people)
    peoples = groups.find_collectives(doc, reg)
    groups.find_groups(ctx, reg, places)
    groups.fold_into_peoples(reg, peoples)
    person_context.link_affiliations(reg, people)
    reg.repeat_names()
    refs.resolve_references(ctx, reg, places, people)
    fallbacks.fallback_leaders(ctx, reg)
    person_context.owners_lend(reg, people)
    fallbacks.fallback_main_state(reg)
    reg.emit(ctx)
