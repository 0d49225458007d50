"""The Store: one DuckDB file, its connection, and the writes of documents.

The connection is opened on first use and closed by `close()`. Every read in
`store/` goes through `Store.rows` (inside `reading()`), every write through
`transaction()`: those two are the only places that touch the connection, so
giving readers short read-only connections that retry while a writer holds
the file is a change to this module alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Any

import duckdb

from dyad.errors import NO_STORE, NOT_A_STORE, SCHEMA_NEWER, SCHEMA_OLDER, STORE_READ_ONLY
from dyad.records import DocExtraction, Document
from dyad.store.migrations import migrate, stored_version
from dyad.store.schema import (
    EXTRACTION_TABLES,
    SCHEMA_VERSION,
    document_fields,
    document_value,
    from_row,
    to_arrow,
    to_row,
)

# what one stored document is made of: the document, its extraction, its MinHash signature
Written = tuple[Document, DocExtraction, "list[int] | None"]
MEMORY = ":memory:"
TABLES = frozenset({"documents", "doc_minhash", "schema_version", "watch_seen", "watch_alerts", *EXTRACTION_TABLES})


class Store:
    """A DuckDB file holding documents and their extractions.

    `read_only` opens the file without the right to write (and so without
    migrating it); a store opened for writing creates the file and brings its
    schema to this dyad's version.
    """

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = str(path)
        self.read_only = read_only
        self._con: duckdb.DuckDBPyConnection | None = None

    # -- the connection -------------------------------------------------------------

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The connection, opened (and, for writing, migrated) on first use."""
        if self._con is None:
            self._con = self._connect()
        return self._con

    def _connect(self) -> duckdb.DuckDBPyConnection:
        if self.read_only:
            if self.path != MEMORY and not Path(self.path).exists():
                raise NO_STORE(path=self.path)
            try:
                con = duckdb.connect(self.path, read_only=True)
            except duckdb.Error as exc:
                raise NOT_A_STORE(path=self.path, problem=str(exc).splitlines()[0]) from exc
            self._check_version(con)
            return con
        if self.path != MEMORY:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(self.path)
        try:
            found = migrate(con)
        except BaseException:
            con.close()
            raise
        if found > SCHEMA_VERSION:
            con.close()
            raise SCHEMA_NEWER(path=self.path, found=found, supported=SCHEMA_VERSION)
        return con

    def _check_version(self, con: duckdb.DuckDBPyConnection) -> None:
        found = stored_version(con)
        problem = None
        if found is None:
            problem = NOT_A_STORE(path=self.path, problem="no schema_version table")
        elif found > SCHEMA_VERSION:
            problem = SCHEMA_NEWER(path=self.path, found=found, supported=SCHEMA_VERSION)
        elif found < SCHEMA_VERSION:
            problem = SCHEMA_OLDER(path=self.path, found=found, supported=SCHEMA_VERSION)
        if problem is not None:
            con.close()
            raise problem

    def connect(self) -> Store:
        """Open the connection now rather than on first use (to report a bad file early)."""
        _ = self.con
        return self

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def reading(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The connection for one read."""
        yield self.con

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The connection inside BEGIN ... COMMIT; anything raised rolls the whole transaction back."""
        if self.read_only:
            raise STORE_READ_ONLY(path=self.path, action="write to it")
        con = self.con
        con.execute("BEGIN")
        try:
            yield con
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run one statement with bound parameters; rows as dicts keyed by column name."""
        with self.reading() as con:
            cur = con.execute(sql, list(params))
            names = [d[0] for d in cur.description or []]
            return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        """Any SQL a script wants to run on the store (dyad's own code reads through `dyad.store`)."""
        return self.rows(sql, list(params))

    # -- writing ----------------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        return bool(self.rows("SELECT 1 FROM documents WHERE id = ?", [doc_id]))

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
        with self.transaction() as con:
            ids = [d.id for d, _, _ in batch]
            found = con.execute("SELECT id FROM documents WHERE id IN (SELECT unnest(?))", [ids]).fetchall()
            stored = {r[0] for r in found}
            is_new: list[bool] = []
            for document, _, _ in batch:
                is_new.append(document.id not in stored)
                stored.add(document.id)
            new = [item for item, fresh in zip(batch, is_new, strict=True) if fresh]
            if new:
                now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
                con.executemany(
                    f"INSERT INTO documents ({', '.join(DOCUMENT_COLUMNS)}) VALUES ({', '.join('?' * len(DOCUMENT_COLUMNS))})",
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
        return is_new

    def update_metadata(self, document: Document) -> bool:
        """Replace the metadata of the stored document with `document`'s id (its text, extraction and
        near-copy link stay); returns whether anything changed."""
        names = METADATA_FIELDS
        stored = self.document(document.id)
        if stored is None:
            return False
        if all(getattr(stored, n) == getattr(document, n) for n in names):
            return False
        with self.transaction() as con:
            sets = ", ".join(f"{n} = ?" for n in names)
            con.execute(
                f"UPDATE documents SET {sets} WHERE id = ?",
                [*(document_value(n, getattr(document, n)) for n in names), document.id],
            )
        return True

    def delete_document(self, doc_id: str) -> None:
        with self.transaction() as con:
            for table in EXTRACTION_TABLES:
                con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])
            con.execute("DELETE FROM doc_minhash WHERE doc_id = ?", [doc_id])
            con.execute("DELETE FROM documents WHERE id = ?", [doc_id])

    # -- reading documents back -------------------------------------------------------

    def document(self, doc_id: str) -> Document | None:
        rows = self.rows("SELECT * FROM documents WHERE id = ?", [doc_id])
        return _document(rows[0]) if rows else None

    def documents(self) -> Iterator[Document]:
        for row in self.rows("SELECT * FROM documents ORDER BY published NULLS LAST, id"):
            yield _document(row)

    def extraction(self, doc_id: str) -> DocExtraction:
        """Rebuild the stored DocExtraction of one document."""
        model = self.rows("SELECT model FROM documents WHERE id = ?", [doc_id])
        values: dict[str, Any] = {"doc_id": doc_id, "model": model[0]["model"] if model else ""}
        for table, (record, attr) in EXTRACTION_TABLES.items():
            rows = self.rows(f"SELECT * FROM {table} WHERE doc_id = ? ORDER BY idx", [doc_id])
            values[attr] = [from_row(record, doc_id, r) for r in rows]
        return DocExtraction(**values)

    def count(self, table: str, where: str = "", params: Iterable[Any] = ()) -> int:
        """Rows of one table, optionally under a condition with bound parameters."""
        if table not in TABLES:
            raise ValueError(f"no table {table!r} in a dyad store")
        sql = f"SELECT count(*) AS n FROM {table}" + (f" WHERE {where}" if where else "")
        return int(self.rows(sql, list(params))[0]["n"])


def source_name(source: str | None) -> str | None:
    """The file name of a source path or URL, which gold files use to name documents."""
    if not source:
        return None
    return PurePosixPath(source.replace("\\", "/").rstrip("/")).name or source


def derived_fields(document: Document) -> tuple[str | None, int, int]:
    """What the documents table computes from a document: its source's file name, characters, words."""
    return source_name(document.source), len(document.text), len(document.text.split())


# What describes a document rather than is it: what `dyad ingest --update-metadata` corrects.
METADATA_FIELDS = ("title", "outlet", "url", "published", "language", "ref", "author", "section", "keywords", "extra")
DOCUMENT_COLUMNS = (*Document.model_fields, "source_name", "n_chars", "n_words", "model", "ingested_at")


def _document_row(document: Document, model: str, now: dt.datetime) -> list[Any]:
    """A documents-table row, in the order of DOCUMENT_COLUMNS."""
    own = [document_value(name, getattr(document, name)) for name in Document.model_fields]
    return [*own, *derived_fields(document), model, now]


def _document(row: dict[str, Any]) -> Document:
    return Document(**document_fields(row))


def open_store(path: str | Path, read_only: bool = False) -> Store:
    """Open the store at `path` now: for writing, creating and migrating it if needed; else read-only."""
    return Store(path, read_only).connect()
