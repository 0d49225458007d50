"""Schema versions and the steps between them.

Each migration takes a connection at version N-1 and leaves it at N. A new
store is created at the latest version directly; an older file is stepped
forward one migration at a time inside a transaction.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb

from dyad.store.schema import FAILURES_DDL, SCHEMA_VERSION, all_ddl

Migration = Callable[[duckdb.DuckDBPyConnection], None]



def add_failures(con: duckdb.DuckDBPyConnection) -> None:
    """Version 2: the `failures` table, documents whose extraction failed and a re-run retries."""
    con.execute(FAILURES_DDL)


# version reached -> step from the version before it; version 1 is the base schema.
MIGRATIONS: dict[int, Migration] = {2: add_failures}


def stored_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The schema version of a store, without writing: None when it has no schema_version table."""
    known = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
    ).fetchone()
    if not known or not known[0]:
        return None
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER, applied_at TIMESTAMP)")
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Bring the store to SCHEMA_VERSION; returns the version it was at.

    A store newer than this dyad is left untouched (the caller refuses it).
    """
    found = current_version(con)
    if found > SCHEMA_VERSION:
        return found
    if found == 0:
        con.execute("BEGIN")
        con.execute(all_ddl())
        con.execute("INSERT INTO schema_version VALUES (?, now())", [SCHEMA_VERSION])
        con.execute("COMMIT")
        return found
    for version in range(found + 1, SCHEMA_VERSION + 1):
        con.execute("BEGIN")
        MIGRATIONS[version](con)
        con.execute("INSERT INTO schema_version VALUES (?, now())", [version])
        con.execute("COMMIT")
    return found
