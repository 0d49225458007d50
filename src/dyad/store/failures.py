"""The `failures` table: documents whose extraction failed, kept until a later run stores them.

A document is failed by id (the hash of its text), so the same text failing
again counts one more attempt instead of adding a row; a document that is
stored (`Store.write_many`) leaves the table in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from dyad.records import Document, ExtractionFailure
from dyad.store.db import Store
from dyad.stored import FailureRow

UPSERT = """
INSERT INTO failures VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)
ON CONFLICT (doc_id) DO UPDATE SET
    source = excluded.source, title = excluded.title, stage = excluded.stage, reason = excluded.reason,
    detail = excluded.detail, attempts = failures.attempts + 1, last_failed = excluded.last_failed
"""


def record(store: Store, failed: Sequence[tuple[Document, ExtractionFailure]]) -> None:
    """Record failed documents (not those another process has stored meanwhile), one transaction."""
    if not failed:
        return
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with store.transaction() as con:
        stored = {r[0] for r in con.execute(
            "SELECT id FROM documents WHERE id IN (SELECT unnest(?))", [[d.id for d, _ in failed]]
        ).fetchall()}
        rows = [
            (d.id, d.source, d.title, f.stage, f.reason, f.detail, now, now)
            for d, f in failed if d.id not in stored
        ]
        if rows:
            con.executemany(UPSERT, rows)


def failures(store: Store) -> list[FailureRow]:
    """Every failed document, the most recent failure first."""
    rows = store.rows(
        "SELECT doc_id, source, title, stage, reason, attempts, first_failed, last_failed "
        "FROM failures ORDER BY last_failed DESC, doc_id"
    )
    return [FailureRow(**r) for r in rows]


def count(store: Store) -> int:
    return int(store.rows("SELECT count(*) AS n FROM failures")[0]["n"])
