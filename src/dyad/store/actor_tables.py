"""The stored global actors: the name rows resolution reads, what it writes, and the listings over them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pyarrow as pa

from dyad.store.aggregate_tables import refresh_network
from dyad.store.db import Store
from dyad.store.where import Where, contains, equals, limit, names_document

Row = dict[str, Any]

# The global actor of a document actor `alias` (actors table), for listings: its id and name when resolved.
GLOBAL_JOIN = """LEFT JOIN actor_links {l} ON {l}.doc_id = {a}.doc_id AND {l}.key = {a}.key
    LEFT JOIN actor_names {n} ON {n}.name_key = {l}.name_key
    LEFT JOIN global_actors {g} ON {g}.id = {n}.actor_id"""


def global_join(actor_alias: str, prefix: str) -> str:
    """LEFT JOINs from the document actor `actor_alias` to its global actor `<prefix>g`."""
    return GLOBAL_JOIN.format(a=actor_alias, l=f"{prefix}l", n=f"{prefix}n", g=f"{prefix}g")


def unresolved(store: Store) -> bool:
    """Whether a linked name key has no global actor yet."""
    rows = store.rows(
        "SELECT 1 FROM (SELECT DISTINCT name_key FROM actor_links) l ANTI JOIN actor_names n USING (name_key) LIMIT 1"
    )
    return bool(rows)


def orphaned(store: Store) -> bool:
    """Whether a resolved name key is linked to no document actor any more (its documents left)."""
    rows = store.rows(
        "SELECT 1 FROM actor_names n ANTI JOIN (SELECT DISTINCT name_key FROM actor_links) l USING (name_key) LIMIT 1"
    )
    return bool(rows)


def forget_orphans(store: Store) -> None:
    """Drop the name keys no document actor has any more, and the global actors left without a name."""
    with store.transaction() as con:
        con.execute("DELETE FROM actor_names WHERE name_key NOT IN (SELECT DISTINCT name_key FROM actor_links)")
        con.execute("DELETE FROM global_actors WHERE id NOT IN (SELECT DISTINCT actor_id FROM actor_names)")


def overrides_digest(store: Store) -> str:
    rows = store.rows("SELECT value FROM fusion_state WHERE name = 'overrides'")
    return str(rows[0]["value"]) if rows else ""


def name_rows(store: Store, keys: Sequence[str] | None = None) -> list[Row]:
    """Per name key (all, or those of `keys`) and spelling: the key's kind, key, country, role, sector and code,
    mentions, aliases."""
    where = "" if keys is None else "WHERE name_key IN (SELECT unnest(?::VARCHAR[]))"
    return store.rows(
        f"""SELECT name_key, name, any_value(kind) AS kind, any_value(key) AS key, any_value(country) AS country,
                  any_value(role) AS role, mode(sector) AS sector, mode(code) AS code, sum(mentions) AS mentions,
                  list_distinct(flatten(list(aliases))) AS aliases
           FROM actor_links {where} GROUP BY name_key, name ORDER BY name_key, name""",
        [] if keys is None else [list(keys)],
    )


def pending(store: Store) -> list[str]:
    """The name keys whose document actors changed since actors were last resolved (and any not resolved)."""
    rows = store.rows(
        """SELECT name_key FROM actor_pending UNION SELECT name_key FROM
           (SELECT DISTINCT name_key FROM actor_links) l ANTI JOIN actor_names n USING (name_key) ORDER BY 1"""
    )
    return [r["name_key"] for r in rows]


KEY_COLUMNS = ("name_key", "component", "name", "aliases", "kind", "key", "country", "role", "sector", "code",
               "mentions", "terms")


def key_rows(store: Store, keys: Sequence[str] = (), components: Sequence[str] = ()) -> list[Row]:
    """The stored name keys (`actor_keys`) among `keys` or in `components`."""
    return store.rows(
        "SELECT * FROM actor_keys WHERE name_key IN (SELECT unnest(?::VARCHAR[])) "
        "OR component IN (SELECT unnest(?::VARCHAR[])) ORDER BY name_key",
        [list(keys), list(components)],
    )


def probed_components(store: Store, probes: Sequence[str]) -> list[str]:
    """The components of the stored name keys sharing one of `probes`."""
    rows = store.rows(
        """SELECT DISTINCT component FROM (SELECT component, unnest(terms) AS term FROM actor_keys)
           WHERE term IN (SELECT unnest(?::VARCHAR[]))""",
        [list(probes)],
    )
    return [r["component"] for r in rows]


def groups(store: Store, keys: Sequence[str] = (), ids: Sequence[str] = ()) -> list[Row]:
    """(actor_id, name_key, why) of the global actors of `keys`, and of those with `ids`, all their name keys."""
    return store.rows(
        """SELECT n.actor_id, n.name_key, g.why FROM actor_names n JOIN global_actors g ON g.id = n.actor_id
           WHERE n.actor_id IN (SELECT actor_id FROM actor_names WHERE name_key IN (SELECT unnest(?::VARCHAR[])))
              OR n.actor_id IN (SELECT unnest(?::VARCHAR[]))
           ORDER BY n.actor_id, n.name_key""",
        [list(keys), list(ids)],
    )


# An id without the `~2` that tells apart two actors sharing one.
BASE_ID = "regexp_replace({}, '~[0-9]+$', '')"


def ids_sharing(store: Store, bases: Sequence[str]) -> list[str]:
    """The global actors whose id is one of `bases` (or one of them told apart by `~N`)."""
    rows = store.rows(f"SELECT id FROM global_actors WHERE {BASE_ID.format('id')} IN (SELECT unnest(?::VARCHAR[]))",
                      [list(bases)])
    return [r["id"] for r in rows]


def write_resolution(
    store: Store, mapping: Sequence[Row], actors: Sequence[Row], keys: Sequence[Row], digest: str,
    replaced: tuple[Sequence[str], Sequence[str]] | None = None,
) -> None:
    """Write name keys' global actors, the global actors, with their mentions and documents counted, and the name
    keys as resolved (`actor_keys`); in place of all of them, or of the actors and name keys `replaced` names."""
    names = pa.table({"name_key": [m["name_key"] for m in mapping], "actor_id": [m["actor_id"] for m in mapping]})
    cols = ["id", "name", "kind", "country", "role", "sector", "code", "aliases", "mentions", "documents", "why"]
    table = pa.Table.from_pylist([{c: a.get(c) for c in cols} for a in actors], schema=pa.schema([
        ("id", pa.string()), ("name", pa.string()), ("kind", pa.string()), ("country", pa.string()),
        ("role", pa.string()), ("sector", pa.string()), ("code", pa.string()), ("aliases", pa.list_(pa.string())),
        ("mentions", pa.int32()), ("documents", pa.int32()), ("why", pa.list_(pa.string())),
    ]))
    key_table = pa.Table.from_pylist([{c: k.get(c) for c in KEY_COLUMNS} for k in keys], schema=KEY_SCHEMA)
    with store.transaction() as con:
        if replaced is None:
            for name in ("actor_names", "global_actors", "actor_keys", "actor_pending"):
                con.execute(f"DELETE FROM {name}")
        else:
            ids, gone = list(replaced[0]), list(replaced[1])
            con.execute("DELETE FROM actor_names WHERE actor_id IN (SELECT unnest(?::VARCHAR[])) "
                        "OR name_key IN (SELECT unnest(?::VARCHAR[]))", [ids, gone])
            con.execute("DELETE FROM global_actors WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids])
            con.execute("DELETE FROM actor_keys WHERE name_key IN (SELECT unnest(?::VARCHAR[]))", [gone])
            con.execute("DELETE FROM actor_pending")
        con.register("_names", names)
        con.register("_actors", table)
        con.register("_keys", key_table)
        try:
            con.execute("INSERT INTO actor_names SELECT name_key, actor_id FROM _names")
            con.execute("INSERT INTO global_actors SELECT * FROM _actors")
            con.execute(f"INSERT INTO actor_keys SELECT {', '.join(KEY_COLUMNS)} FROM _keys")
            con.execute(
                """UPDATE global_actors g SET mentions = c.mentions, documents = c.documents
                   FROM (SELECT n.actor_id, sum(l.mentions) AS mentions, count(DISTINCT l.doc_id) AS documents
                         FROM actor_links l JOIN actor_names n USING (name_key)
                         WHERE n.actor_id IN (SELECT id FROM _actors) GROUP BY n.actor_id) c
                   WHERE g.id = c.actor_id"""
            )
        finally:
            for name in ("_names", "_actors", "_keys"):
                con.unregister(name)
        con.execute("DELETE FROM fusion_state WHERE name = 'overrides'")
        con.execute("INSERT INTO fusion_state VALUES ('overrides', ?)", [digest])
        refresh_network(con)  # the network of actors shows the global actors' names


KEY_SCHEMA = pa.schema([
    ("name_key", pa.string()), ("component", pa.string()), ("name", pa.string()), ("aliases", pa.list_(pa.string())),
    ("kind", pa.string()), ("key", pa.string()), ("country", pa.string()), ("role", pa.string()),
    ("sector", pa.string()), ("code", pa.string()), ("mentions", pa.int32()), ("terms", pa.list_(pa.string())),
])


ACTOR_ORDER = " ORDER BY g.mentions DESC, g.name, g.id"


def actors(
    store: Store, kind: str | None = None, country: str | None = None, role: str | None = None,
    doc: str | None = None, count: int | None = None,
) -> list[Row]:
    """Global actors, most mentioned first; `doc` keeps those appearing in that document."""
    where = Where()
    if kind:
        where.all(equals("g.kind", kind))
    if country:
        where.add("upper(g.country) = upper(?)", country)
    if role:
        where.add("lower(g.role) = lower(?)", role)
    if doc:
        inner = Where().all(names_document("d", doc))
        where.add(
            "g.id IN (SELECT n.actor_id FROM actor_links l JOIN actor_names n USING (name_key) "
            f"JOIN documents d ON d.id = l.doc_id{inner.sql()})",
            *inner.params,
        )
    tail, more = limit(count)
    return store.rows("SELECT g.* FROM global_actors g" + where.sql() + ACTOR_ORDER + tail, [*where.params, *more])


def actors_named(store: Store, text: str) -> list[Row]:
    """Global actors whose name or an alias contains `text` (a first cut for finding one by name)."""
    clause, params = contains("g.name", text)
    return store.rows(
        f"SELECT g.* FROM global_actors g WHERE {clause} OR list_contains(g.aliases, ?)" + ACTOR_ORDER,
        [*params, text],
    )


# dyad.extract.actors.names.normalise in SQL: no case, accents, hyphens, spaces, dots or apostrophes
NORMALISED = "regexp_replace(lower(strip_accents({})), '[\\s\\-\u2010\u2011.''\u2019]', '', 'g')"


def actors_spelled(store: Store, known: str, normalised: str) -> list[Row]:
    """Global actors whose id is `known`, or whose name or an alias normalises to `normalised` (a first cut
    that spares reading every actor to find one by its name)."""
    name, alias = NORMALISED.format("g.name"), NORMALISED.format("x")
    return store.rows(
        f"SELECT g.* FROM global_actors g WHERE g.id = ? OR {name} = ? "
        f"OR list_contains(list_transform(g.aliases, lambda x: {alias}), ?)" + ACTOR_ORDER,
        [known, normalised, normalised],
    )


def members(store: Store, actor_id: str) -> list[tuple[str, str]]:
    """The document actors (doc_id, key) of one global actor."""
    rows = store.rows(
        """SELECT l.doc_id, l.key FROM actor_links l JOIN actor_names n USING (name_key)
           WHERE n.actor_id = ? ORDER BY l.doc_id, l.key""",
        [actor_id],
    )
    return [(r["doc_id"], r["key"]) for r in rows]
