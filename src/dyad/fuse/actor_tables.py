"""Global actors kept in the store: document actors linked by name, resolved across documents.

Each document actor is linked (`actor_links`, written by `dyad.fuse.items.link_rows`) to a name key: its kind, key,
country and role, the ways documents name one actor alike (an unnamed
official is his document's alone). Resolution (`dyad.fuse.actors.resolve`,
with the user's overrides) runs over the distinct name keys, not over every
document actor, one component of them at a time (`dyad.fuse.actor_components`),
and writes which global actor each name key is (`actor_names`), the global
actors themselves (`global_actors`) and the name keys as resolved
(`actor_keys`). It runs again only where documents changed name keys
(`dyad.fuse.actor_update`), or in full when the overrides file changes; it is
a function of the set of name keys, so any order of arrival gives the same
actors.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from dyad.fuse.actor_components import components, terms
from dyad.fuse.actors import GlobalActor, Overrides, load_overrides, number_ids, resolve_groups, stored_actor
from dyad.store import Store
from dyad.store import actor_tables as tables
from dyad.stored import DocActor

Row = dict[str, Any]


def overrides_digest(path: str | Path | None) -> str:
    """What the overrides file holds, as a digest (empty without one)."""
    if path is None or not Path(path).is_file():
        return ""
    return hashlib.sha1(Path(path).read_bytes()).hexdigest()


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


def resolve_stored(store: Store, overrides: str | Path | Overrides | None = None, force: bool = False) -> int:
    """Resolve the store's name keys into global actors where documents changed them (all of them when the
    overrides changed, or with `force`).

    Returns how many global actors were written (0 when nothing had to change).
    """
    digest = overrides_digest(overrides) if not isinstance(overrides, Overrides) else repr(overrides)
    full = force or tables.overrides_digest(store) != digest
    changed = [] if full else tables.pending(store)
    if not full and not changed:
        return 0
    rules = overrides if isinstance(overrides, Overrides) else load_overrides(overrides)
    if full:
        return _resolve_all(store, rules, digest)
    from dyad.fuse.actor_update import resolve_changed

    return resolve_changed(store, rules, digest, changed)


def _resolve_all(store: Store, rules: Overrides, digest: str) -> int:
    actors = name_actors(tables.name_rows(store))
    found, keys = resolve_components(actors, rules)
    mapping = [{"name_key": ref[0], "actor_id": g.id} for g in found for ref in g.members]
    tables.write_resolution(store, mapping, [_row(g) for g in found], keys, digest)
    return len(found)


def resolve_components(actors: list[DocActor], rules: Overrides) -> tuple[list[GlobalActor], list[Row]]:
    """The global actors of name actors (sorted by name key), resolved one component at a time, ids told apart;
    and the name keys' `actor_keys` rows."""
    found: list[GlobalActor] = []
    keys: list[Row] = []
    for members in components(actors, rules):
        part = [actors[i] for i in members]
        found += resolve_groups(part, rules)
        keys += [key_row(a, part[0].doc_id, rules) for a in part]
    return number_ids(sorted(found, key=lambda g: min(g.members))), keys


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


def _row(g: GlobalActor) -> Row:
    row = g.as_row()
    row["aliases"] = list(g.aliases)
    row["why"] = list(g.why)
    return row


def global_actors(store: Store, overrides: Overrides | str | Path | None = None) -> list[GlobalActor]:
    """The store's actors resolved across documents, each with its document actors (for small stores:
    listings read `global_actors` without the members). Fuses and resolves what is not yet."""
    from dyad.fuse.update import fuse_pending

    if not store.read_only:
        fuse_pending(store)
        resolve_stored(store, overrides)
    return [stored_actor(r, tables.members(store, r["id"])) for r in tables.actors(store)]
