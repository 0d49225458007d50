"""Bulk loading: DuckDB reads a partition's Parquet shard (the store's row layout) directly."""

from __future__ import annotations

from collections.abc import Mapping

from dyad.store.db import Store
from dyad.store.fulltext import index_documents
from dyad.store.schema import EXTRACTION_TABLES


def load_shard(store: Store, files: Mapping[str, str]) -> list[str]:
    """Load one partition's files (table name -> Parquet path, `documents` included), skipping stored documents.

    One transaction for the partition: every row of a document lands with it, or
    nothing does. Documents whose extraction failed (the shard's `failures` file)
    are recorded in the failures table, as the orchestrator records them. Returns
    the ids of the documents stored.
    """
    docs = files["documents"]
    with store.transaction() as con:
        found = con.execute("SELECT id FROM read_parquet(?) WHERE id NOT IN (SELECT id FROM documents)", [docs])
        new = [r[0] for r in found.fetchall()]
        if new:
            con.execute(
                "INSERT INTO documents BY NAME SELECT *, now()::TIMESTAMP AS ingested_at FROM read_parquet(?) "
                "WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                [docs, new],
            )
            for table in EXTRACTION_TABLES:
                con.execute(
                    f"INSERT INTO {table} SELECT * FROM read_parquet(?) "
                    "WHERE doc_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY doc_id, idx",
                    [files[table], new],
                )
            index_documents(con, new)
            con.execute("DELETE FROM failures WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [new])
        if "failures" in files:
            con.execute(
                "INSERT INTO failures SELECT id, source, title, stage, reason, detail, 1, now(), now() "
                "FROM read_parquet(?) WHERE id NOT IN (SELECT id FROM documents) "
                "ON CONFLICT (doc_id) DO UPDATE SET stage = excluded.stage, reason = excluded.reason, "
                "detail = excluded.detail, attempts = failures.attempts + 1, last_failed = excluded.last_failed",
                [files["failures"]],
            )
    return new
