"""What the web app browses: a page of events with facet counts, and dyad temperatures in one go.

The events list filters, sorts, counts and pages in SQL, so a page of 50 rows
out of millions costs one top-N query; facet counts are one GROUP BY each over
the same filtered events. A period keeps the events whose days (their own date,
a day, month or year, else their document's publication day) overlap it, as
`dyad events --since/--until` does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from dyad.store.corpus import EVENT_DATE_SQL, OUTLET_SQL
from dyad.store.db import Store
from dyad.store.listings import EVENTS_SQL, _event_row
from dyad.store.where import Where, names_document, one_of
from dyad.stored import EventRow, FacetCount, GoldsteinWindows

# The first and last day an event's date covers.
DAY_FROM = """CASE
    WHEN e."when" IS NULL THEN d.published
    WHEN length(e."when") = 10 THEN try_cast(e."when" AS DATE)
    WHEN length(e."when") = 7 THEN try_cast(e."when" || '-01' AS DATE)
    WHEN length(e."when") = 4 THEN try_cast(e."when" || '-01-01' AS DATE)
    END"""
DAY_TO = """CASE
    WHEN e."when" IS NULL THEN d.published
    WHEN length(e."when") = 10 THEN try_cast(e."when" AS DATE)
    WHEN length(e."when") = 7 THEN last_day(try_cast(e."when" || '-01' AS DATE))
    WHEN length(e."when") = 4 THEN try_cast(e."when" || '-12-31' AS DATE)
    END"""

SORTS = {
    "date": f"({DAY_FROM}) NULLS LAST, e.doc_id, e.idx",
    "-date": f"({DAY_FROM}) DESC NULLS LAST, e.doc_id, e.idx",
    "goldstein": "e.goldstein NULLS LAST, e.doc_id, e.idx",
    "-goldstein": "e.goldstein DESC NULLS LAST, e.doc_id, e.idx",
    "code": "e.code, e.doc_id, e.idx",
}

# facet name -> the SQL value it counts (over events e, documents d, actors a1/a2)
FACETS = {
    "root": "e.root",
    "quad": "CAST(e.quad_class AS VARCHAR)",
    "realis": "CASE WHEN e.realis THEN 'yes' ELSE 'no' END",
    "outlet": OUTLET_SQL,
    "source": "e.source",
    "target": "e.target",
}
ACTOR_JOINS = """LEFT JOIN actors a1 ON a1.doc_id = e.doc_id AND a1.key = e.source_actor
LEFT JOIN actors a2 ON a2.doc_id = e.doc_id AND a2.key = e.target_actor"""


@dataclass
class EventFilter:
    """The facets of the events list: each list keeps events with one of its values."""

    roots: list[str] = field(default_factory=list)
    quads: list[int] = field(default_factory=list)
    realis: bool | None = None
    outlets: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)  # source or target
    sources: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)  # CAMEO actor codes, either side
    since: dt.date | None = None
    until: dt.date | None = None
    doc: str | None = None
    members: list[tuple[str, str]] = field(default_factory=list)  # (doc_id, actor key): one actor's events

    def where(self) -> Where:
        where = Where()
        if self.members:
            keys = [f"{doc}|{key}" for doc, key in self.members]
            where.add("(e.doc_id || '|' || e.source_actor IN (SELECT unnest(?::VARCHAR[])) "
                      "OR e.doc_id || '|' || e.target_actor IN (SELECT unnest(?::VARCHAR[])))", keys, keys)
        for column, values in (("e.root", self.roots), ("e.quad_class", self.quads), (OUTLET_SQL, self.outlets),
                               ("e.source", self.sources), ("e.target", self.targets)):
            if values:
                where.all(one_of(column, values))
        if self.countries:
            where.any(one_of("e.source", self.countries), one_of("e.target", self.countries))
        if self.actors:
            where.any(one_of("a1.code", self.actors), one_of("a2.code", self.actors))
        if self.realis is not None:
            where.add("e.realis = ?", self.realis)
        if self.since:
            where.add(f"({DAY_TO}) >= ?", self.since)
        if self.until:
            where.add(f"({DAY_FROM}) <= ?", self.until)
        if self.doc:
            where.all(names_document("d", self.doc))
        return where


def _filtered(f: EventFilter, columns: str) -> tuple[str, list[Any]]:
    where = f.where()
    sql = f"SELECT {columns} FROM events e JOIN documents d ON d.id = e.doc_id {ACTOR_JOINS}{where.sql()}"
    return sql, where.params


def event_page(store: Store, f: EventFilter, sort: str = "date", count: int = 50, offset: int = 0) -> list[EventRow]:
    """One page of the filtered events, in the order `sort` names (a key of SORTS)."""
    inner, params = _filtered(f, f"e.doc_id, e.idx, row_number() OVER (ORDER BY {SORTS[sort]}) AS n")
    page = f"WITH page AS ({inner} ORDER BY n LIMIT ? OFFSET ?) "
    # the full row (with the sentence's position) only for the page's rows
    sql = page + EVENTS_SQL + "JOIN page p ON p.doc_id = e.doc_id AND p.idx = e.idx ORDER BY p.n"
    return [_event_row(r) for r in store.rows(sql, [*params, count, offset])]


def event_count(store: Store, f: EventFilter) -> int:
    sql, params = _filtered(f, "count(*) AS n")
    return int(store.rows(sql, params)[0]["n"])


def event_facets(store: Store, f: EventFilter, top: int = 30) -> list[FacetCount]:
    """The most frequent values of every facet among the filtered events."""
    columns = ", ".join(f"{expr} AS {name}" for name, expr in FACETS.items())
    inner, params = _filtered(f, columns + ", a1.code AS source_code, a2.code AS target_code, e.doc_id, e.idx")
    values = {name: f"SELECT {name} AS value FROM ev" for name in FACETS}
    # an actor code on either side: one event counts once for each code it involves
    values["actor"] = "SELECT DISTINCT * FROM (SELECT unnest([source_code, target_code]) AS value, doc_id, idx FROM ev)"
    parts = [
        f"(SELECT '{name}' AS facet, value, count(*) AS n FROM ({query}) WHERE value IS NOT NULL "
        f"GROUP BY value ORDER BY n DESC, value LIMIT {top})"
        for name, query in values.items()
    ]
    sql = f"WITH ev AS ({inner}) " + " UNION ALL ".join(parts)
    return [FacetCount(**r) for r in store.rows(sql, params)]


def dyad_windows(
    store: Store, pairs: list[tuple[str, str]], window_days: int
) -> dict[tuple[str, str], tuple[dt.date, GoldsteinWindows]]:
    """For each unordered pair: its last dated realis event's day and the Goldstein windows before it.

    One statement for all the pairs (what `dyad.analyse.dyads.temperature` computes for one).
    """
    if not pairs:
        return {}
    keys = sorted({tuple(sorted(p)) for p in pairs})
    sql = f"""
    WITH ev AS (
        SELECT least(e.source, e.target) AS a, greatest(e.source, e.target) AS b, {EVENT_DATE_SQL} AS day, e.goldstein
        FROM events e JOIN documents d ON d.id = e.doc_id
        WHERE e.realis AND d.near_copy_of IS NULL AND e.goldstein IS NOT NULL
          AND least(e.source, e.target) || '~' || greatest(e.source, e.target) IN (SELECT unnest(?::VARCHAR[]))
    ), last AS (SELECT a, b, max(day) AS until FROM ev WHERE day IS NOT NULL GROUP BY a, b)
    SELECT a, b, until,
        avg(goldstein) FILTER (WHERE day > until - ? AND day <= until) AS recent_mean,
        count(*) FILTER (WHERE day > until - ? AND day <= until) AS recent_n,
        avg(goldstein) FILTER (WHERE day > until - 2 * ? AND day <= until - ?) AS previous_mean,
        count(*) FILTER (WHERE day > until - 2 * ? AND day <= until - ?) AS previous_n
    FROM ev JOIN last USING (a, b) GROUP BY a, b, until
    """
    w = window_days
    rows = store.rows(sql, [[f"{a}~{b}" for a, b in keys], w, w, w, w, w, w])
    return {
        (r["a"], r["b"]): (r["until"], GoldsteinWindows(r["recent_mean"], int(r["recent_n"] or 0),
                                                        r["previous_mean"], int(r["previous_n"] or 0)))
        for r in rows
    }


def store_info(store: Store) -> dict[str, Any]:
    """The schema version of the store and how many documents it holds."""
    row = store.rows(
        "SELECT (SELECT max(version) FROM schema_version) AS schema_version, "
        "(SELECT count(*) FROM documents) AS documents"
    )[0]
    return {"schema_version": row["schema_version"], "documents": row["documents"]}
