"""What the web app browses: a page of events with facet counts, and dyad temperatures in one go.

The events list filters, sorts, counts and pages in SQL, so a page of 50 rows
out of millions costs one top-N query; the facet counts are one GROUPING SETS
aggregate over the same filtered events (documents and actors are joined only
where a filter or facet needs them). A period keeps the events whose days (their own date,
a day, month or year, else their document's publication day) overlap it, as
`dyad events --since/--until` does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from dyad.store import aggregate_reads as stored
from dyad.store.aggregates import BACKGROUND_DAYS, CURRENT
from dyad.store.db import Store
from dyad.store.expressions import EVENT_DATE_SQL, OUTLET_SQL
from dyad.store.listings import _event_row
from dyad.store.where import Where, ids_in, names_document, one_of
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
    "position": "e.doc_id, e.idx",  # in the order of the documents' texts
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
ACTOR_FACET_MAX = 20_000  # events; above it the actor-code facet is not counted (it needs the actors table)
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
    doc_ids: list[str] = field(default_factory=list)  # exact document ids
    members: list[tuple[str, str]] = field(default_factory=list)  # (doc_id, actor key): one actor's events

    def is_empty(self) -> bool:
        """Whether the filter keeps every event."""
        return self == EventFilter()

    def where(self) -> Where:
        where = Where()
        if self.doc_ids:
            where.all(ids_in("e.doc_id", self.doc_ids))
        if self.members:
            keys = [f"{doc}|{key}" for doc, key in self.members]
            where.all(ids_in("e.doc_id", sorted({doc for doc, _ in self.members})))
            where.add("(e.doc_id || '|' || e.source_actor = ANY(?::VARCHAR[]) "
                      "OR e.doc_id || '|' || e.target_actor = ANY(?::VARCHAR[]))", keys, keys)
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


# The columns of listings.EVENTS_SQL for the events of a few documents (a page's): each table is read
# for those documents alone (each `{table}` an `ids_in` condition) before anything is joined.
PAGE_ROWS_SQL = """
WITH ev AS (SELECT * FROM events WHERE {events}),
ac AS (SELECT doc_id, key, name, code, sector FROM actors WHERE {actors}),
se AS (SELECT doc_id, "end" FROM sentences WHERE {sentences})
SELECT e.*, d.published, d.url, d.source AS doc_source, d.ingested_at,
       coalesce(d.source_name, d.id) AS doc,
       substr(d.text, e.start + 1, e."end" - e.start) AS evidence,
       a1.name AS source_name, a1.code AS source_code, a1.sector AS source_sector,
       a2.name AS target_name, a2.code AS target_code, a2.sector AS target_sector,
       (SELECT count(*) FROM se WHERE se.doc_id = e.doc_id AND se."end" <= e.start) AS sentence_index
FROM ev e
JOIN (SELECT * FROM documents WHERE {documents}) d ON d.id = e.doc_id
LEFT JOIN ac a1 ON a1.doc_id = e.doc_id AND a1.key = e.source_actor
LEFT JOIN ac a2 ON a2.doc_id = e.doc_id AND a2.key = e.target_actor
"""


def _filtered(f: EventFilter, columns: str, documents: bool = False, actors: bool = False) -> tuple[str, list[Any]]:
    """SELECT `columns` of the events `f` keeps, joining documents and actors only when needed."""
    where = f.where()
    joins = ""
    if documents or f.outlets or f.since or f.until or f.doc:
        joins += " JOIN documents d ON d.id = e.doc_id"
    if actors or f.actors:
        joins += " " + ACTOR_JOINS
    return f"SELECT {columns} FROM events e{joins}{where.sql()}", where.params


def event_page(store: Store, f: EventFilter, sort: str = "date", count: int = 50, offset: int = 0) -> list[EventRow]:
    """One page of the filtered events, in the order `sort` names (a key of SORTS)."""
    keys_sql, params = _filtered(f, "e.doc_id, e.idx", documents="date" in sort)
    keys = [(r["doc_id"], r["idx"]) for r in store.rows(f"{keys_sql} ORDER BY {SORTS[sort]} LIMIT ? OFFSET ?",
                                                         [*params, count, offset])]
    if not keys:
        return []
    # the full rows of the page's events, read from their documents only, put back in the page's order
    docs = sorted({d for d, _ in keys})
    condition, ids = ids_in("doc_id", docs)
    sql = PAGE_ROWS_SQL.format(events=condition, actors=condition, sentences=condition,
                               documents=ids_in("id", docs)[0])
    found = {(r["doc_id"], r["idx"]): r for r in store.rows(sql, ids * 4)}
    return [_event_row(found[k]) for k in keys if k in found]


def event_count(store: Store, f: EventFilter) -> int:
    sql, params = _filtered(f, "count(*) AS n")
    return int(store.rows(sql, params)[0]["n"])


def _facet_counts(store: Store, f: EventFilter, top: int) -> list[FacetCount]:
    """The facet counts (all but actor codes) of the filtered events, from the events."""
    plain = ["root", "quad", "realis", "source", "target"]
    inner, params = _filtered(f, ", ".join(f"{FACETS[n]} AS {n}" for n in plain) + ", e.doc_id")
    sets = ", ".join(f"({n})" for n in plain)
    picks = " ".join(f"WHEN grouping({n}) = 0 THEN '{n}'" for n in plain)
    values = " ".join(f"WHEN grouping({n}) = 0 THEN {n}" for n in plain)
    sql = f"""WITH ev AS ({inner}),
    counted AS (
        SELECT CASE {picks} END AS facet, CAST(CASE {values} END AS VARCHAR) AS value, count(*) AS n
        FROM ev GROUP BY GROUPING SETS ({sets})
        UNION ALL
        SELECT 'outlet', {OUTLET_SQL}, sum(x.n) FROM (SELECT doc_id, count(*) AS n FROM ev GROUP BY doc_id) x
        JOIN documents d ON d.id = x.doc_id GROUP BY 2
    )
    SELECT facet, value, n FROM (
        SELECT *, row_number() OVER (PARTITION BY facet ORDER BY n DESC, value) AS k FROM counted
        WHERE value IS NOT NULL
    ) WHERE k <= ? ORDER BY facet, k"""
    return [FacetCount(**r) for r in store.rows(sql, [*params, top])]


def event_facets(store: Store, f: EventFilter, top: int = 30, actor_limit: int = ACTOR_FACET_MAX,
                 computed: bool = False) -> list[FacetCount]:
    """The most frequent values of every facet among the filtered events.

    Actor codes (which need the events' actors) are counted only when the filter keeps
    at most `actor_limit` events; the filter by actor code works whatever the count.
    """
    if f.is_empty() and not computed and stored.usable(store, None):
        rows = stored.event_facets(store, top)  # every event: the stored counts
    else:
        rows = _facet_counts(store, f, top)
    if sum(r.n for r in rows if r.facet == "realis") <= actor_limit:
        inner, params = _filtered(f, "e.doc_id, e.idx, a1.code AS source_code, a2.code AS target_code", actors=True)
        sql = f"""SELECT 'actor' AS facet, value, count(*) AS n FROM (
            SELECT DISTINCT * FROM (SELECT unnest([source_code, target_code]) AS value, doc_id, idx FROM ({inner})))
            WHERE value IS NOT NULL GROUP BY value ORDER BY n DESC, value LIMIT ?"""
        rows += [FacetCount(**r) for r in store.rows(sql, [*params, top])]
    return rows


def dyad_windows(
    store: Store, pairs: list[tuple[str, str]], window_days: int, background_days: int = BACKGROUND_DAYS,
    computed: bool = False,
) -> dict[tuple[str, str], tuple[dt.date, GoldsteinWindows]]:
    """For each unordered pair: its last dated realis, current event's day and the Goldstein windows before it.

    One statement for all the pairs (what `dyad.analyse.dyads.temperature` computes for one; background
    events, history a document recalls, stay out as they do there).
    """
    if not pairs:
        return {}
    keys = sorted({tuple(sorted(p)) for p in pairs})
    if not computed and stored.usable(store, background_days):
        return stored.dyad_windows(store, keys, window_days)  # type: ignore[arg-type]
    sql = f"""
    WITH ev AS (
        SELECT least(e.source, e.target) AS a, greatest(e.source, e.target) AS b, {EVENT_DATE_SQL} AS day, e.goldstein
        FROM events e JOIN documents d ON d.id = e.doc_id
        WHERE e.realis AND {CURRENT} AND d.near_copy_of IS NULL AND e.goldstein IS NOT NULL
          AND e.source = ANY(?::VARCHAR[]) AND e.target = ANY(?::VARCHAR[])
          AND least(e.source, e.target) || '~' || greatest(e.source, e.target) = ANY(?::VARCHAR[])
    ), last AS (SELECT a, b, max(day) AS until FROM ev WHERE day IS NOT NULL GROUP BY a, b)
    SELECT a, b, until,
        avg(goldstein) FILTER (WHERE day > until - ? AND day <= until) AS recent_mean,
        count(*) FILTER (WHERE day > until - ? AND day <= until) AS recent_n,
        avg(goldstein) FILTER (WHERE day > until - 2 * ? AND day <= until - ?) AS previous_mean,
        count(*) FILTER (WHERE day > until - 2 * ? AND day <= until - ?) AS previous_n
    FROM ev JOIN last USING (a, b) GROUP BY a, b, until
    """
    w = window_days
    states = sorted({s for pair in keys for s in pair})
    rows = store.rows(sql, [background_days, states, states, [f"{a}~{b}" for a, b in keys], w, w, w, w, w, w])
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
