"""The DuckDB store: one file, a versioned schema, one transaction per document, and every SQL statement.

`db.Store` holds the connection and writes documents; the modules beside it
are the typed queries the other stages call (`listings`, `actors`, `corpus`,
`aggregates`, `signatures`, `shards`), each returning records of
`dyad.records` or `dyad.stored`. Filters are built in one place, `where`.
"""

from dyad.store.db import Store, open_store

__all__ = ["Store", "open_store"]
