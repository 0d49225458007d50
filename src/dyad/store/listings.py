"""The listings: what the store holds, its events, quotes, claims and relations, filtered.

Each function takes filters already checked and typed by the library
(`dyad.api`), builds its conditions with `Where` and returns records of
`dyad.stored`, in the order the CLI prints them: by publication day, then
document, then position in the document.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from dyad.codes import symmetric_relations
from dyad.figures import figure_text
from dyad.records import Document
from dyad.store.corpus import DOC_NAME_SQL
from dyad.store.db import Store
from dyad.store.expressions import EVENT_FIRST_DAY, EVENT_LAST_DAY
from dyad.store.schema import document_fields
from dyad.store.where import Where, contains, equals, limit, names_document, one_of
from dyad.stored import ClaimRow, Count, EventRow, QuoteRow, RelationRow

# Relation types that hold both ways: a pair asked for as KOR-CHN also finds CHN-KOR.
LISTING_ORDER = " ORDER BY d.published NULLS LAST, doc, t.idx"
DOC_COLUMNS = f"t.doc_id, {DOC_NAME_SQL} AS doc, d.ref AS doc_ref, t.idx, d.published, d.outlet"
EVIDENCE = 'substr(d.text, t.start + 1, t."end" - t.start) AS evidence'


def summary(store: Store) -> list[Count]:
    """Documents, actors, realis and irrealis events, quotes, claims, relations, failed documents, events per root."""
    counts = store.rows(
        """SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM actors) AS actors,
                  (SELECT count(*) FROM events WHERE realis) AS realis,
                  (SELECT count(*) FROM events WHERE NOT realis) AS irrealis,
                  (SELECT count(*) FROM quotes) AS quotes, (SELECT count(*) FROM claims) AS claims,
                  (SELECT count(*) FROM relations) AS relations, (SELECT count(*) FROM failures) AS failures"""
    )[0]
    rows = [
        Count("documents", counts["documents"]),
        Count("actors", counts["actors"]),
        Count("events (realis)", counts["realis"]),
        Count("events (irrealis)", counts["irrealis"]),
        Count("quotes", counts["quotes"]),
        Count("claims", counts["claims"]),
        Count("relations", counts["relations"]),
        Count("failed documents", counts["failures"]),
    ]
    for r in store.rows("SELECT root, count(*) AS n FROM events GROUP BY root ORDER BY root"):
        rows.append(Count(f"events with CAMEO root {r['root']}", r["n"]))
    return rows


def document_ids(store: Store, doc: str) -> set[str]:
    """Ids of the documents `doc` names: an id, an id prefix, a file name or a source."""
    where = Where().all(names_document("d", doc))
    return {r["id"] for r in store.rows("SELECT d.id FROM documents d" + where.sql(), where.params)}


def documents(
    store: Store, doc: str | None = None, since: dt.date | None = None, until: dt.date | None = None,
    count: int | None = None,
) -> list[Document]:
    """Stored documents with their metadata, by publication day, then the order they arrived in."""
    where = Where()
    if doc:
        where.all(names_document("d", doc))
    if since:
        where.add("d.published >= ?", since)
    if until:
        where.add("d.published <= ?", until)
    tail, more = limit(count)
    sql = "SELECT d.* FROM documents d" + where.sql() + " ORDER BY d.published NULLS LAST, d.ingested_at, d.id" + tail
    return [Document(**document_fields(r)) for r in store.rows(sql, [*where.params, *more])]


def document_lengths(store: Store) -> dict[str, int]:
    """Characters of every stored document's text, by id."""
    return {r["id"]: r["n_chars"] for r in store.rows("SELECT id, n_chars FROM documents")}


def source_names(store: Store) -> list[tuple[str, str | None]]:
    """(document id, its source's file name) of every document, in the order they were stored."""
    return [(r["id"], r["source_name"]) for r in store.rows("SELECT id, source_name FROM documents ORDER BY ingested_at, id")]



# Events are filtered, ordered and cut first; names, codes and sentence counts are looked up for the
# rows kept only. Actor names and codes are those of the global actor when actors are resolved.
EVENTS_SQL = f"""
WITH kept AS (
    SELECT e.*, d.published, d.url, d.source AS doc_source, d.ingested_at,
           {DOC_NAME_SQL} AS doc, d.ref AS doc_ref, d.title AS doc_title, d.outlet
    FROM events e JOIN documents d ON d.id = e.doc_id
    {{where}}
    ORDER BY d.published NULLS LAST, doc, e.idx
    {{limit}}
)
SELECT k.*, (SELECT substr(x.text, k.start + 1, k."end" - k.start) FROM documents x WHERE x.id = k.doc_id) AS evidence,
       coalesce(sg.name, a1.name) AS source_name, coalesce(sg.code, a1.code) AS source_code,
       coalesce(sg.sector, a1.sector) AS source_sector,
       coalesce(tg.name, a2.name) AS target_name, coalesce(tg.code, a2.code) AS target_code,
       coalesce(tg.sector, a2.sector) AS target_sector,
       (SELECT count(*) FROM sentences s WHERE s.doc_id = k.doc_id AND s."end" <= k.start) AS sentence_index
FROM kept k
LEFT JOIN actors a1 ON a1.doc_id = k.doc_id AND a1.key = k.source_actor
LEFT JOIN actors a2 ON a2.doc_id = k.doc_id AND a2.key = k.target_actor
{{source_global}}
{{target_global}}
ORDER BY k.published NULLS LAST, k.doc, k.idx
"""


def events(
    store: Store,
    sources: Sequence[str] = (),
    targets: Sequence[str] = (),
    roots: Sequence[str] = (),
    realis_only: bool = True,
    since: dt.date | None = None,
    until: dt.date | None = None,
    doc: str | None = None,
    count: int | None = None,
) -> list[EventRow]:
    """Stored events with their document and actors, filtered, ordered and cut in SQL.

    `sources`, `targets` (ISO3) and `roots` ("04") keep events with one of the
    values; `since` and `until` keep events whose days (their own time, else their
    document's publication day) overlap the period.
    """
    from dyad.store.actor_tables import global_join

    where = Where()
    if sources:
        where.all(one_of("e.source", sources))
    if targets:
        where.all(one_of("e.target", targets))
    if roots:
        where.all(one_of("e.root", roots))
    if realis_only:
        where.add("e.realis")
    if doc:
        where.all(names_document("d", doc))
    if since is not None:
        where.add(f"({EVENT_LAST_DAY}) >= ?", since)
    if until is not None:
        where.add(f"({EVENT_FIRST_DAY}) <= ?", until)
    tail, more = limit(count)
    sql = EVENTS_SQL.format(where=where.sql(), limit=tail, source_global=global_join("a1", "s"),
                            target_global=global_join("a2", "t"))
    return [_event_row(r) for r in store.rows(sql, [*where.params, *more])]


def _event_row(r: dict[str, object]) -> EventRow:
    values = {k: r.get(k) for k in EventRow.__dataclass_fields__}
    values["trigger_start"] = r["trigger_evidence_start"]
    values["trigger_end"] = r["trigger_evidence_end"]
    for party in ("source", "target"):
        values[f"{party}_start"] = r[f"{party}_evidence_start"]
        values[f"{party}_end"] = r[f"{party}_evidence_end"]
    return EventRow(**values)  # type: ignore[arg-type]


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def quotes(
    store: Store,
    speaker: str | None = None,
    actor: str | None = None,
    doc: str | None = None,
    kind: str | None = None,
    count: int | None = None,
) -> list[QuoteRow]:
    """Quotations; `speaker` and `actor` match part of a name (or, for `actor`, a country code)."""
    from dyad.store.actor_tables import global_join

    where = Where()
    if speaker:
        where.any(contains("t.speaker", speaker), contains("sg.name", speaker))
    if actor:
        where.any(contains("a.name", actor), contains("sg.name", actor), equals("a.country", actor.upper()))
    if kind:
        where.all(equals("t.kind", kind))
    if doc:
        where.all(names_document("d", doc))
    tail, more = limit(count)
    sql = (
        f"SELECT {DOC_COLUMNS}, coalesce(sg.name, t.speaker) AS speaker, coalesce(sg.country, a.country) AS speaker_country, "
        "t.kind, t.text, t.start, t.\"end\" "
        "FROM quotes t JOIN documents d ON d.id = t.doc_id "
        "LEFT JOIN actors a ON a.doc_id = t.doc_id AND a.key = t.speaker_actor " + global_join("a", "s")
    )
    return [QuoteRow(**r) for r in store.rows(sql + where.sql() + LISTING_ORDER + tail, [*where.params, *more])]


def claims(
    store: Store, unit: str | None = None, actor: str | None = None, doc: str | None = None, count: int | None = None
) -> list[ClaimRow]:
    """Numeric claims; `actor` is a state the figure is about (ISO3) or part of the asserting speaker's name."""
    where = Where()
    if unit:
        where.add("lower(t.unit) = lower(?)", unit)
    if actor:
        where.any(("list_contains(t.actors, ?)", [actor.upper()]), contains("t.asserted_by", actor))
    if doc:
        where.all(names_document("d", doc))
    tail, more = limit(count)
    sql = (
        f"SELECT {DOC_COLUMNS}, t.value, t.unit, t.approx, t.qualifier, t.about, t.actors, t.asserted_by, {EVIDENCE}, "
        't.start, t."end", t.bound, t.expected, t."when", t.when_precision, t.when_until, t.when_text '
        "FROM claims t JOIN documents d ON d.id = t.doc_id"
    )
    rows = store.rows(sql + where.sql() + LISTING_ORDER + tail, [*where.params, *more])
    return [ClaimRow(**r, figure=figure_text(r["value"], r["unit"], r["qualifier"], r["bound"])) for r in rows]


def relations(
    store: Store,
    pair: tuple[str, str] | None = None,
    type: str | None = None,
    polarity: str | None = None,
    doc: str | None = None,
    count: int | None = None,
) -> list[RelationRow]:
    """Standing relations; a `pair` (a, b) also finds (b, a) for the symmetric types."""
    where = Where()
    if pair:
        a, b = pair
        symmetric, types = one_of("t.type", sorted(symmetric_relations()))
        where.any(("t.a = ? AND t.b = ?", [a, b]), (f"{symmetric} AND t.a = ? AND t.b = ?", [*types, b, a]))
    if type:
        where.all(equals("t.type", type))
    if polarity:
        where.all(equals("t.polarity", polarity))
    if doc:
        where.all(names_document("d", doc))
    tail, more = limit(count)
    sql = (
        f"SELECT {DOC_COLUMNS}, t.a, t.b, t.type, t.polarity, t.directed, {EVIDENCE}, t.start, t.\"end\" "
        "FROM relations t JOIN documents d ON d.id = t.doc_id"
    )
    return [RelationRow(**r) for r in store.rows(sql + where.sql() + LISTING_ORDER + tail, [*where.params, *more])]

