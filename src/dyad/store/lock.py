"""Opening the DuckDB file while another process may hold it: bounded retries with growing pauses.

DuckDB takes an operating-system lock on the file when a connection opens it:
shared for read-only connections, exclusive for a read-write one. A process
that meets the other kind fails at once with "Could not set lock on file ...
Conflicting lock is held in ... (PID n)". Inside one process, a read-only and a
read-write connection to the same file cannot be open together either ("Can't
open a connection to same database file with a different configuration").
Both are waits, not errors: `connect_waiting` tries again after a pause that
doubles from `FIRST_PAUSE` to `LONGEST_PAUSE` (with a little jitter so that
waiting processes do not move in step) until `wait` seconds have passed, and
says once, after `TELL_AFTER` seconds, who it is waiting for.

Threads of one process do not leave it to DuckDB: `turns(path)` gives them
turns on the file, reads together and a write alone, a waiting write before
new reads, so a thread that writes is never starved by threads that read (a
web server answering requests in the process that ingests).
"""

from __future__ import annotations

import contextlib
import random
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from dyad.errors import STORE_BUSY
from dyad.store.shared import writer_marker

LOCK_WAIT = 300.0  # seconds an operation waits for another process before giving up (setting lock_wait)
FIRST_PAUSE = 0.005
LONGEST_PAUSE = 0.25
TELL_AFTER = 1.0  # a wait shorter than this (another process finishing a batch) goes unmentioned

_CONFLICT = ("Could not set lock on file", "Conflicting lock is held", "different configuration")
# A file another process is creating this instant has no valid header yet; it gets this long to become one
# (a file that is simply not a store is refused after it)
_CREATING = "not a valid DuckDB database file"
CREATE_WAIT = 2.0
_HOLDER = re.compile(r"Conflicting lock is held in (.*?) \(PID (\d+)\)")


def is_lock_conflict(exc: BaseException) -> bool:
    """Whether DuckDB refused a connection because another connection holds the file."""
    return isinstance(exc, duckdb.Error) and any(part in str(exc) for part in _CONFLICT)


def holder(exc: BaseException) -> str:
    """Who holds the file, as DuckDB names it: "process 1234 (python3)", else "another connection"."""
    found = _HOLDER.search(str(exc))
    if not found:
        return "another connection in this process"
    return f"process {found.group(2)} ({found.group(1).rsplit('/', 1)[-1]})"


def connect_waiting(
    path: str, read_only: bool, wait: float, tell: Callable[[str], None]
) -> duckdb.DuckDBPyConnection:
    """`duckdb.connect(path, read_only)`, waiting up to `wait` seconds for a conflicting lock to go
    (and briefly for a file another process is creating). A writer that waits leaves a marker for
    readers that keep their connection between reads (dyad.store.shared), and removes it when done."""
    marker = None if read_only else Path(writer_marker(path))
    left = False  # only a writer that met a lock touches the file system for the marker
    start = time.monotonic()
    pause = FIRST_PAUSE
    told = False
    try:
        while True:
            try:
                return duckdb.connect(path, read_only=read_only)
            except duckdb.Error as exc:
                if marker is not None and is_lock_conflict(exc):
                    with contextlib.suppress(OSError):  # a folder it may not write in: readers let go when idle
                        marker.touch()
                        left = True
                waited = time.monotonic() - start
                if _CREATING in str(exc) and waited < min(CREATE_WAIT, wait):
                    time.sleep(FIRST_PAUSE * random.uniform(1, 10))
                    continue
                if not is_lock_conflict(exc):
                    raise
                if waited >= wait:
                    raise STORE_BUSY(path=path, holder=holder(exc), seconds=round(wait)) from exc
                if not told and waited >= TELL_AFTER:
                    told = True
                    tell(f"dyad: {path} is in use by {holder(exc)}; waiting for it (up to {round(wait)} s)")
                time.sleep(min(pause * random.uniform(0.5, 1.5), max(wait - waited, 0.0)))
                pause = min(pause * 2, LONGEST_PAUSE)
    finally:
        if left and marker is not None:
            marker.unlink(missing_ok=True)


class Turns:
    """Turns on one file for the threads of this process: reads share it, a write has it alone and goes first."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False
        self._waiting_writers = 0
        self._mine = threading.local()  # "read" or "write" while this thread has a turn

    def _wait(self, ready: Callable[[], bool], path: str, wait: float) -> None:
        """Block (the condition held) until `ready()`, for at most `wait` seconds."""
        if not self._cond.wait_for(ready, timeout=wait):
            raise STORE_BUSY(path=path, holder="another thread of this process", seconds=round(wait))

    @contextmanager
    def turn(self, write: bool, path: str, wait: float) -> Iterator[None]:
        held = getattr(self._mine, "kind", None)
        if held is not None:  # an operation inside one of this thread's own: the caller shares its connection
            if write and held == "read":
                raise RuntimeError(f"{path}: a write cannot start inside a read of the same store")
            yield
            return
        with self._cond:
            if write:
                self._waiting_writers += 1
                try:
                    self._wait(lambda: not self._writing and not self._readers, path, wait)
                finally:
                    self._waiting_writers -= 1
                self._writing = True
            else:
                self._wait(lambda: not self._writing and not self._waiting_writers, path, wait)
                self._readers += 1
        self._mine.kind = "write" if write else "read"
        try:
            yield
        finally:
            self._mine.kind = None
            with self._cond:
                if write:
                    self._writing = False
                else:
                    self._readers -= 1
                self._cond.notify_all()


_TURNS: dict[str, Turns] = {}
_TURNS_LOCK = threading.Lock()


def turns(path: str) -> Turns:
    """The turns of this process's threads on the file at `path` (one per file, however it is named)."""
    key = path if path == ":memory:" else str(Path(path).resolve())
    with _TURNS_LOCK:
        return _TURNS.setdefault(key, Turns())
