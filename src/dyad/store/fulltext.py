"""The full-text index, written in the same transaction as the documents it indexes.

Why our own index rather than DuckDB's `fts` extension: the extension is not in
the duckdb wheel and nothing may be downloaded at run time, and its index is
built whole by `PRAGMA create_fts_index` over a table, so every new document
would mean rebuilding it for the whole store. Here each document adds its own
rows: `search_units` (one per document, idx -1, and one per quotation, its idx,
with its length in words) and `search_terms` (one per distinct word of a unit,
with how often it occurs and the unit's length). `dyad.store.search` ranks them with BM25 in SQL.

Words are cut by the same SQL expression for the text and for a query
(`tokens`): lower case, accents stripped, runs of letters and digits, plurals
folded. The common English words of `data/search_stopwords.txt` are left out;
they would be most of the rows and idf gives them no weight anyway.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import resources

import duckdb

MAX_TERM = 40  # characters; longer runs are noise (hashes, run-together URLs)

# A plural folded to its singular, as Harman's S-stemmer does ("missiles" and "missile" are one
# word; "countries" is "country"), for words of four letters or more.
_SINGULAR = """CASE WHEN length(t) <= 3 THEN t
    WHEN t LIKE '%ies' AND NOT (t LIKE '%eies' OR t LIKE '%aies') THEN t[:-4] || 'y'
    WHEN t LIKE '%s' AND NOT (t LIKE '%us' OR t LIKE '%ss') THEN t[:-2]
    ELSE t END"""


def tokens(text: str) -> str:
    """SQL for the list of words of the SQL expression `text`: the one tokenizer of index and queries.

    Lower case, accents stripped, runs of letters and digits, stop words (a `?`
    parameter after any of `text`'s own) and over-long runs dropped, plurals folded.
    """
    words = rf"regexp_extract_all(lower(strip_accents({text})), '[\pL\pN]+')"
    kept = f"list_filter({words}, lambda t: length(t) <= {MAX_TERM} AND NOT list_contains(?::VARCHAR[], t))"
    return f"list_transform({kept}, lambda t: {_SINGULAR})"


@cache
def stopwords() -> list[str]:
    """The words the index leaves out (data/search_stopwords.txt, one a line, # comments)."""
    text = resources.files("dyad.data").joinpath("search_stopwords.txt").read_text(encoding="utf-8")
    return sorted({w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#")})


def index_documents(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> None:
    """Index the stored documents `ids` and their quotations (inside the caller's transaction)."""
    if not ids:
        return
    doc_words = tokens("coalesce(d.title, '') || ' ' || d.text")
    quote_words = tokens("coalesce(q.speaker, '') || ' ' || q.text")
    con.execute(
        f"""INSERT INTO search_terms
        WITH words AS (
            SELECT d.id AS doc_id, -1 AS idx, unnest({doc_words}) AS term
            FROM documents d WHERE d.id IN (SELECT unnest(?::VARCHAR[]))
            UNION ALL
            SELECT q.doc_id, q.idx, unnest({quote_words}) AS term
            FROM quotes q WHERE q.doc_id IN (SELECT unnest(?::VARCHAR[]))
        ),
        counted AS (SELECT term, doc_id, idx, CAST(count(*) AS INTEGER) AS tf FROM words GROUP BY ALL),
        lengths AS (SELECT doc_id, idx, CAST(sum(tf) AS INTEGER) AS length FROM counted GROUP BY ALL)
        SELECT c.term, c.doc_id, c.idx, c.tf, l.length FROM counted c JOIN lengths l USING (doc_id, idx)""",
        [stopwords(), list(ids), stopwords(), list(ids)],
    )
    con.execute(
        """INSERT INTO search_units
        SELECT doc_id, idx, max(length) FROM search_terms
        WHERE doc_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY ALL""",
        [list(ids)],
    )


def unindex_documents(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> None:
    """Drop the index rows of documents `ids` (inside the caller's transaction)."""
    for table in ("search_terms", "search_units"):
        con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [list(ids)])


def reindex_all(con: duckdb.DuckDBPyConnection, batch: int = 2000) -> None:
    """Index every stored document from scratch (the migration that adds the index runs this)."""
    con.execute("DELETE FROM search_terms")
    con.execute("DELETE FROM search_units")
    ids = [r[0] for r in con.execute("SELECT id FROM documents ORDER BY id").fetchall()]
    for start in range(0, len(ids), batch):
        index_documents(con, ids[start : start + batch])
