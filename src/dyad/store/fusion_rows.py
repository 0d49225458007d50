"""Figures, contradictions and outlets as listings read them from the fusion tables."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dyad.store.db import Store
from dyad.store.story_rows import Pair, period_clause
from dyad.store.where import SPELLED_OUT, Where, ids_in, limit
from dyad.stored.fusion import ContradictionRow, FigureClaimRow, FigureRow, Side

UNKNOWN_OUTLET = "(unknown outlet)"

FIGURE_ORDER = " ORDER BY f.n_sources DESC, f.n_claims DESC, f.unit, f.value, f.id"
# The figures kept (filtered, ordered, cut) first; then the lead claim's words, document, title and URL.
FIGURE_SQL = """WITH f AS (SELECT f.* FROM figures f {where} {order} {limit})
SELECT f.*, substr(d.text, c.start + 1, c."end" - c.start) AS evidence, d.url, d.title
FROM f
JOIN claims c ON c.doc_id = f.lead_doc AND c.idx = f.lead_idx
JOIN documents d ON d.id = f.lead_doc""" + FIGURE_ORDER


def _figure_where(pair: Pair | None, since: dt.date | None, until: dt.date | None, single_source: bool,
                  unit: str | None) -> Where:
    where = Where()
    if pair:
        where.add("list_has_any(f.actors, [?, ?])", *pair)
    clause, params = period_clause("f.first_seen", "f.last_seen", since, until)
    where.add(clause, *params)
    if single_source:
        where.add("f.single_source")
    if unit:
        where.add("lower(f.unit) = lower(?)", unit)
    return where


def figures(
    store: Store, pair: Pair | None = None, since: dt.date | None = None, until: dt.date | None = None,
    single_source: bool = False, unit: str | None = None, count: int | None = None,
) -> list[FigureRow]:
    """Figures about either state of the pair (all without one), the most independent sources first."""
    where = _figure_where(pair, since, until, single_source, unit)
    tail, more = limit(count)
    rows = store.rows(FIGURE_SQL.format(where=where.sql(), order=FIGURE_ORDER, limit=tail), [*where.params, *more])
    return [_figure(r) for r in rows]


def figure_count(store: Store, pair: Pair | None = None, since: dt.date | None = None,
                 until: dt.date | None = None, single_source: bool = False, unit: str | None = None) -> int:
    where = _figure_where(pair, since, until, single_source, unit)
    return int(store.rows("SELECT count(*) AS n FROM figures f" + where.sql(), where.params)[0]["n"])


def figure(store: Store, figure_id: str) -> FigureRow | None:
    rows = store.rows(FIGURE_SQL.format(where="WHERE f.id = ?", order="", limit=""), [figure_id])
    return _figure(rows[0]) if rows else None


def _figure(r: dict[str, Any]) -> FigureRow:
    values = {k: r.get(k) for k in FigureRow.__dataclass_fields__}
    values["actors"] = list(r["actors"] or [])
    values["outlets"] = list(r["outlets"] or [])
    values["evidence"] = " ".join((r["evidence"] or "").split())
    return FigureRow(**values)  # type: ignore[arg-type]


# The claims of some figures ({figures}: a condition on `f.figure_id`), chosen on figure_claims alone.
ALL_CLAIMS = "WITH f AS (SELECT * FROM figure_claims f WHERE {figures})\n"
# at most N claims a figure, one per document, agreeing ones and the earliest first
SOME_CLAIMS = """WITH one AS (
    SELECT * FROM figure_claims f WHERE {figures}
    QUALIFY row_number() OVER (PARTITION BY f.figure_id, f.doc_id ORDER BY NOT f.agrees, f.idx) = 1),
f AS (SELECT * FROM one QUALIFY row_number() OVER (
    PARTITION BY figure_id ORDER BY NOT agrees, published NULLS LAST, doc_id) <= ?)
"""
CHOSEN = "SELECT f.figure_id, f.doc_id, f.idx, f.agrees FROM f"
# The claims of the chosen claims' documents, with their document and words ({claims}, {documents}: `ids_in`).
CLAIM_WORDS = """SELECT c.doc_id, c.idx, coalesce(d.source_name, d.id) AS doc, d.published, s.outlet, d.url, c.value,
       c.unit, c.qualifier, c.approx, c.about, substr(d.text, c.start + 1, c."end" - c.start) AS evidence,
       c.start, c."end"
FROM claims c JOIN documents d ON d.id = c.doc_id LEFT JOIN doc_sources s ON s.doc_id = c.doc_id
WHERE {claims} AND {documents}"""


def figure_claims(store: Store, figure_id: str) -> list[FigureClaimRow]:
    """Every claim of one figure, agreeing ones first."""
    return claims_of_figures(store, [figure_id])


def claims_of_figures(store: Store, figure_ids: list[str], per_figure: int | None = None) -> list[FigureClaimRow]:
    """The claims of these figures, agreeing ones first within each; with `per_figure`, at most that many
    of each, one per document (what a brief quotes), the words read for those only."""
    # two statements: the claims are chosen on figure_claims alone, then their words read from their
    # documents only; joined in one, DuckDB reads every claim and document for the hundred rows kept
    figures, params = ids_in("f.figure_id", figure_ids)
    chosen = store.rows((SOME_CLAIMS if per_figure is not None else ALL_CLAIMS).format(figures=figures) + CHOSEN,
                        [*params, *([per_figure] if per_figure is not None else [])])
    if not chosen:
        return []
    docs = sorted({r["doc_id"] for r in chosen})
    claims, ids = ids_in("c.doc_id", docs)
    documents, _ = ids_in("d.id", docs)
    words: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for r in store.rows(CLAIM_WORDS.format(claims=claims, documents=documents), [*ids, *ids]):
        words.setdefault((r["doc_id"], r["idx"]), []).append(r)
    rows = [{**w, "figure_id": f["figure_id"], "agrees": f["agrees"]}
            for f in chosen for w in words.get((f["doc_id"], f["idx"]), [])]
    rows.sort(key=lambda r: (r["figure_id"], not r["agrees"], r["published"] is None,
                             r["published"] or dt.date.min, r["doc_id"], r["idx"]))
    return [FigureClaimRow(**{**r, "evidence": " ".join((r["evidence"] or "").split())}) for r in rows]


def _side_sql(name: str) -> str:
    """The columns of one side of a contradiction: its document and the words of its item."""
    x = name[0]
    return f"""{x}d.source_name AS {name}_name, {x}s.outlet AS {name}_outlet, {x}d.title AS {name}_title,
       {x}d.published AS {name}_published, {x}d.url AS {name}_url,
       coalesce({x}c.start, {x}r.start, {x}e.start) AS {name}_start,
       coalesce({x}c."end", {x}r."end", {x}e."end") AS {name}_end,
       substr({x}d.text, coalesce({x}c.start, {x}r.start, {x}e.start) + 1,
              coalesce({x}c."end", {x}r."end", {x}e."end") - coalesce({x}c.start, {x}r.start, {x}e.start))
           AS {name}_words"""


def _side_joins(name: str) -> str:
    x = name[0]
    return f"""JOIN documents {x}d ON {x}d.id = k.{name}_doc
LEFT JOIN doc_sources {x}s ON {x}s.doc_id = k.{name}_doc
LEFT JOIN claims {x}c ON k.{name}_table = 'claims' AND {x}c.doc_id = k.{name}_doc AND {x}c.idx = k.{name}_idx
LEFT JOIN relations {x}r ON k.{name}_table = 'relations' AND {x}r.doc_id = k.{name}_doc AND {x}r.idx = k.{name}_idx
LEFT JOIN events {x}e ON k.{name}_table = 'events' AND {x}e.doc_id = k.{name}_doc AND {x}e.idx = k.{name}_idx"""


CONTRADICTION_ORDER = " ORDER BY k.day DESC NULLS LAST, k.kind, k.id"
# The contradictions kept (filtered, ordered, cut) first; then each side's document and words.
CONTRADICTION_SQL = f"""WITH k AS (SELECT k.* FROM contradictions k {{where}} {{order}} {{limit}})
SELECT k.*, {_side_sql('first')}, {_side_sql('second')}
FROM k
{_side_joins('first')}
{_side_joins('second')}"""


def _contradiction_where(pair: Pair | None, since: dt.date | None, until: dt.date | None, kind: str | None) -> Where:
    where = Where()
    if pair:
        where.add("k.a IN (?, ?) AND (k.b IN (?, ?) OR k.b = '') AND k.a <> k.b", *pair, *pair)
    clause, params = period_clause("k.day", "k.day", since, until)
    where.add(clause, *params)
    if kind:
        where.add("k.kind = ?", kind)
    return where


def contradictions(
    store: Store, pair: Pair | None = None, since: dt.date | None = None, until: dt.date | None = None,
    kind: str | None = None, count: int | None = None,
) -> list[ContradictionRow]:
    """Contradictions in scope, the latest first."""
    where = _contradiction_where(pair, since, until, kind)
    tail, more = limit(count)
    if count is None or count > SPELLED_OUT:  # many rows: one statement, the words cut in SQL
        sql = CONTRADICTION_SQL.format(where=where.sql(), order=CONTRADICTION_ORDER, limit=tail) + CONTRADICTION_ORDER
        return [_contradiction(r) for r in store.rows(sql, [*where.params, *more])]
    kept = store.rows(f"SELECT k.* FROM contradictions k {where.sql()}{CONTRADICTION_ORDER}{tail}",
                      [*where.params, *more])
    return [_contradiction(r) for r in _with_sides(store, kept)]


SIDE_ITEMS = ("claims", "relations", "events")


def _of_documents(store: Store, select: str, column: str, ids: list[str]) -> list[dict[str, Any]]:
    """`select`'s rows of these documents (`ids_in`: about 9 ms for 65 documents of 100,000 named one
    parameter each, against 60 ms for the same ids as one list parameter)."""
    condition, params = ids_in(column, ids)
    return store.rows(f"{select} WHERE {condition}", params)  # the tables a side's item is in (`first_table`, `second_table`)


def _with_sides(store: Store, kept: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Contradictions chosen on their own table, with each side's document, outlet, offsets and words (the
    columns `CONTRADICTION_SQL` joins), read for their documents only.

    One statement joining the sides scans every document, claim, relation and event for the fifty rows
    kept; a statement per table, each given the documents' ids, reads only those documents' rows. For
    a page of rows (the texts of their documents are read whole to cut the words).
    """
    if not kept:
        return []
    ids = sorted({r["first_doc"] for r in kept} | {r["second_doc"] for r in kept})
    docs = {r["id"]: r for r in _of_documents(store, "SELECT id, source_name, title, published, url, text FROM documents",
                                               "id", ids)}
    outlets = {r["doc_id"]: r["outlet"] for r in _of_documents(store, "SELECT doc_id, outlet FROM doc_sources",
                                                                "doc_id", ids)}
    items = {(t, r["doc_id"], r["idx"]): r for t in SIDE_ITEMS
             for r in _of_documents(store, f'SELECT doc_id, idx, start, "end" FROM {t}', "doc_id", ids)}
    out = []
    for k in kept:
        row = dict(k)
        for name in ("first", "second"):
            doc = docs.get(k[f"{name}_doc"])
            if doc is None:  # a side whose document is gone: left out, as the inner join did
                break
            item = items.get((k[f"{name}_table"], k[f"{name}_doc"], k[f"{name}_idx"]), {})
            start, end = item.get("start"), item.get("end")
            words = None
            if start is not None and end is not None and doc["text"] is not None:
                words = doc["text"][start:end] if end >= start else ""
            row.update({f"{name}_name": doc["source_name"], f"{name}_outlet": outlets.get(doc["id"]),
                        f"{name}_title": doc["title"], f"{name}_published": doc["published"],
                        f"{name}_url": doc["url"], f"{name}_start": start, f"{name}_end": end,
                        f"{name}_words": words})
        else:
            out.append(row)
    return out


def contradiction_count(store: Store, pair: Pair | None = None, since: dt.date | None = None,
                        until: dt.date | None = None, kind: str | None = None) -> int:
    where = _contradiction_where(pair, since, until, kind)
    return int(store.rows("SELECT count(*) AS n FROM contradictions k" + where.sql(), where.params)[0]["n"])


def contradictions_about(store: Store, ref: str) -> list[ContradictionRow]:
    sql = CONTRADICTION_SQL.format(where="WHERE k.ref = ?", order="", limit="") + " ORDER BY k.id"
    return [_contradiction(r) for r in store.rows(sql, [ref])]


def _side(r: dict[str, Any], name: str) -> Side:
    start, end = r[f"{name}_start"] or 0, r[f"{name}_end"] or 0
    return Side(
        doc_id=r[f"{name}_doc"], doc=r[f"{name}_name"] or r[f"{name}_doc"], outlet=r[f"{name}_outlet"],
        title=r[f"{name}_title"], published=r[f"{name}_published"], url=r[f"{name}_url"], table=r[f"{name}_table"],
        idx=r[f"{name}_idx"], says=r[f"{name}_says"], words=" ".join((r[f"{name}_words"] or "").split()), start=start, end=end,
    )


def _contradiction(r: dict[str, Any]) -> ContradictionRow:
    return ContradictionRow(r["id"], r["kind"], r["ref"], r["subject"], r["a"], r["b"], r["day"],
                            _side(r, "first"), _side(r, "second"))


def contradictions_among(store: Store, doc_ids: list[str]) -> list[tuple[ContradictionRow, str | None]]:
    """Contradictions with both sides in these documents, each with its figure's unit (None for other kinds)."""
    where = Where().add(
        "k.first_doc IN (SELECT unnest(?::VARCHAR[])) AND k.second_doc IN (SELECT unnest(?::VARCHAR[]))",
        doc_ids, doc_ids,
    )
    sql = CONTRADICTION_SQL.format(where=where.sql(), order="", limit="").replace(
        "SELECT k.*,", "SELECT k.*, (SELECT f.unit FROM figures f WHERE f.id = k.ref) AS unit,", 1)
    return [(_contradiction(r), r["unit"]) for r in store.rows(sql + " ORDER BY k.id", where.params)]


def contradictions_touching(store: Store, doc_ids: list[str]) -> list[ContradictionRow]:
    """Contradictions with a side in one of these documents."""
    where = Where().add(
        "(k.first_doc IN (SELECT unnest(?::VARCHAR[])) OR k.second_doc IN (SELECT unnest(?::VARCHAR[])))",
        doc_ids, doc_ids,
    )
    sql = CONTRADICTION_SQL.format(where=where.sql(), order=CONTRADICTION_ORDER, limit="") + CONTRADICTION_ORDER
    return [_contradiction(r) for r in store.rows(sql, where.params)]
