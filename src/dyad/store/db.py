"""Open, write and read the DuckDB store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import Any

import duckdb

from dyad.records import DocExtraction, Document
from dyad.store.migrations import migrate
from dyad.store.schema import EXTRACTION_TABLES, from_row, to_arrow, to_row

# what one stored document is made of: the document, its extraction, its MinHash signature
Written = tuple[Document, DocExtraction, "list[int] | None"]


class Store:
    """A DuckDB file holding documents and their extractions."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str) -> None:
        self.con = con
        self.path = path

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        return self.con.execute("SELECT 1 FROM documents WHERE id = ?", [doc_id]).fetchone() is not None

    def write(self, document: Document, extraction: DocExtraction, minhash: list[int] | None = None) -> bool:
        """Store one document and everything extracted from it, atomically.

        Returns False (and writes nothing) when the document is already stored.
        """
        return self.write_many([(document, extraction, minhash)])[0]

    def write_many(self, batch: list[Written]) -> list[bool]:
        """Store several documents in one transaction; each is stored whole or not at all.

        One commit and one Arrow insert per table for the whole batch is what makes
        writing cheap; if the batch fails, each document is retried in a transaction
        of its own so that one bad document cannot keep the others out. Returns, per
        document, whether it was new.
        """
        try:
            return self._write_batch(batch)
        except Exception:
            if len(batch) == 1:
                raise
        return [self._write_batch([item])[0] for item in batch]

    def _write_batch(self, batch: list[Written]) -> list[bool]:
        con = self.con
        con.execute("BEGIN")
        try:
            ids = [d.id for d, _, _ in batch]
            stored = {r[0] for r in con.execute("SELECT id FROM documents WHERE id IN (SELECT unnest(?))", [ids]).fetchall()}
            is_new: list[bool] = []
            for document, _, _ in batch:
                is_new.append(document.id not in stored)
                stored.add(document.id)
            new = [item for item, fresh in zip(batch, is_new) if fresh]
            if new:
                now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
                con.executemany(
                    "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    # a microsecond apart, so ingested_at keeps the order documents arrived in
                    [_document_row(d, x.model, now + dt.timedelta(microseconds=i)) for i, (d, x, _) in enumerate(new)],
                )
                hashes = [(d.id, h) for d, _, h in new if h is not None]
                if hashes:
                    con.executemany("INSERT INTO doc_minhash VALUES (?, ?)", hashes)
                for table, (record, attr) in EXTRACTION_TABLES.items():
                    rows = [to_row(d.id, i, item) for d, x, _ in new for i, item in enumerate(getattr(x, attr))]
                    if rows:
                        con.register("_dyad_rows", to_arrow(record, rows))
                        con.execute(f"INSERT INTO {table} SELECT * FROM _dyad_rows")
                        con.unregister("_dyad_rows")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return is_new

    def delete_document(self, doc_id: str) -> None:
        self.con.execute("BEGIN")
        for table in EXTRACTION_TABLES:
            self.con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])
        self.con.execute("DELETE FROM doc_minhash WHERE doc_id = ?", [doc_id])
        self.con.execute("DELETE FROM documents WHERE id = ?", [doc_id])
        self.con.execute("COMMIT")

    # -- reading -----------------------------------------------------------------

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, list(params))
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def document(self, doc_id: str) -> Document | None:
        rows = self.query("SELECT * FROM documents WHERE id = ?", [doc_id])
        return _document(rows[0]) if rows else None

    def documents(self) -> Iterator[Document]:
        for row in self.query("SELECT * FROM documents ORDER BY published NULLS LAST, id"):
            yield _document(row)

    def extraction(self, doc_id: str) -> DocExtraction:
        """Rebuild the stored DocExtraction of one document."""
        model = self.con.execute("SELECT model FROM documents WHERE id = ?", [doc_id]).fetchone()
        values: dict[str, Any] = {"doc_id": doc_id, "model": model[0] if model else ""}
        for table, (record, attr) in EXTRACTION_TABLES.items():
            rows = self.query(f"SELECT * FROM {table} WHERE doc_id = ? ORDER BY idx", [doc_id])
            values[attr] = [from_row(record, doc_id, r) for r in rows]
        return DocExtraction(**values)

    def count(self, table: str, where: str = "", params: Iterable[Any] = ()) -> int:
        sql = f"SELECT count(*) FROM {table}" + (f" WHERE {where}" if where else "")
        return int(self.con.execute(sql, list(params)).fetchone()[0])


def source_name(source: str | None) -> str | None:
    """The file name of a source path or URL, which gold files use to name documents."""
    if not source:
        return None
    return PurePosixPath(source.replace("\\", "/").rstrip("/")).name or source


def derived_fields(document: Document) -> tuple[str | None, int, int]:
    """What the documents table computes from a document: its source's file name, characters, words."""
    return source_name(document.source), len(document.text), len(document.text.split())


def _document_row(document: Document, model: str, now: dt.datetime) -> list[Any]:
    """A documents-table row, in column order."""
    name, n_chars, n_words = derived_fields(document)
    return [
        document.id,
        document.title,
        document.outlet,
        document.url,
        document.published,
        document.language,
        document.source,
        name,
        document.near_copy_of,
        document.near_copy_score,
        n_chars,
        n_words,
        model,
        now,
        document.text,
    ]


def _document(row: dict[str, Any]) -> Document:
    fields = Document.model_fields
    return Document(**{k: v for k, v in row.items() if k in fields})


def open_store(path: str | Path, read_only: bool = False) -> Store:
    """Open (creating and migrating if needed) the store at `path`."""
    path = str(path)
    if path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(path, read_only=read_only)
    if not read_only:
        migrate(con)
    return Store(con, path)
