"""Full-text search over the index of `dyad.store.fulltext`: BM25 in one SQL statement.

A query is cut into words by the indexing tokenizer itself, so both sides
always agree. Ranking is Okapi BM25 (k1 1.2, b 0.75) over the units of one
kind (documents or quotations); a unit matches when it has any of the words,
and units with more of them come first. The matches are counted in the same
pass that ranks them.
"""

from __future__ import annotations

import re
from typing import Any

from dyad.store.db import Store
from dyad.store.fulltext import stopwords, tokens
from dyad.stored import SearchHit

K1 = 1.2
B = 0.75
SNIPPET = 110  # characters either side of the first word found

SEARCH_SQL = f"""
WITH q AS (SELECT DISTINCT unnest({tokens('?')}) AS term),
units AS (SELECT count(*) AS n, avg(length) AS avgdl FROM search_units WHERE (idx < 0) = ?),
hits AS (
    SELECT t.term, t.doc_id, t.idx, t.tf, t.length FROM search_terms t
    WHERE t.term IN (SELECT term FROM q) AND (t.idx < 0) = ?
),
df AS (SELECT term, count(*) AS df FROM hits GROUP BY term),
ranked AS (
    SELECT h.doc_id, h.idx, count(*) AS matched, count(*) OVER () AS total,
        sum(ln(1 + (units.n - df.df + 0.5) / (df.df + 0.5))
            * h.tf * ({K1} + 1) / (h.tf + {K1} * (1 - {B} + {B} * h.length / units.avgdl))) AS score
    FROM hits h JOIN df USING (term), units
    GROUP BY h.doc_id, h.idx
    ORDER BY matched DESC, score DESC, h.doc_id, h.idx
    LIMIT ? OFFSET ?
)
SELECT r.doc_id, r.idx, r.matched, r.score, r.total, d.title, d.outlet, d.url, d.published,
       coalesce(d.source_name, d.id) AS doc, q.speaker, q.kind AS quote_kind,
       CASE WHEN r.idx < 0 THEN d.text ELSE q.text END AS text,
       CASE WHEN r.idx < 0 THEN 0 ELSE q.start END AS start,
       CASE WHEN r.idx < 0 THEN length(d.text) ELSE q."end" END AS "end"
FROM ranked r JOIN documents d ON d.id = r.doc_id
LEFT JOIN quotes q ON r.idx >= 0 AND q.doc_id = r.doc_id AND q.idx = r.idx
ORDER BY r.matched DESC, r.score DESC, r.doc_id, r.idx
"""


COUNT_SQL = f"""
WITH q AS (SELECT DISTINCT unnest({tokens('?')}) AS term)
SELECT count(DISTINCT (doc_id, idx)) AS n FROM search_terms
WHERE term IN (SELECT term FROM q) AND (idx < 0) = ?
"""


def terms(store: Store, text: str) -> list[str]:
    """The words of `text` a search looks up (the indexing tokenizer, stop words left out)."""
    rows = store.rows(f"SELECT DISTINCT unnest({tokens('?')}) AS term", [text, stopwords()])
    return sorted(r["term"] for r in rows)


def search(
    store: Store, text: str, quotes: bool = False, count: int = 20, offset: int = 0
) -> tuple[int, list[SearchHit]]:
    """How many documents (or, with `quotes`, quotations) have any word of `text`, and a page of them, best first."""
    rows = store.rows(SEARCH_SQL, [text, stopwords(), not quotes, not quotes, count, offset])
    total = int(rows[0].pop("total")) if rows else 0
    for r in rows[1:]:
        r.pop("total")
    if not rows and offset:
        total = count_matches(store, text, quotes)
    words = terms(store, text) if rows else []
    return total, [_hit(r, words) for r in rows]


def _hit(r: dict[str, Any], words: list[str]) -> SearchHit:
    """A result row with the words around its first match (a quotation whole)."""
    body: str = r.pop("text") or ""
    start, end = int(r.pop("start") or 0), int(r.pop("end") or 0)
    if r["idx"] < 0:
        found = re.search("|".join(rf"\b{re.escape(w.removesuffix('y'))}" for w in words), body, re.I) if words else None
        at = found.start() if found else 0
        left, right = max(0, at - SNIPPET), min(len(body), at + SNIPPET)
        start, end, body = left, right, body[left:right]
    kind = "document" if r["idx"] < 0 else "quote"
    return SearchHit(kind=kind, snippet=" ".join(body.split()), start=start, end=end, **r)


def count_matches(store: Store, text: str, quotes: bool = False) -> int:
    """How many documents (or quotations) have at least one of the words of `text`."""
    return int(store.rows(COUNT_SQL, [text, stopwords(), not quotes])[0]["n"])
