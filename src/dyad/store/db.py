"""The Store: one DuckDB file, the connections to it, and the writes of documents.

Every read in `store/` goes through `Store.rows` (inside `reading()`), every
write through `transaction()`; those are the only places that touch a
connection, and each opens its own and closes it when the operation ends, so
the file is held only while one statement or one write batch runs:

- a read opens a read-only connection: any number of processes read at once;
- a write opens a read-write connection for one transaction (a batch of
  documents) and closes it, which checkpoints the batch into the file and lets
  readers and other writers in between batches;
- DuckDB lets one process write a file or many read it, never both; whoever
  meets the other's lock ("Could not set lock on file ... Conflicting lock is
  held") tries again with growing pauses (`lock.py`), for at most `wait`
  seconds, saying once on stderr that it is waiting; after that it is DY110.

An in-memory store (":memory:") has one connection for its life. `con` is a
connection held until `close()`, for scripts and tests that want one; while it
is open, other processes wait for this one. See docs/concurrency.md.
"""

from __future__ import annotations

import datetime as dt
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, closing, contextmanager
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from dyad.errors import NO_STORE, NOT_A_STORE, SCHEMA_NEWER, SCHEMA_OLDER, STORE_READ_ONLY, DyadError
from dyad.fuse.config import speculative_modalities
from dyad.records import DocExtraction, Document
from dyad.store import aggregate_tables, pair_tables
from dyad.store.aggregate_tables import built_with
from dyad.store.fulltext import index_documents, unindex_documents
from dyad.store.fusion_tables import FUSION_TABLES
from dyad.store.lock import LOCK_WAIT, connect_waiting, turns
from dyad.store.migrations import migrate, stored_version
from dyad.store.schema import (
    EXTRACTION_TABLES,
    SCHEMA_VERSION,
    document_fields,
    document_value,
    from_row,
)
from dyad.store.shared import SharedReader
from dyad.store.write_rows import derived_fields as derived_fields  # read from here by other modules
from dyad.store.write_rows import documents_table, extraction_table, insert, minhash_table
from dyad.store.write_rows import source_name as source_name

# what one stored document is made of: the document, its extraction, its MinHash signature
Written = tuple[Document, DocExtraction, "list[int] | None"]
MEMORY = ":memory:"
T = TypeVar("T")
TABLES = frozenset({"documents", "doc_minhash", "schema_version", "failures", "watch_seen", "watch_alerts",
                    "search_units", "search_terms", *EXTRACTION_TABLES, *FUSION_TABLES})


def _say(line: str) -> None:
    """The default way a store tells its user it is waiting: one line on stderr."""
    print(line, file=sys.stderr, flush=True)


class Store:
    """A DuckDB file holding documents and their extractions.

    `read_only` opens the file without the right to write (and so without
    migrating it); a store opened for writing creates the file and brings its
    schema to this dyad's version. `wait` is how long an operation waits for
    another process holding the file (default `lock.LOCK_WAIT` seconds);
    `notify` receives the one line that says it is waiting (default: stderr).
    """

    def __init__(
        self, path: str | Path, read_only: bool = False, *, wait: float = LOCK_WAIT,
        notify: Callable[[str], None] | None = None,
    ) -> None:
        self.path = str(path)
        self.read_only = read_only
        self.wait = wait
        self.notify = notify or _say
        self._con: duckdb.DuckDBPyConnection | None = None
        self._ready = False  # version checked (read-only) or migrated (for writing)
        self._told = False  # the waiting line is said once per store
        self._local = threading.local()  # the connection of the operation in progress, per thread
        # a long-lived reader's connection kept between reads (dyad.store.shared); None: one per operation
        self.shared: SharedReader | None = None

    # -- the connections -----------------------------------------------------------

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """A connection held until `close()` (other processes wait meanwhile); dyad itself uses per-operation ones."""
        if self._con is None:
            self._con = self._open(writable=not self.read_only)
        return self._con

    def _told_once(self, line: str) -> None:
        if not self._told:
            self._told = True
            self.notify(line)

    def _connect(self, writable: bool) -> duckdb.DuckDBPyConnection:
        """A new connection, waiting (bounded) while another process holds the file."""
        if self.path != MEMORY:
            if not writable and not Path(self.path).exists():
                raise NO_STORE(path=self.path)
            if writable:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            return connect_waiting(self.path, not writable, self.wait, self._told_once)
        except duckdb.Error as exc:
            raise NOT_A_STORE(path=self.path, problem=str(exc).splitlines()[0]) from exc

    def _open(self, writable: bool) -> duckdb.DuckDBPyConnection:
        """A connection; the first a store opens checks the file (see `_prepare`)."""
        if not self._ready and not self.read_only and not writable:
            self._connect_ready(writable=True).close()  # `con` of a store never prepared: create it first
        return self._connect_ready(writable)

    def _prepare(self) -> None:
        """Check the schema version (read-only) or create and migrate the file, once, in a turn of its own."""
        if self._ready or self.path == MEMORY:
            return
        with turns(self.path).turn(not self.read_only, self.path, self.wait):
            if not self._ready:
                self._connect_ready(writable=not self.read_only).close()

    def _connect_ready(self, writable: bool) -> duckdb.DuckDBPyConnection:
        con = self._connect(writable)
        if self._ready:
            return con
        try:
            if writable:
                found = migrate(con)
                if found > SCHEMA_VERSION:
                    raise SCHEMA_NEWER(path=self.path, found=found, supported=SCHEMA_VERSION)
            else:
                self._check_version(con)
        except BaseException:
            con.close()
            raise
        self._ready = True
        return con

    def _check_version(self, con: duckdb.DuckDBPyConnection) -> None:
        found = stored_version(con)
        if found is None:
            raise NOT_A_STORE(path=self.path, problem="no schema_version table")
        if found > SCHEMA_VERSION:
            raise SCHEMA_NEWER(path=self.path, found=found, supported=SCHEMA_VERSION)
        if found < SCHEMA_VERSION:
            raise SCHEMA_OLDER(path=self.path, found=found, supported=SCHEMA_VERSION)

    def connect(self) -> Store:
        """Check the file now (create and migrate it for writing) rather than on first use."""
        if self.path == MEMORY:
            _ = self.con
        self._prepare()
        return self

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def threadable(self) -> bool:
        """Whether threads of this process may use the store at once: a file store whose operations
        open connections of their own (ordered by `turns`); a held or in-memory connection is shared."""
        return self.path != MEMORY and self._con is None

    def _held(self) -> tuple[duckdb.DuckDBPyConnection, bool] | None:
        """The connection already open for this thread (the held one, or an operation's), and if it writes."""
        if self._con is not None:
            return self._con, not self.read_only
        if self.path == MEMORY:
            return self.con, not self.read_only
        op: tuple[duckdb.DuckDBPyConnection, bool] | None = getattr(self._local, "op", None)
        return op

    @contextmanager
    def _operation(self, writable: bool) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection for one operation, closed at its end; an operation inside another shares its connection."""
        held = self._held()
        if held is not None:
            con, can_write = held
            if writable and not can_write:
                raise RuntimeError(f"{self.path}: a write cannot start inside a read of the same store")
            yield con
            return
        if not self.read_only:
            self._prepare()  # a read-only store checks its version on the operation's own connection
        with turns(self.path).turn(writable, self.path, self.wait):
            if not writable and self.shared is not None:
                opened: AbstractContextManager[duckdb.DuckDBPyConnection] = self.shared.connection(
                    lambda: self._open(False))
            else:
                opened = closing(self._open(writable))
            with opened as con:
                self._local.op = (con, writable)
                try:
                    yield con
                finally:
                    self._local.op = None

    @contextmanager
    def reading(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection for one read (several reads inside one `reading()` see one state of the file)."""
        with self._operation(writable=False) as con:
            yield con

    def at_once(self, *calls: Callable[[], Any]) -> list[Any]:
        """Run independent reads side by side inside one read of the store; their results in order.

        Each call runs on a thread of its own with a cursor of this read's connection (DuckDB runs
        the queries of different cursors in parallel and lets go of the GIL meanwhile), so a page's
        dozen listings take about as long as the slowest few instead of their sum. A read-only
        connection sees one state of the file (no process writes it while it is open), so the calls
        see what one connection would. Inside a write, on a held connection or in memory (where
        another cursor would not see the transaction's rows) they run one after another.
        """
        with self.reading():
            op: tuple[duckdb.DuckDBPyConnection, bool] | None = getattr(self._local, "op", None)
            if len(calls) < 2 or self._con is not None or self.path == MEMORY or op is None or op[1]:
                return [call() for call in calls]
            con = op[0]
            with ThreadPoolExecutor(max_workers=len(calls)) as pool:
                futures = [pool.submit(self._on_cursor, con, call) for call in calls]
                return [f.result() for f in futures]

    def _on_cursor(self, con: duckdb.DuckDBPyConnection, call: Callable[[], T]) -> T:
        """`call` on this thread with a cursor of `con` as its operation's connection."""
        cursor = con.cursor()
        self._local.op = (cursor, False)
        try:
            return call()
        finally:
            self._local.op = None
            cursor.close()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection inside BEGIN ... COMMIT; anything raised rolls the whole transaction back."""
        if self.read_only:
            raise STORE_READ_ONLY(path=self.path, action="write to it")
        nested = self._held() is not None and getattr(self._local, "in_transaction", False)
        with self._operation(writable=True) as con:
            if nested:
                yield con
                return
            con.execute("BEGIN")
            self._local.in_transaction = True
            try:
                yield con
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
            finally:
                self._local.in_transaction = False

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run one statement with bound parameters; rows as dicts keyed by column name."""
        with self.reading() as con:
            cur = con.execute(sql, list(params))
            names = [d[0] for d in cur.description or []]
            return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        """Any SQL a script wants to run on the store (dyad's own code reads through `dyad.store`).

        On a store opened for writing it runs in a transaction of its own, so it may write.
        """
        if self.read_only:
            return self.rows(sql, list(params))
        with self.transaction() as con:
            cur = con.execute(sql, list(params))
            names = [d[0] for d in cur.description or []]
            return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    # -- writing ----------------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        return bool(self.rows("SELECT 1 FROM documents WHERE id = ?", [doc_id]))

    def stored_ids(self, doc_ids: Sequence[str]) -> set[str]:
        """Which of these documents the store holds, in one read."""
        if not doc_ids:
            return set()
        return {r["id"] for r in self.rows("SELECT id FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))", [list(doc_ids)])}

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
        outcomes = self.write_each(batch)
        for outcome in outcomes:
            if isinstance(outcome, Exception):
                raise outcome
        return [bool(o) for o in outcomes]

    def write_each(self, batch: list[Written]) -> list[bool | Exception]:
        """`write_many` that never raises for one document: per document, whether it was new or what it raised.

        A DyadError (the store itself unavailable: DY110) is raised, as no document could be written.
        """
        try:
            return list(self._write_batch(batch))
        except DyadError:
            raise
        except Exception as exc:
            if len(batch) == 1:
                return [exc]
        outcomes: list[bool | Exception] = []
        for item in batch:
            try:
                outcomes.append(self._write_batch([item])[0])
            except DyadError:
                raise
            except Exception as exc:
                outcomes.append(exc)
        return outcomes

    def _write_batch(self, batch: list[Written]) -> list[bool]:
        with self.transaction() as con:
            ids = [d.id for d, _, _ in batch]
            found = con.execute("SELECT id FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()
            stored = {r[0] for r in found}
            is_new: list[bool] = []
            for document, _, _ in batch:
                is_new.append(document.id not in stored)
                stored.add(document.id)
            new = [item for item, fresh in zip(batch, is_new, strict=True) if fresh]
            if new:
                _insert_new(con, new)
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
            # the title is indexed with the text: search must find the corrected one
            unindex_documents(con, [document.id])
            index_documents(con, [document.id])
        return True

    def delete_document(self, doc_id: str, overrides: str | Path | None = None) -> None:
        """Delete a document and every row of it. With fusion loaded (it registers itself, see
        `DELETERS`), fusion stays whole: the stories, figures and contradictions the document was in
        are recomputed from the documents that stay, its near-copies become originals and are fused
        again, and global actors are resolved again (with `overrides`) when a name went with it.
        Without it only the document's own rows go, and `dyad fuse --check` or the doctor finds what
        fusion still holds of it."""
        deleter = DELETERS.get("fusion")
        if deleter is not None:
            deleter(self, [doc_id], overrides)
        else:
            self.drop_documents([doc_id])

    def drop_documents(self, ids: Sequence[str]) -> list[str]:
        """Delete these documents' own rows (not fusion's: `delete_document`); the ids of the stored
        documents that were near-copies of them, which are originals now."""
        with self.transaction() as con:
            gone = list(ids)
            built = built_with(con)
            if built is not None:  # what they contributed to the stored aggregates, while their events are there
                aggregate_tables.take_away(con, gone, built)
            counted = pair_tables.built_with(con) is not None
            pairs = pair_tables.touched(con, gone, [], []) if counted else set()
            copies = [r[0] for r in con.execute(
                "SELECT id FROM documents WHERE near_copy_of IN (SELECT unnest(?::VARCHAR[])) "
                "AND id NOT IN (SELECT unnest(?::VARCHAR[])) ORDER BY id", [gone, gone]).fetchall()]
            unindex_documents(con, gone)
            for table in EXTRACTION_TABLES:
                con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [gone])
            con.execute("DELETE FROM doc_minhash WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [gone])
            con.execute("DELETE FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))", [gone])
            con.execute("UPDATE documents SET near_copy_of = NULL, near_copy_score = NULL "
                        "WHERE near_copy_of IN (SELECT unnest(?::VARCHAR[]))", [gone])
            if built is not None:
                aggregate_tables.add(con, [], built)  # settles the pairs they left, makes the network again
            if counted:  # the outlets of the dyads they were in, counted again without them
                pair_tables.refresh(con, pairs, speculative_modalities())
        return copies

    # -- reading documents back -------------------------------------------------------

    def document(self, doc_id: str) -> Document | None:
        rows = self.rows("SELECT * FROM documents WHERE id = ?", [doc_id])
        return _document(rows[0]) if rows else None

    def documents(self) -> Iterator[Document]:
        for row in self.rows("SELECT * FROM documents ORDER BY published NULLS LAST, id"):
            yield _document(row)

    def extraction(self, doc_id: str) -> DocExtraction:
        """Rebuild the stored DocExtraction of one document."""
        with self.reading():
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


# How a stage built on the store deletes documents so that its own tables stay whole; fusion (which
# imports the store, so the store cannot import it) registers `dyad.fuse.update.delete_documents`
# here when it is loaded, as stages register their doctor's checks.
Deleter = Callable[["Store", Sequence[str], "str | Path | None"], object]
DELETERS: dict[str, Deleter] = {}


def _insert_new(con: duckdb.DuckDBPyConnection, new: list[Written]) -> None:
    """Insert documents the store does not hold, with their signatures, extractions and index rows."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    insert(con, "documents", documents_table([(d, x.model) for d, x, _ in new], now))
    hashes = [(d.id, h) for d, _, h in new if h is not None]
    if hashes:
        insert(con, "doc_minhash", minhash_table(hashes))
    extractions = [(d.id, x) for d, x, _ in new]
    for table, (record, attr) in EXTRACTION_TABLES.items():
        if (rows := extraction_table(record, attr, extractions)) is not None:
            insert(con, table, rows)
    ids = [d.id for d, _, _ in new]
    index_documents(con, ids)
    # a document that failed before and is stored now is no longer a failure
    con.execute("DELETE FROM failures WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [ids])


# What describes a document rather than is it: what `dyad ingest --update-metadata` corrects.
METADATA_FIELDS = ("title", "outlet", "url", "published", "language", "ref", "author", "section", "keywords", "extra")


def _document(row: dict[str, Any]) -> Document:
    return Document(**document_fields(row))


def open_store(path: str | Path, read_only: bool = False) -> Store:
    """Open the store at `path` now: for writing, creating and migrating it if needed; else read-only."""
    return Store(path, read_only).connect()
