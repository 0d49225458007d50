"""Deleting stored documents without leaving fusion behind.

`Store.delete_document` runs `delete_documents` once this module is loaded (it
registers itself in `dyad.store.db.DELETERS`; `dyad.run`, the write path every
front end goes through, loads it): the documents leave fusion under the rules
the tables were built with, their rows go, the near-copies that pointed at them
become originals and are fused again, and global actors are resolved again where
their name keys changed. A fuse from scratch then gives the same tables.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from dyad.fuse.actor_tables import overrides_digest, resolve_stored
from dyad.fuse.update import FusionUpdate, refresh_documents, stored_rules, unfuse_documents
from dyad.store import Store, actor_tables
from dyad.store import fusion_read as rd
from dyad.store.db import DELETERS


def delete_documents(store: Store, doc_ids: Iterable[str], overrides: str | Path | None = None) -> FusionUpdate:
    """Delete stored documents and keep fusion whole (see the module docstring); `overrides` is the
    overrides file actors are resolved with (when it is not the one the store was resolved with, the
    names gone are dropped and the other actors left as they are)."""
    ids = list(dict.fromkeys(doc_ids))
    rules = stored_rules(store)
    update = unfuse_documents(store, ids, rules=rules)
    copies = store.drop_documents(ids)
    if copies:
        update.add(refresh_documents(store, sorted(rd.fused_documents(store, copies)), rules=rules))
    if actor_tables.overrides_digest(store) == overrides_digest(overrides):
        update.actors_resolved = resolve_stored(store, overrides)  # the name keys these documents named
    elif actor_tables.orphaned(store):
        actor_tables.forget_orphans(store)
    update.documents = ids
    return update


DELETERS["fusion"] = delete_documents
