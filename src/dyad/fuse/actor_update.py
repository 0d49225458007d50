"""Resolving again only the global actors that changed documents touch.

The name keys whose document actors came or went (`actor_pending`) are read again. One whose
best spelling, aliases, kind, key, country or role changed, or that is new or gone, can change
which name keys are one actor: its component (`dyad.fuse.actor_components`) is resolved again,
with the stored components its new terms reach, from the name keys as stored (`actor_keys`) and
as read again. One whose only change is in its mentions, sector or code leaves the grouping as it
is: its global actor is made again from its name keys and the reasons stored. Global actors that
share an id with one made again are made again with it, so that `~2`, `~3` follow the same order
as a resolution of the whole store. The result is the one `resolve_stored(force=True)` gives.

Also here: the name actors read from `actor_links` and kept in `actor_keys`, and the resolution
of name actors one component at a time, which a full resolution uses too.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from dyad.fuse.actor_components import components, probes, terms
from dyad.fuse.actors import GlobalActor, Overrides, global_actor, number_ids, resolve_groups
from dyad.store import Store
from dyad.store import actor_tables as tables
from dyad.stored import DocActor

Row = dict[str, Any]


def _grouping(a: DocActor) -> tuple[object, ...]:
    """What resolution reads of a name actor to decide what it is merged with."""
    return (a.name, tuple(a.names), a.kind, a.key, a.country, a.role)


def resolve_changed(store: Store, rules: Overrides, digest: str, changed: list[str]) -> int:
    """Resolve again what the `changed` name keys touch; returns how many global actors were written."""
    fresh = {a.doc_id: a for a in name_actors(tables.name_rows(store, changed))}
    stored = {r["name_key"]: r for r in tables.key_rows(store, keys=changed)}
    moved = [k for k in changed if k not in fresh or k not in stored
             or _grouping(fresh[k]) != _grouping(stored_name_actor(stored[k]))]
    # the components to resolve again: those the moved keys were in, and those their terms now reach
    reach = {p for k in moved if k in fresh for p in probes(fresh[k], rules)}
    comps = {stored[k]["component"] for k in moved if k in stored}
    comps |= set(tables.probed_components(store, sorted(reach))) if reach else set()
    rows = tables.key_rows(store, components=sorted(comps)) if comps else []
    actors = {r["name_key"]: stored_name_actor(r) for r in rows}
    actors.update({k: a for k, a in fresh.items() if k in actors or k in moved})
    for k in moved:
        if k not in fresh:  # its documents left
            actors.pop(k, None)
    found, keys = _by_component([actors[k] for k in sorted(actors)], rules)
    regrouped = set(actors) | set(moved)
    # global actors whose name keys only changed in count, sector or code: made again as they are grouped
    touched = [k for k in changed if k in fresh and k not in regrouped]
    replaced = {r["actor_id"] for r in tables.groups(store, keys=sorted(regrouped))}
    remade, more_keys, ids = _remade(store, rules, fresh, touched, [])
    found += remade
    keys += more_keys
    replaced |= ids
    # the other actors that share an id with one made here, ranked again with them
    while True:
        bases = {g.id for g in found}
        others = sorted(set(tables.ids_sharing(store, sorted(bases))) - replaced)
        if not others:
            break
        remade, more_keys, ids = _remade(store, rules, fresh, [], others)
        found += remade
        keys += more_keys
        replaced |= ids
    found = number_ids(sorted(found, key=lambda g: min(g.members)))
    mapping = [{"name_key": ref[0], "actor_id": g.id} for g in found for ref in g.members]
    gone = sorted(regrouped | {k["name_key"] for k in keys})
    tables.write_resolution(store, mapping, [actor_row(g) for g in found], keys, digest, (sorted(replaced), gone))
    return len(found)


def _remade(
    store: Store, rules: Overrides, fresh: dict[str, DocActor], keys: list[str], ids: list[str],
) -> tuple[list[GlobalActor], list[Row], set[str]]:
    """The global actors of `keys` and those with `ids`, made again from their stored name keys (read again
    where `fresh`) as they are grouped; with their name keys' rows and their ids."""
    if not keys and not ids:
        return [], [], set()
    rows = tables.groups(store, keys=keys, ids=ids)
    members: dict[str, list[str]] = defaultdict(list)
    why: dict[str, list[str]] = {}
    for r in rows:
        members[r["actor_id"]].append(r["name_key"])
        why[r["actor_id"]] = list(r["why"] or [])
    stored = {r["name_key"]: r for r in tables.key_rows(store, keys=[k for ks in members.values() for k in ks])}
    found, out = [], []
    for actor_id, names in members.items():
        docs = [fresh.get(k) or stored_name_actor(stored[k]) for k in sorted(names)]
        found.append(global_actor(docs, why[actor_id]))
        out += [key_row(d, stored[k]["component"], rules) for k, d in zip(sorted(names), docs, strict=True)]
    return found, out, set(members)


def name_actors(rows: Iterable[Row]) -> list[DocActor]:
    """One DocActor per name key (its `doc_id` is the name key), its best spelling as name and the others as aliases."""
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    info: dict[str, Row] = {}
    aliases: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        spellings[r["name_key"]][r["name"]] += int(r["mentions"] or 0) or 1
        aliases[r["name_key"]].update(r["aliases"] or [])
        info.setdefault(r["name_key"], r)
    out = []
    for key in sorted(info):
        r = info[key]
        counts = spellings[key]
        name = min(counts, key=lambda n: (-counts[n], n))
        others = sorted((set(counts) | aliases[key]) - {name})
        out.append(DocActor(
            doc_id=key, key=r["key"], name=name, kind=r["kind"], country=r["country"], role=r["role"],
            sector=r["sector"], code=r["code"], aliases=others, mentions=sum(counts.values()),
        ))
    return out


def resolve_components(actors: list[DocActor], rules: Overrides) -> tuple[list[GlobalActor], list[Row]]:
    """The global actors of name actors (sorted by name key), resolved one component at a time, ids told apart;
    and the name keys' `actor_keys` rows."""
    found, keys = _by_component(actors, rules)
    return number_ids(sorted(found, key=lambda g: min(g.members))), keys


def _by_component(actors: list[DocActor], rules: Overrides) -> tuple[list[GlobalActor], list[Row]]:
    """Global actors (ids not yet told apart) and `actor_keys` rows, one component of name keys at a time; a
    component is named by its first name key."""
    found: list[GlobalActor] = []
    keys: list[Row] = []
    for members in components(actors, rules):
        part = [actors[i] for i in members]
        found += resolve_groups(part, rules)
        keys += [key_row(a, part[0].doc_id, rules) for a in part]
    return found, keys


def key_row(a: DocActor, component: str, rules: Overrides) -> Row:
    """The `actor_keys` row of a name actor."""
    return {"name_key": a.doc_id, "component": component, "name": a.name, "aliases": list(a.aliases),
            "kind": a.kind, "key": a.key, "country": a.country, "role": a.role, "sector": a.sector,
            "code": a.code, "mentions": a.mentions, "terms": terms(a, rules)}


def stored_name_actor(row: Row) -> DocActor:
    """The name actor an `actor_keys` row keeps."""
    return DocActor(doc_id=row["name_key"], key=row["key"], name=row["name"], kind=row["kind"],
                    country=row["country"], role=row["role"], sector=row["sector"], code=row["code"],
                    aliases=list(row["aliases"] or []), mentions=int(row["mentions"] or 0))


def actor_row(g: GlobalActor) -> Row:
    row = g.as_row()
    row["aliases"] = list(g.aliases)
    row["why"] = list(g.why)
    return row
