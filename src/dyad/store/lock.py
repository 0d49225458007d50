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
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable

import duckdb

from dyad.errors import STORE_BUSY

LOCK_WAIT = 300.0  # seconds an operation waits for another process before giving up (setting lock_wait)
FIRST_PAUSE = 0.005
LONGEST_PAUSE = 0.25
TELL_AFTER = 1.0  # a wait shorter than this (another process finishing a batch) goes unmentioned

_CONFLICT = ("Could not set lock on file", "Conflicting lock is held", "different configuration")
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
    """`duckdb.connect(path, read_only)`, waiting up to `wait` seconds for a conflicting lock to go."""
    start = time.monotonic()
    pause = FIRST_PAUSE
    told = False
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.Error as exc:
            if not is_lock_conflict(exc):
                raise
            waited = time.monotonic() - start
            if waited >= wait:
                raise STORE_BUSY(path=path, holder=holder(exc), seconds=round(wait)) from exc
            if not told and waited >= TELL_AFTER:
                told = True
                tell(f"dyad: {path} is in use by {holder(exc)}; waiting for it (up to {round(wait)} s)")
            time.sleep(min(pause * random.uniform(0.5, 1.5), max(wait - waited, 0.0)))
            pause = min(pause * 2, LONGEST_PAUSE)
