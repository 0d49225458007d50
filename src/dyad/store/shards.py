"""Bulk loading: DuckDB reads a partition's Parquet shard (the store's row layout) directly."""

from __future__ import annotations

from collections.abc import Mapping

from dyad.store.db import Store
from dyad.store.schema import EXTRACTION_TABLES


def load_shard(store: Store, files: Mapping[str, str]) -> list[str]:
    """Load one partition's files (table name -> Parquet path, `documents` included), skipping stored documents.

    One transaction for the partition: every row of a document lands with it, or
    nothing does. Returns the ids of the documents stored.
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
    return new
