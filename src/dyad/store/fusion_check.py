"""Counts that say whether the fusion tables agree with the documents and items they were built from."""

from __future__ import annotations

from typing import Any

from dyad.store.db import Store

# name -> (what it means when not zero, SQL counting the rows at fault)
CHECKS: dict[str, tuple[str, str]] = {
    "unfused": (
        "stored documents not fused yet",
        "SELECT count(*) AS n FROM documents d ANTI JOIN doc_sources s ON s.doc_id = d.id",
    ),
    "gone": (
        "fused documents no longer stored",
        "SELECT count(*) AS n FROM doc_sources s ANTI JOIN documents d ON d.id = s.doc_id",
    ),
    "events": (
        "events of fused documents in no story",
        "SELECT count(*) AS n FROM events e SEMI JOIN doc_sources s ON s.doc_id = e.doc_id "
        "ANTI JOIN story_mentions m ON m.doc_id = e.doc_id AND m.idx = e.idx",
    ),
    "mentions": (
        "story mentions whose event or story is missing",
        "SELECT count(*) AS n FROM story_mentions m "
        "WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.doc_id = m.doc_id AND e.idx = m.idx) "
        "OR NOT EXISTS (SELECT 1 FROM stories s WHERE s.id = m.story_id)",
    ),
    "stories": (
        "stories without a mention",
        "SELECT count(*) AS n FROM stories s ANTI JOIN story_mentions m ON m.story_id = s.id",
    ),
    "claims": (
        "claims of fused documents in no figure",
        "SELECT count(*) AS n FROM claims c SEMI JOIN doc_sources s ON s.doc_id = c.doc_id "
        "ANTI JOIN figure_claims f ON f.doc_id = c.doc_id AND f.idx = c.idx",
    ),
    "figures": (
        "figure claims whose claim or figure is missing",
        "SELECT count(*) AS n FROM figure_claims f "
        "WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.doc_id = f.doc_id AND c.idx = f.idx) "
        "OR NOT EXISTS (SELECT 1 FROM figures g WHERE g.id = f.figure_id)",
    ),
    "contradictions": (
        "contradictions with a side in a document that is not fused",
        "SELECT count(*) AS n FROM contradictions k "
        "WHERE k.first_doc NOT IN (SELECT doc_id FROM doc_sources) OR k.second_doc NOT IN (SELECT doc_id FROM doc_sources)",
    ),
    "actors": (
        "document actors of fused documents not linked to a name",
        "SELECT count(*) AS n FROM actors a SEMI JOIN doc_sources s ON s.doc_id = a.doc_id "
        "ANTI JOIN actor_links l ON l.doc_id = a.doc_id AND l.key = a.key",
    ),
    "unresolved": (
        "actor names not resolved into a global actor",
        "SELECT count(*) AS n FROM (SELECT DISTINCT name_key FROM actor_links) l "
        "ANTI JOIN actor_names n USING (name_key)",
    ),
}


def counts(store: Store) -> dict[str, tuple[str, int]]:
    """Per check: what it means and how many rows are at fault."""
    return {name: (meaning, int(store.rows(sql)[0]["n"])) for name, (meaning, sql) in CHECKS.items()}


def outlets_and_urls(store: Store) -> list[dict[str, Any]]:
    """(id, outlet, url, near_copy_of) of every document beside the outlet and source fusion stored."""
    return store.rows(
        """SELECT d.id, d.outlet, d.url, coalesce(d.near_copy_of, d.id) AS original, o.outlet AS original_outlet,
                  o.url AS original_url, d.published, s.outlet AS fused_outlet, s.source_key AS fused_source,
                  s.published AS fused_published
           FROM documents d JOIN doc_sources s ON s.doc_id = d.id LEFT JOIN documents o ON o.id = d.near_copy_of"""
    )


def table_rows(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every fusion table's rows, sorted: what two stores are compared on (a rebuild against incremental fusion)."""
    from dyad.store.fusion_tables import FUSION_TABLES

    out = {}
    for table in FUSION_TABLES:
        rows = store.rows(f"SELECT * FROM {table}")
        out[table] = sorted(tuple(repr(v) for v in r.values()) for r in rows)
    return out
