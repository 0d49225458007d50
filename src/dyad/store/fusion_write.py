"""Writing fusion's results: one transaction replaces the groups that changed and adds the new rows.

`dyad.fuse.update` works out what changed (`FusionWrite`); this module is the
only place it reaches the tables. Rows are dicts keyed by column name and go
in as one Arrow table per fusion table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pyarrow as pa

from dyad.fuse.config import speculative_modalities
from dyad.store import aggregate_tables, pair_tables
from dyad.store.db import Store
from dyad.store.fusion_tables import FUSION_DDL, FUSION_TABLES
from dyad.store.schema import arrow_schema, ddl_columns

Row = dict[str, Any]


@dataclass
class FusionWrite:
    """Everything one fusion step changes."""

    drop_docs: list[str] = field(default_factory=list)  # documents leaving fusion (doc_sources, actor links)
    doc_sources: list[Row] = field(default_factory=list)
    story_clusters: list[str] = field(default_factory=list)  # groups whose stories and mentions are replaced
    stories: list[Row] = field(default_factory=list)
    mentions: list[Row] = field(default_factory=list)
    figure_clusters: list[str] = field(default_factory=list)
    figures: list[Row] = field(default_factory=list)
    figure_claims: list[Row] = field(default_factory=list)
    contradiction_refs: list[str] = field(default_factory=list)  # stories and figures whose contradictions go
    contradictions: list[Row] = field(default_factory=list)
    actor_links: list[Row] = field(default_factory=list)
    state: dict[str, str] = field(default_factory=dict)
    background_days: int = 30  # the threshold of current events the stored aggregates count with


_COLUMNS = ddl_columns(FUSION_DDL)


def _arrow(table: str, rows: Sequence[Row]) -> pa.Table:
    cols = _COLUMNS[table]
    schema = arrow_schema([(name.strip('"'), sql) for name, sql in cols])
    return pa.Table.from_pylist(list(rows), schema=schema)


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[Row]) -> None:
    if not rows:
        return
    con.register("_fusion_rows", _arrow(table, rows))
    try:
        con.execute(f"INSERT INTO {table} SELECT * FROM _fusion_rows")
    finally:
        con.unregister("_fusion_rows")


def _delete_in(con: duckdb.DuckDBPyConnection, table: str, column: str, values: Sequence[str]) -> None:
    if not values:
        return
    con.register("_fusion_keys", pa.table({"v": pa.array(list(values), pa.string())}))
    try:
        con.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT v FROM _fusion_keys)")
    finally:
        con.unregister("_fusion_keys")


# Global actors' mentions and documents, moved by the links of some documents (a sum, so the same in any order).
ACTOR_COUNTS = """UPDATE global_actors g SET mentions = g.mentions {sign} c.m, documents = g.documents {sign} c.d
FROM (SELECT n.actor_id, sum(l.mentions) AS m, count(DISTINCT l.doc_id) AS d
      FROM actor_links l JOIN actor_names n USING (name_key)
      WHERE l.doc_id IN (SELECT v FROM _fusion_keys) GROUP BY n.actor_id) c
WHERE g.id = c.actor_id"""


def _count_actors(con: duckdb.DuckDBPyConnection, docs: Sequence[str], sign: str) -> None:
    if not docs:
        return
    con.register("_fusion_keys", pa.table({"v": pa.array(list(docs), pa.string())}))
    try:
        con.execute(ACTOR_COUNTS.format(sign=sign))
    finally:
        con.unregister("_fusion_keys")


def _pending(con: duckdb.DuckDBPyConnection, docs: Sequence[str]) -> None:
    """The name keys of these documents' actors: resolved again at the next actor resolution."""
    if docs:
        con.execute("INSERT INTO actor_pending SELECT DISTINCT name_key FROM actor_links "
                    "WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [list(docs)])


def apply(store: Store, change: FusionWrite) -> None:
    """Apply one fusion step in one transaction: all of it or none."""
    with store.transaction() as con:
        # what the documents leaving contributed to the stored aggregates, while their rows are there
        aggregate_tables.take_away(con, change.drop_docs, change.background_days)
        # the dyads whose outlets the documents leaving and the groups replaced counted in, while their rows are there
        pairs = pair_tables.touched(con, change.drop_docs, change.story_clusters, change.figure_clusters)
        _count_actors(con, change.drop_docs, "-")
        _pending(con, change.drop_docs)
        for table in ("doc_sources", "actor_links"):
            _delete_in(con, table, "doc_id", change.drop_docs)
        _delete_in(con, "contradictions", "ref", change.contradiction_refs)
        if change.drop_docs:  # relation contradictions of documents that leave
            _delete_in(con, "contradictions", "first_doc", change.drop_docs)
            _delete_in(con, "contradictions", "second_doc", change.drop_docs)
        for table in ("stories", "story_mentions"):
            _delete_in(con, table, "cluster", change.story_clusters)
        for table in ("figures", "figure_claims"):
            _delete_in(con, table, "cluster", change.figure_clusters)
        _insert(con, "doc_sources", change.doc_sources)
        _insert(con, "stories", change.stories)
        _insert(con, "story_mentions", change.mentions)
        _insert(con, "figures", change.figures)
        _insert(con, "figure_claims", change.figure_claims)
        _insert(con, "contradictions", change.contradictions)
        _insert(con, "actor_links", change.actor_links)
        _pending(con, sorted({str(r["doc_id"]) for r in change.actor_links}))
        _count_actors(con, sorted({str(r["doc_id"]) for r in change.actor_links}), "+")
        for name, value in change.state.items():
            con.execute("DELETE FROM fusion_state WHERE name = ?", [name])
            con.execute("INSERT INTO fusion_state VALUES (?, ?)", [name, value])
        # what the documents coming in contribute to the stored aggregates
        aggregate_tables.add(con, [str(r["doc_id"]) for r in change.doc_sources], change.background_days)
        # and the dyads the documents coming in and the groups made again count in: their outlets counted again
        pairs |= pair_tables.touched(
            con, [str(r["doc_id"]) for r in change.doc_sources],
            sorted({*change.story_clusters, *(str(r["cluster"]) for r in change.stories)}),
            sorted({*change.figure_clusters, *(str(r["cluster"]) for r in change.figures)}))
        pair_tables.refresh(con, pairs, speculative_modalities())


def clear(store: Store) -> None:
    """Empty every fusion table (before a rebuild)."""
    with store.transaction() as con:
        for table in FUSION_TABLES:
            con.execute(f"DELETE FROM {table}")
