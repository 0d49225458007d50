"""The MinHash signatures near-copy detection keeps in `doc_minhash`, read back for a run's index."""

from __future__ import annotations

from collections.abc import Iterator

from dyad.store.db import Store

FETCH = 1000  # rows per fetch: the index streams in, the corpus is never held at once


class StoredSignatures:
    """What a near-copy index asks of the store (see dyad.ingest.nearcopy.SignatureSource)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def all(self) -> Iterator[tuple[str, list[int] | None]]:
        """(document id, its signature or None) for every stored document, in the order they arrived."""
        with self.store.reading() as con:
            cur = con.execute(
                "SELECT d.id, m.hashvalues FROM documents d LEFT JOIN doc_minhash m ON m.doc_id = d.id "
                "ORDER BY d.ingested_at, d.id"
            )
            while rows := cur.fetchmany(FETCH):
                yield from ((doc_id, hashvalues) for doc_id, hashvalues in rows)

    def signature(self, doc_id: str) -> list[int] | None:
        rows = self.store.rows("SELECT hashvalues FROM doc_minhash WHERE doc_id = ?", [doc_id])
        return list(rows[0]["hashvalues"]) if rows and rows[0]["hashvalues"] is not None else None

    def text(self, doc_id: str) -> str:
        rows = self.store.rows("SELECT text FROM documents WHERE id = ?", [doc_id])
        return (rows[0]["text"] if rows else None) or ""
