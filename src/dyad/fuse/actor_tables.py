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
from pathlib import Path
from typing import Any

from dyad.fuse.actor_update import actor_row, name_actors, resolve_changed, resolve_components
from dyad.fuse.actors import GlobalActor, Overrides, load_overrides, stored_actor
from dyad.store import Store
from dyad.store import actor_tables as tables

Row = dict[str, Any]


def overrides_digest(path: str | Path | None) -> str:
    """What the overrides file holds, as a digest (empty without one)."""
    if path is None or not Path(path).is_file():
        return ""
    return hashlib.sha1(Path(path).read_bytes()).hexdigest()


def resolve_stored(store: Store, overrides: str | Path | Overrides | None = None, force: bool = False) -> int:
    """Resolve the store's name keys into global actors where documents changed them (all of them when the
    overrides changed, or with `force`).

    Returns how many global actors were written (0 when nothing had to change).
    """
    digest = overrides_digest(overrides) if not isinstance(overrides, Overrides) else repr(overrides)
    with store.reading():  # both look-ups on one connection
        full = force or tables.overrides_digest(store) != digest
        changed = [] if full else tables.pending(store)
    if not full and not changed:
        return 0
    rules = overrides if isinstance(overrides, Overrides) else load_overrides(overrides)
    # the reads and the write of one resolution share one connection: each read would open the file again
    with store.transaction():
        if full:
            return _resolve_all(store, rules, digest)
        return resolve_changed(store, rules, digest, changed)


def _resolve_all(store: Store, rules: Overrides, digest: str) -> int:
    actors = name_actors(tables.name_rows(store))
    found, keys = resolve_components(actors, rules)
    mapping = [{"name_key": ref[0], "actor_id": g.id} for g in found for ref in g.members]
    tables.write_resolution(store, mapping, [actor_row(g) for g in found], keys, digest)
    return len(found)


def global_actors(store: Store, overrides: Overrides | str | Path | None = None) -> list[GlobalActor]:
    """The store's actors resolved across documents, each with its document actors (for small stores:
    listings read `global_actors` without the members). Fuses and resolves what is not yet."""
    from dyad.fuse.update import fuse_pending

    if not store.read_only:
        fuse_pending(store)
        resolve_stored(store, overrides)
    return [stored_actor(r, tables.members(store, r["id"])) for r in tables.actors(store)]
