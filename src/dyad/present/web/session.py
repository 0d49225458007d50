"""The store for one request: opened read-only through the library, closed when the response is built.

The server never keeps a connection between requests, so a writer (`dyad
ingest`) gets the file between them; a read that meets the writer's lock waits
and retries inside the store (dyad.store.db) rather than failing. A page's
reads share one connection (`one_read`), so they see one state of the store.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from starlette.requests import Request
from starlette.responses import Response

from dyad.api import Database
from dyad.store.shared import shared_reader

Handler = TypeVar("Handler", bound=Callable[..., Response])


def database(request: Request) -> Iterator[Database]:
    """FastAPI dependency: a read-only Database on the app's store, closed after the request; its reads
    share the server's connection to the file while no writer waits for it (dyad.store.shared)."""
    db = Database(request.app.state.settings, read_only=True)
    db.store.shared = shared_reader(db.store.path)
    try:
        yield db
    finally:
        db.close()


def one_read(handler: Handler) -> Handler:
    """Run a page handler's reads on one connection and one state of the store (its `db` argument's)."""

    @functools.wraps(handler)
    def run(*args: Any, **kwargs: Any) -> Response:
        db: Database = kwargs["db"]
        with db.reading():
            return handler(*args, **kwargs)

    return run  # type: ignore[return-value]
