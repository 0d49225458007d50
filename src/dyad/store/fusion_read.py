"""What incremental fusion reads: the new documents' items, and the stored reports and claims they may join.

Every function takes the ids of the documents being fused (or the keys and
day ranges they touch) and returns plain rows; `dyad.fuse.update` turns them
into the items the fusion rules compare. Nothing here reads the whole store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pyarrow as pa

from dyad.store.db import Store

Row = dict[str, Any]


def _ids(ids: Sequence[str]) -> pa.Table:
    return pa.table({"id": pa.array(list(ids), pa.string())})


def _fetch(con: Any, sql: str, params: Sequence[Any] = ()) -> list[Row]:
    """Rows as dicts, through Arrow (much faster than Python tuples for many rows)."""
    table = con.sql(sql, params=list(params)).to_arrow_table()
    rows: list[Row] = table.to_pylist() if table is not None else []
    return rows


def _with_table(store: Store, name: str, table: pa.Table, sql: str, params: Sequence[Any] = ()) -> list[Row]:
    """Run `sql`, which joins the Arrow `table` registered under `name`."""
    with store.reading() as con:
        con.register(name, table)
        try:
            return _fetch(con, sql, params)
        finally:
            con.unregister(name)


def _with_ids(store: Store, sql: str, ids: Sequence[str], params: Sequence[Any] = ()) -> list[Row]:
    """Run `sql`, which joins the registered table `_ids(id)`, for these ids."""
    return _with_table(store, "_ids", _ids(ids), sql, params)


def unfused_documents(store: Store, limit: int | None = None) -> list[str]:
    """Stored documents that fusion has not seen yet, oldest publication first."""
    tail = f" LIMIT {int(limit)}" if limit is not None else ""
    rows = store.rows(
        "SELECT d.id FROM documents d ANTI JOIN doc_sources s ON s.doc_id = d.id "
        "ORDER BY d.published NULLS LAST, d.id" + tail
    )
    return [r["id"] for r in rows]


def fused_documents(store: Store, ids: Sequence[str]) -> set[str]:
    """Which of these documents fusion has seen."""
    return {r["doc_id"] for r in _with_ids(store, "SELECT s.doc_id FROM doc_sources s JOIN _ids i ON i.id = s.doc_id", ids)}


def all_documents(store: Store) -> list[str]:
    """Every stored document, by publication day: the order a rebuild fuses them in."""
    return [r["id"] for r in store.rows("SELECT id FROM documents ORDER BY published NULLS LAST, id")]


def document_meta(store: Store, ids: Sequence[str]) -> list[Row]:
    """Outlet, URL and date of each document and of the original it is a near-copy of."""
    return _with_ids(
        store,
        """SELECT d.id, d.outlet, d.url, d.published, coalesce(d.near_copy_of, d.id) AS original,
                  o.outlet AS original_outlet, o.url AS original_url
           FROM documents d JOIN _ids i ON i.id = d.id
           LEFT JOIN documents o ON o.id = d.near_copy_of""",
        ids,
    )


def sentence_texts(store: Store, ids: Sequence[str]) -> list[Row]:
    """(doc_id, words) of every sentence of these documents."""
    return _with_ids(
        store,
        """SELECT s.doc_id, substr(d.text, s.start + 1, s."end" - s.start) AS words
           FROM sentences s JOIN _ids i ON i.id = s.doc_id JOIN documents d ON d.id = s.doc_id""",
        ids,
    )


EVENT_COLUMNS = """e.doc_id, e.idx, e.source, e.target, e.code, e.root, e.trigger, e.realis, e.modality, e.negated,
       e."when", e.when_until, e.background, e.goldstein, e.quad_class, e."end" - e.start AS length,
       substr(d.text, e.start + 1, e."end" - e.start) AS words,
       sa.name AS source_name, sa.kind AS source_kind, sa.key AS source_key_name,
       ta.name AS target_name, ta.kind AS target_kind, ta.key AS target_key_name"""
EVENT_JOINS = """JOIN documents d ON d.id = e.doc_id
       LEFT JOIN actors sa ON sa.doc_id = e.doc_id AND sa.key = e.source_actor
       LEFT JOIN actors ta ON ta.doc_id = e.doc_id AND ta.key = e.target_actor"""


def event_rows(store: Store, ids: Sequence[str]) -> list[Row]:
    """The events of these documents with their sentence's words and their actors' names and kinds."""
    return _with_ids(
        store,
        f"SELECT {EVENT_COLUMNS}, d.published FROM events e JOIN _ids i ON i.id = e.doc_id {EVENT_JOINS} "
        "ORDER BY e.doc_id, e.idx",
        ids,
    )


MENTION_COLUMNS = """m.cluster, m.doc_id, m.idx, m.family, m.a, m.b, m.day_lo, m.day_hi, m.own_time, m.background,
       m.realis, m.negated, m.source_key, m.published, m.stem, m.words, m.source_name, m.target_name,
       m.code, m.root, m.modality, m."when", m.goldstein, m.quad_class, m.length, m.outlet,
       m.when_until"""


def reports_near(store: Store, windows: Sequence[tuple[str, str, str, dt.date, dt.date]]) -> list[Row]:
    """Stored reports of these keys (family, a, b) whose days overlap the given day ranges."""
    if not windows:
        return []
    table = pa.table({
        "family": [w[0] for w in windows], "a": [w[1] for w in windows], "b": [w[2] for w in windows],
        "lo": pa.array([w[3] for w in windows], pa.date32()), "hi": pa.array([w[4] for w in windows], pa.date32()),
    })
    return _with_table(
        store, "_windows", table,
        f"""SELECT DISTINCT {MENTION_COLUMNS} FROM story_mentions m
            JOIN _windows w ON w.family = m.family AND w.a = m.a AND w.b = m.b
                 AND m.day_lo <= w.hi AND m.day_hi >= w.lo""",
    )


def reports_of_clusters(store: Store, clusters: Sequence[str]) -> list[Row]:
    """Every stored report of these story groups."""
    return _with_ids(
        store, f"SELECT {MENTION_COLUMNS} FROM story_mentions m JOIN _ids i ON i.id = m.cluster", clusters
    )


def story_clusters_of(store: Store, ids: Sequence[str]) -> list[str]:
    """The story groups holding a report of these documents."""
    rows = _with_ids(store, "SELECT DISTINCT m.cluster FROM story_mentions m JOIN _ids i ON i.id = m.doc_id", ids)
    return sorted(r["cluster"] for r in rows)


def stories_of_clusters(store: Store, clusters: Sequence[str]) -> list[Row]:
    """The stories of these groups."""
    return _with_ids(store, "SELECT s.* FROM stories s JOIN _ids i ON i.id = s.cluster", clusters)


def contradiction_ids(store: Store, refs: Sequence[str], docs: Sequence[str]) -> set[str]:
    """Contradictions about these stories or figures, or with a side in these documents."""
    rows = _with_ids(store, "SELECT c.id FROM contradictions c JOIN _ids i ON i.id = c.ref", refs)
    rows += _with_ids(
        store, "SELECT c.id FROM contradictions c JOIN _ids i ON i.id = c.first_doc OR i.id = c.second_doc", docs
    )
    return {r["id"] for r in rows}


CLAIM_COLUMNS = """c.doc_id, c.idx, c.value, c.unit, c.approx, c.qualifier, c.about, c.actors, c."when", c.when_until"""


def claim_rows(store: Store, ids: Sequence[str]) -> list[Row]:
    """The claims of these documents."""
    return _with_ids(
        store,
        f"SELECT {CLAIM_COLUMNS} FROM claims c JOIN _ids i ON i.id = c.doc_id ORDER BY c.doc_id, c.idx",
        ids,
    )


STORED_CLAIM = f"""SELECT {CLAIM_COLUMNS}, f.cluster, f.published, f.source_key, s.original
    FROM figure_claims f JOIN claims c ON c.doc_id = f.doc_id AND c.idx = f.idx
    LEFT JOIN doc_sources s ON s.doc_id = f.doc_id"""


def claims_near(store: Store, windows: Sequence[tuple[str, dt.date, dt.date]]) -> list[Row]:
    """Stored claims of these blocks (unit and states) published inside the given day ranges."""
    if not windows:
        return []
    table = pa.table({
        "block": [w[0] for w in windows],
        "lo": pa.array([w[1] for w in windows], pa.date32()), "hi": pa.array([w[2] for w in windows], pa.date32()),
    })
    return _with_table(
        store, "_windows", table,
        f"""SELECT DISTINCT * FROM ({STORED_CLAIM}
            JOIN _windows w ON w.block = f.block AND f.published BETWEEN w.lo AND w.hi)""",
    )


def claims_of_clusters(store: Store, clusters: Sequence[str]) -> list[Row]:
    return _with_ids(store, f"{STORED_CLAIM} JOIN _ids i ON i.id = f.cluster", clusters)


def figure_clusters_of(store: Store, ids: Sequence[str]) -> list[str]:
    rows = _with_ids(store, "SELECT DISTINCT f.cluster FROM figure_claims f JOIN _ids i ON i.id = f.doc_id", ids)
    return sorted(r["cluster"] for r in rows)


def figures_of_clusters(store: Store, clusters: Sequence[str]) -> list[Row]:
    return _with_ids(store, "SELECT f.* FROM figures f JOIN _ids i ON i.id = f.cluster", clusters)


def relation_rows(store: Store, ids: Sequence[str]) -> list[Row]:
    """The relations of these documents."""
    return _with_ids(
        store,
        """SELECT r.doc_id, r.idx, r.a, r.b, r.type, r.polarity, r.directed
           FROM relations r JOIN _ids i ON i.id = r.doc_id ORDER BY r.doc_id, r.idx""",
        ids,
    )


def relation_rows_fused(store: Store, ids: Sequence[str]) -> list[Row]:
    """The relations of these fused documents with the date and source fusion stored for them."""
    return _with_ids(
        store,
        """SELECT r.doc_id, r.idx, r.a, r.b, r.type, r.polarity, r.directed, s.published, s.source_key, s.original
           FROM relations r JOIN _ids i ON i.id = r.doc_id JOIN doc_sources s ON s.doc_id = r.doc_id
           ORDER BY r.doc_id, r.idx""",
        ids,
    )


def relations_near(store: Store, windows: Sequence[tuple[str, str, dt.date | None, dt.date | None]]) -> list[Row]:
    """Fused relations between these pairs of states (either order), published inside the day ranges
    (any day for a range of None), with their document's date and source."""
    if not windows:
        return []
    table = pa.table({
        "a": [w[0] for w in windows], "b": [w[1] for w in windows],
        "lo": pa.array([w[2] for w in windows], pa.date32()), "hi": pa.array([w[3] for w in windows], pa.date32()),
    })
    return _with_table(
        store, "_pairs", table,
        """SELECT DISTINCT r.doc_id, r.idx, r.a, r.b, r.type, r.polarity, r.directed, s.published, s.source_key,
                  s.original
           FROM relations r JOIN _pairs p ON (r.a = p.a AND r.b = p.b) OR (r.a = p.b AND r.b = p.a)
           JOIN doc_sources s ON s.doc_id = r.doc_id
           WHERE p.lo IS NULL OR s.published IS NULL OR s.published BETWEEN p.lo AND p.hi
           ORDER BY r.doc_id, r.idx""",
    )


def actor_rows(store: Store, ids: Sequence[str]) -> list[Row]:
    """The actors of these documents with how often each is mentioned."""
    return _with_ids(
        store,
        """WITH counts AS (SELECT m.doc_id, m.actor_key, count(*) AS n FROM mentions m JOIN _ids i ON i.id = m.doc_id
                           GROUP BY ALL)
           SELECT a.doc_id, a.key, a.name, a.kind, a.country, a.role, a.sector, a.code, a.aliases,
                  coalesce(c.n, 0) AS mentions
           FROM actors a JOIN _ids i ON i.id = a.doc_id
           LEFT JOIN counts c ON c.doc_id = a.doc_id AND c.actor_key = a.key ORDER BY a.doc_id, a.idx""",
        ids,
    )


def state(store: Store) -> dict[str, str]:
    """What fusion recorded about how it last ran (`fusion_state`)."""
    return {r["name"]: r["value"] for r in store.rows("SELECT name, value FROM fusion_state")}


def outlets(store: Store, ids: Sequence[str]) -> dict[str, str | None]:
    """The outlet fusion stored for each of these documents."""
    return {r["doc_id"]: r["outlet"] for r in _with_ids(
        store, "SELECT s.doc_id, s.outlet FROM doc_sources s JOIN _ids i ON i.id = s.doc_id", ids)}
