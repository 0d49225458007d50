"""The store for one request: opened read-only through the library, closed when the response is built.

The server never keeps a connection between requests, so a writer (`dyad
ingest`) gets the file between them; a read that meets the writer's lock waits
and retries inside the store (dyad.store.db) rather than failing.
"""

from __future__ import annotations

from collections.abc import Iterator

from starlette.requests import Request

from dyad.api import Database


def database(request: Request) -> Iterator[Database]:
    """FastAPI dependency: a read-only Database on the app's store, closed after the request."""
    db = Database(request.app.state.settings, read_only=True)
    try:
        yield db
    finally:
        db.close()
