"""One read-only connection kept open between the reads of a long-lived reader (the web server).

Opening the DuckDB file costs about as much as a page's small queries, and a
fresh connection starts with an empty buffer cache, so every page would read
and decompress the columns it touches again. A reader that serves many
requests keeps one read-only connection open instead, each read on a cursor
of it, and lets go of it when a writer needs the file:

- a writer in another process that meets the reader's lock leaves a marker
  beside the store (`<store>.writer`, see `dyad.store.lock`) while it waits;
- the reader checks the marker at every read and every `CHECK` seconds: while
  it is there, reads that start use a short connection of their own, and the
  shared one is closed as soon as no read is using it (the writer renews the
  marker at every try, so one left by a writer killed while waiting goes
  stale and is ignored);
- an idle shared connection (no read for `IDLE` seconds) is closed too, so a
  writer that leaves no marker (an older dyad, another tool) still gets in.

Because the writer cannot open the file while the shared connection is open,
every read sees the state of the file when the connection was opened, and the
first read after a write opens a new one, so it sees the write.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import duckdb

IDLE = 30.0  # seconds a shared connection stays open with no read (a writer that leaves no marker waits this long)
CHECK = 0.05  # seconds between two looks at the writer's marker while the connection is open
STALE = 5.0  # seconds after which a marker nobody renewed is a dead writer's


def writer_marker(path: str) -> str:
    """The file a waiting writer leaves beside the store."""
    return path + ".writer"


class SharedReader:
    """The shared read-only connection of one store file in this process."""

    def __init__(self, path: str, idle: float = IDLE) -> None:
        self.path, self.idle = path, idle
        self._marker = writer_marker(path)
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._users = 0
        self._last = 0.0
        self._watcher: threading.Thread | None = None

    def writer_waiting(self) -> bool:
        """A marker a waiting writer renews at every try (a few times a second); one left by a writer that
        died while waiting is older than `STALE` seconds and ignored."""
        try:
            return time.time() - os.stat(self._marker).st_mtime < STALE
        except OSError:
            return False

    @contextmanager
    def connection(self, open_read: Callable[[], duckdb.DuckDBPyConnection]) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of the shared connection, or a connection of its own while a writer waits."""
        base: duckdb.DuckDBPyConnection | None = None
        with self._lock:
            if not self.writer_waiting():
                if self._con is None:
                    self._con = open_read()
                    self._watch()
                self._users += 1
                base = self._con
        if base is None:
            own = open_read()
            try:
                yield own
            finally:
                own.close()
            return
        cursor = base.cursor()
        try:
            yield cursor
        finally:
            cursor.close()
            with self._lock:
                self._users -= 1
                self._last = time.monotonic()
                if self._users == 0 and self.writer_waiting():
                    self._close()

    def _close(self) -> None:
        """Close the shared connection (the lock held, no read using it)."""
        if self._con is not None:
            self._con.close()
            self._con = None

    def _watch(self) -> None:
        """Start the thread that closes the connection when a writer waits or no read came for `idle` seconds."""
        if self._watcher is None or not self._watcher.is_alive():
            self._watcher = threading.Thread(target=self._run, name="dyad-shared-reader", daemon=True)
            self._watcher.start()

    def _run(self) -> None:
        while True:
            time.sleep(CHECK)
            with self._lock:
                if self._con is None:
                    return
                if self._users == 0 and (self.writer_waiting() or time.monotonic() - self._last > self.idle):
                    self._close()
                    return

    def close(self) -> None:
        with self._lock:
            if self._users == 0:
                self._close()


_readers: dict[str, SharedReader] = {}
_readers_lock = threading.Lock()


def shared_reader(path: str) -> SharedReader:
    """The process's shared reader of the store at `path`."""
    key = os.path.abspath(path)
    with _readers_lock:
        if key not in _readers:
            _readers[key] = SharedReader(path)
        return _readers[key]
