"""Stories and their mentions as listings read them: filtered, ordered and limited in SQL, never the whole table."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dyad.store.corpus import DOC_NAME_SQL
from dyad.store.db import Store
from dyad.store.where import Where, ids_in, limit, names_document
from dyad.stored.fusion import MentionRow, StoryRow

Pair = tuple[str, str]

STORY_ORDER = " ORDER BY s.n_sources DESC, s.n_documents DESC, coalesce(s.when_start, s.first_seen) DESC NULLS LAST, s.id"
# The stories kept (filtered, ordered, cut) on the narrow stories table alone; their lead reports' sentence,
# document, title and URL are read afterwards for those stories only (`_with_leads`).
STORY_SQL = "SELECT s.* FROM stories s {where} {order} {limit}"
LEAD_SQL = """SELECT e.doc_id, e.idx, substr(d.text, e.start + 1, e."end" - e.start) AS evidence, d.url, d.title
FROM events e JOIN documents d ON d.id = e.doc_id
WHERE {events} AND {documents}"""


def _with_leads(store: Store, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The stories with their lead report's evidence, URL and title, in their order; a story whose lead
    event or document is gone is left out (as an inner join would).

    Two statements rather than one join: joined in one, DuckDB scans all events and documents for the
    few stories kept; given their ids, it reads only the row groups that hold them.
    """
    if not rows:
        return []
    docs = sorted({r["lead_doc"] for r in rows})
    events, params = ids_in("e.doc_id", docs)
    documents, _ = ids_in("d.id", docs)
    leads = {(r["doc_id"], r["idx"]): r for r in store.rows(LEAD_SQL.format(events=events, documents=documents),
                                                             [*params, *params])}
    out = []
    for r in rows:
        lead = leads.get((r["lead_doc"], r["lead_idx"]))
        if lead is not None:
            out.append({**r, "evidence": lead["evidence"], "url": lead["url"], "title": lead["title"]})
    return out


def pair_clause(alias: str, pair: Pair | None, directed: bool) -> tuple[str, list[Any]]:
    """Stories (or mentions) between the pair: either direction, or only from the first state to the
    second when directed (a meeting or an agreement, keyed by the sorted pair, counts either way)."""
    if pair is None:
        return "TRUE", []
    x, y = pair
    low, high = sorted(pair)
    if directed:
        return (f"(({alias}.a = ? AND {alias}.b = ? AND {alias}.directed) "
                f"OR ({alias}.a = ? AND {alias}.b = ? AND NOT {alias}.directed))"), [x, y, low, high]
    return f"(({alias}.a = ? AND {alias}.b = ?) OR ({alias}.a = ? AND {alias}.b = ?))", [x, y, y, x]


def period_clause(start: str, end: str, since: dt.date | None, until: dt.date | None) -> tuple[str, list[Any]]:
    """Rows whose days (`start`..`end`) overlap the period."""
    parts, params = [], []
    if since is not None:
        parts.append(f"{end} >= ?")
        params.append(since)
    if until is not None:
        parts.append(f"{start} <= ?")
        params.append(until)
    return (" AND ".join(parts) or "TRUE"), params


def _story_where(pair: Pair | None, directed: bool, since: dt.date | None, until: dt.date | None,
                 min_sources: int, status: str | None, background: bool | None) -> Where:
    where = Where()
    clause, params = pair_clause("s", pair, directed)
    where.add(clause, *params)
    # a story is in a period when its own time is, else when it was reported
    clause, params = period_clause("coalesce(s.when_start, s.first_seen)", "coalesce(s.when_end, s.last_seen)",
                                   since, until)
    where.add(clause, *params)
    if min_sources > 1:
        where.add("s.n_sources >= ?", min_sources)
    if status:
        where.add("s.status = ?", status)
    if background is not None:
        where.add("s.background = ?", background)
    return where


def stories(
    store: Store, pair: Pair | None = None, directed: bool = False, since: dt.date | None = None,
    until: dt.date | None = None, min_sources: int = 1, status: str | None = None,
    background: bool | None = False, count: int | None = None, offset: int = 0,
) -> list[StoryRow]:
    """Stories in scope, the most independent sources first."""
    where = _story_where(pair, directed, since, until, min_sources, status, background)
    tail, more = limit(count)
    if offset:
        tail += " OFFSET ?"
        more.append(offset)
    rows = store.rows(STORY_SQL.format(where=where.sql(), order=STORY_ORDER, limit=tail), [*where.params, *more])
    return [_story(r) for r in _with_leads(store, rows)]


def story_count(
    store: Store, pair: Pair | None = None, directed: bool = False, since: dt.date | None = None,
    until: dt.date | None = None, min_sources: int = 1, status: str | None = None, background: bool | None = False,
) -> int:
    where = _story_where(pair, directed, since, until, min_sources, status, background)
    return int(store.rows("SELECT count(*) AS n FROM stories s" + where.sql(), where.params)[0]["n"])


def story(store: Store, story_id: str) -> StoryRow | None:
    rows = _with_leads(store, store.rows(STORY_SQL.format(where="WHERE s.id = ?", order="", limit=""), [story_id]))
    return _story(rows[0]) if rows else None


def _story(r: dict[str, Any]) -> StoryRow:
    values = {k: r.get(k) for k in StoryRow.__dataclass_fields__}
    values["codes"] = list(r["codes"] or [])
    values["outlets"] = list(r["outlets"] or [])
    values["evidence"] = " ".join((r["evidence"] or "").split())
    return StoryRow(**values)  # type: ignore[arg-type]


MENTION_ORDER = " ORDER BY m.published NULLS LAST, m.doc_id, m.idx"
# The mentions kept (filtered, ordered, cut) first; then their events, documents and words.
# A MentionRow for each row of a CTE `m` of story_mentions: its event, document and words.
MENTION_SELECT = f"""SELECT m.story_id, m.doc_id, {DOC_NAME_SQL} AS doc, m.idx, d.published, s.outlet,
       d.url, d.title, e.source, e.target, e.code, e.root, e.realis, e.modality, e.negated, e."when", e.when_text, e.when_until,
       m.background, m.day_lo, m.day_hi, m.own_time, e.goldstein,
       substr(d.text, e.start + 1, e."end" - e.start) AS evidence, e.start, e."end"
FROM m
JOIN events e ON e.doc_id = m.doc_id AND e.idx = m.idx
JOIN documents d ON d.id = m.doc_id
LEFT JOIN doc_sources s ON s.doc_id = m.doc_id"""
MENTION_SQL = "WITH m AS (SELECT m.* FROM story_mentions m {where} {order} {limit})\n" + MENTION_SELECT + MENTION_ORDER


def mentions(
    store: Store, story_id: str | None = None, pair: Pair | None = None, directed: bool = False,
    since: dt.date | None = None, until: dt.date | None = None, doc: str | None = None, count: int | None = None,
) -> list[MentionRow]:
    """Reports of stories (GDELT's mentions table): of one story, a dyad, a period of publication or a document."""
    where = Where()
    if story_id:
        where.add("m.story_id = ?", story_id)
    if pair:
        clause, params = pair_clause("s", pair, directed)
        where.add(f"m.story_id IN (SELECT s.id FROM stories s WHERE {clause})", *params)
    clause, params = period_clause("m.published", "m.published", since, until)
    where.add(clause, *params)
    if doc:
        inner = Where().all(names_document("d", doc))
        where.add(f"m.doc_id IN (SELECT d.id FROM documents d{inner.sql()})", *inner.params)
    tail, more = limit(count)
    sql = MENTION_SQL.format(where=where.sql(), order=MENTION_ORDER, limit=tail)
    rows = store.rows(sql, [*where.params, *more])
    return [MentionRow(**{**r, "evidence": " ".join((r["evidence"] or "").split())}) for r in rows]


def stories_of_document(store: Store, doc_ids: list[str]) -> list[str]:
    """Ids of the stories these documents report."""
    where = Where().add("m.doc_id IN (SELECT unnest(?::VARCHAR[]))", doc_ids)
    return [r["story_id"] for r in store.rows("SELECT DISTINCT m.story_id FROM story_mentions m" + where.sql())]


def mentions_of_documents(store: Store, doc_ids: list[str]) -> list[MentionRow]:
    """Every report of these documents, with its story."""
    where = Where().add("m.doc_id IN (SELECT unnest(?::VARCHAR[]))", doc_ids)
    rows = store.rows(MENTION_SQL.format(where=where.sql(), order="", limit=""), where.params)
    return [MentionRow(**{**r, "evidence": " ".join((r["evidence"] or "").split())}) for r in rows]


def stories_by_id(store: Store, story_ids: list[str]) -> list[StoryRow]:
    where = Where().add("s.id IN (SELECT unnest(?::VARCHAR[]))", story_ids)
    rows = store.rows(STORY_SQL.format(where=where.sql(), order=STORY_ORDER, limit=""), where.params)
    return [_story(r) for r in _with_leads(store, rows)]


def reports_of_stories(store: Store, story_ids: list[str], per_story: int) -> list[MentionRow]:
    """Up to `per_story` reports of each story, one per document: saying it happened and dated to the day
    first, then the earliest (what a brief quotes); the words are read for those only."""
    # the stories' mentions and their events are read once, for those stories' documents alone, before
    # anything is ranked or joined; then one report per document, then one per independent source
    # before a second of the same source
    stories, params = ids_in("story_id", story_ids)
    sql = f"""WITH sm AS MATERIALIZED (SELECT * FROM story_mentions WHERE {stories}),
    ev AS MATERIALIZED (SELECT * FROM events WHERE doc_id IN (SELECT doc_id FROM sm)),
    r AS (
        SELECT m.*, e.realis AS r_realis, e."when" AS r_when FROM sm m
        JOIN ev e ON e.doc_id = m.doc_id AND e.idx = m.idx
        QUALIFY row_number() OVER (PARTITION BY m.story_id, m.doc_id
                                   ORDER BY NOT e.realis, length(coalesce(e."when", '')) <> 10, m.idx) = 1),
    ranked AS (SELECT r.*, row_number() OVER (PARTITION BY story_id, source_key
                   ORDER BY NOT r_realis, published NULLS LAST, doc_id) AS within FROM r),
    m AS (SELECT * FROM ranked QUALIFY row_number() OVER (
              PARTITION BY story_id ORDER BY within, NOT r_realis, length(coalesce(r_when, '')) <> 10,
              published NULLS LAST, doc_id) <= ?)
    """ + MENTION_SELECT.replace("JOIN events e", "JOIN ev e") + (
        " ORDER BY m.story_id, NOT e.realis, m.published NULLS LAST, m.doc_id")
    rows = store.rows(sql, [*params, per_story])
    return [MentionRow(**{**r, "evidence": " ".join((r["evidence"] or "").split())}) for r in rows]


def stories_only_in(store: Store, doc_ids: list[str]) -> list[StoryRow]:
    """Stories that these documents report and no other document does (what a round of `watch` made new)."""
    where = Where().add(
        """s.id IN (SELECT m.story_id FROM story_mentions m GROUP BY m.story_id
                    HAVING bool_and(m.doc_id IN (SELECT unnest(?::VARCHAR[])))
                       AND m.story_id IN (SELECT story_id FROM story_mentions
                                          WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))))""",
        doc_ids, doc_ids,
    )
    sql = STORY_SQL.format(where=where.sql(), order=STORY_ORDER, limit="")
    return [_story(r) for r in _with_leads(store, store.rows(sql, where.params))]


def mentions_of_stories(store: Store, story_ids: list[str]) -> list[MentionRow]:
    """Every report of these stories, by story and publication."""
    where = Where().add("m.story_id IN (SELECT unnest(?::VARCHAR[]))", story_ids)
    sql = MENTION_SQL.format(where=where.sql(), order="", limit="").replace(
        MENTION_ORDER, " ORDER BY m.story_id, m.published NULLS LAST, m.doc_id, m.idx")
    rows = store.rows(sql, where.params)
    return [MentionRow(**{**r, "evidence": " ".join((r["evidence"] or "").split())}) for r in rows]
