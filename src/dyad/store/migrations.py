"""Schema versions and the steps between them.

Each migration takes a connection at version N-1 and leaves it at N. A new
store is created at the latest version directly; an older file is stepped
forward one migration at a time inside a transaction.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb

from dyad.fuse.config import fusion_config, speculative_modalities
from dyad.store.aggregate_tables import AGGREGATE_DDL, rebuild_aggregates
from dyad.store.fulltext import reindex_all
from dyad.store.fusion_tables import FUSION_DDL, FUSION_INDEXES
from dyad.store.pair_tables import PAIR_DDL
from dyad.store.pair_tables import rebuild as rebuild_pairs
from dyad.store.schema import FAILURES_DDL, SCHEMA_VERSION, SEARCH_DDL, WATCH_DDL, all_ddl

Migration = Callable[[duckdb.DuckDBPyConnection], None]


def _document_metadata(con: duckdb.DuckDBPyConnection) -> None:
    """Version 2: the input's own id, author, section, keywords and its other fields, kept with the document."""
    for column, sql in (("ref", "VARCHAR"), ("author", "VARCHAR"), ("section", "VARCHAR"),
                        ("keywords", "VARCHAR[]"), ("extra", "VARCHAR")):
        con.execute(f"ALTER TABLE documents ADD COLUMN IF NOT EXISTS {column} {sql}")


def _watch_state(con: duckdb.DuckDBPyConnection) -> None:
    """Version 3: what `dyad watch` has seen (feed entries, files) and the alerts it raised."""
    con.execute(WATCH_DDL)


def _search_index(con: duckdb.DuckDBPyConnection) -> None:
    """Version 4: the full-text index (search_units, search_terms), filled for the stored documents."""
    con.execute(SEARCH_DDL)
    reindex_all(con)


def _claim_bounds(con: duckdb.DuckDBPyConnection) -> None:
    """Version 5: claims say whether a figure is a lower or upper bound, and whether it is expected.
    (DuckDB alters no table an index depends on: the index is dropped and made again.)"""
    con.execute("DROP INDEX IF EXISTS claims_doc")
    con.execute('ALTER TABLE claims ADD COLUMN IF NOT EXISTS "bound" VARCHAR')
    con.execute('ALTER TABLE claims ADD COLUMN IF NOT EXISTS "expected" BOOLEAN DEFAULT false')
    con.execute("CREATE INDEX IF NOT EXISTS claims_doc ON claims(doc_id)")


def _failures(con: duckdb.DuckDBPyConnection) -> None:
    """Version 6: the `failures` table, documents whose extraction failed and a re-run retries."""
    con.execute(FAILURES_DDL)


def _fusion_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Version 7: events record background and the words they were dated from; fusion is stored.

    The fusion tables start empty: `dyad fuse` (or the next ingest) fills them
    for the documents already stored. (The index on events is made again around
    the new columns, as for version 5.)
    """
    con.execute("DROP INDEX IF EXISTS events_doc")
    con.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS background BOOLEAN DEFAULT false")
    con.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS when_text VARCHAR")
    con.execute("CREATE INDEX IF NOT EXISTS events_doc ON events(doc_id)")
    con.execute(FUSION_DDL)
    con.execute(FUSION_INDEXES)


def _aggregates(con: duckdb.DuckDBPyConnection) -> None:
    """Version 8: stored aggregates of the fused events (pair_days, pair_totals, actor_edges), filled from
    the events of the documents already fused."""
    _events_when_until(con)  # version 9's column comes first: the aggregates' day of an event reads it
    con.execute(AGGREGATE_DDL)
    rebuild_aggregates(con, int(fusion_config().get("background_days", 30)))


def _event_periods(con: duckdb.DuckDBPyConnection) -> None:
    """Version 9: an event's time can be a period ("during X's presidency"): `when` its start, `when_until` its
    end; stories and their mentions carry it too. (Indexes are made again around the new columns, as for
    version 5; stored stories keep NULL, a single time, until fused again.)"""
    _events_when_until(con)
    for table, indexes in (("stories", ("stories_id", "stories_cluster")),
                           ("story_mentions", ("story_mentions_doc", "story_mentions_cluster", "story_mentions_key"))):
        for name in indexes:
            con.execute(f"DROP INDEX IF EXISTS {name}")
        con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS when_until VARCHAR")
    con.execute(FUSION_INDEXES)


def _pair_outlets(con: duckdb.DuckDBPyConnection) -> None:
    """Version 10: per dyad and outlet, what a dyad's page and brief show of each outlet (`pair_outlets`), counted
    from the fused documents already stored."""
    con.execute(PAIR_DDL)
    rebuild_pairs(con, speculative_modalities())


def _events_when_until(con: duckdb.DuckDBPyConnection) -> None:
    """The end of an event's period (version 9), made again around the index DuckDB cannot alter past."""
    con.execute("DROP INDEX IF EXISTS events_doc")
    con.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS when_until VARCHAR")
    con.execute("CREATE INDEX IF NOT EXISTS events_doc ON events(doc_id)")


def _actor_keys(con: duckdb.DuckDBPyConnection) -> None:
    """Version 11: the name keys as actors were last resolved (`actor_keys`) and those changed since
    (`actor_pending`), so that actors are resolved again only where documents changed them. The stored
    actors are marked for one full resolution, which fills `actor_keys`."""
    con.execute(FUSION_DDL)
    con.execute(FUSION_INDEXES)
    con.execute("DELETE FROM fusion_state WHERE name = 'overrides'")
    con.execute("INSERT INTO fusion_state VALUES ('overrides', 'resolve again')")


def _claim_times(con: duckdb.DuckDBPyConnection) -> None:
    """Version 12: a claim's own time when its text gives one (`when`, `when_precision`, `when_until`,
    `when_text`); stored claims keep NULL (no time of their own: figures fall back to publication) until
    extracted again. (The index is made again around the new columns, as for version 5.)"""
    con.execute("DROP INDEX IF EXISTS claims_doc")
    for column in ("when", "when_precision", "when_until", "when_text"):
        con.execute(f'ALTER TABLE claims ADD COLUMN IF NOT EXISTS "{column}" VARCHAR')
    con.execute("CREATE INDEX IF NOT EXISTS claims_doc ON claims(doc_id)")


# version reached -> step from the version before it; version 1 is the base schema.
MIGRATIONS: dict[int, Migration] = {
    2: _document_metadata, 3: _watch_state, 4: _search_index, 5: _claim_bounds, 6: _failures,
    7: _fusion_tables, 8: _aggregates, 9: _event_periods, 10: _pair_outlets, 11: _actor_keys, 12: _claim_times,
}


def stored_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The schema version of a store, without writing: None when it has no schema_version table."""
    try:  # asking the catalog first costs more than the query itself on a large store
        row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    except duckdb.CatalogException:
        return None
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
