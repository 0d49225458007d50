"""The DuckDB store: one file, a versioned schema, one transaction per document."""

from dyad.store.db import Store, open_store

__all__ = ["Store", "open_store"]
