"""Answers to GET requests, kept while the store file has not changed since they were built.

A page is a pure function of its URL and the store, so while neither the DuckDB
file nor its write-ahead log changes (their size and modification time, read
before each request), the same request gets the same bytes without opening the
store. Any write (`dyad ingest` committing a batch) changes the file and so
empties the cache. A request with `Cache-Control: no-cache` is always built
afresh; every answer says `X-Dyad-Cache: hit` or `miss`.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_TOTAL = 64 * 2**20  # bytes kept in all; the least recently used answers go first
MAX_BYTES = 4 * 2**20  # a bigger answer is not kept
SKIP = ("/static/", "/-/swagger/")  # files StaticFiles serves with its own validators

Stamp = tuple[tuple[int, int] | None, ...]
Entry = tuple[list[Message], int]


def stamp(path: Path) -> Stamp:
    """(size, mtime) of the store and of its write-ahead log; None for a file that is not there."""
    out: list[tuple[int, int] | None] = []
    for file in (path, path.with_name(path.name + ".wal")):
        try:
            st = os.stat(file)
        except OSError:
            out.append(None)
            continue
        out.append((st.st_size, st.st_mtime_ns))
    return tuple(out)


class ResponseCache:
    """ASGI middleware: replay a kept answer when the store is as it was when the answer was built."""

    def __init__(self, app: ASGIApp, store_file: Path) -> None:
        self.app = app
        self.store = store_file
        self.entries: OrderedDict[tuple[str, bytes, bytes], Entry] = OrderedDict()
        self.stamp: Stamp | None = None
        self.size = 0

    def _key(self, scope: Scope) -> tuple[str, bytes, bytes] | None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"].startswith(SKIP):
            return None
        headers = dict(scope.get("headers") or [])
        if b"no-cache" in headers.get(b"cache-control", b""):
            return None
        return scope["path"], scope.get("query_string", b""), headers.get(b"accept", b"")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = self._key(scope)
        if key is None:
            await self.app(scope, receive, _tagged(send, b"miss"))
            return
        now = stamp(self.store)
        if now != self.stamp:
            self.entries.clear()
            self.size = 0
            self.stamp = now
        kept = self.entries.get(key)
        if kept is not None:
            self.entries.move_to_end(key)
            for message in kept[0]:
                await _tagged(send, b"hit")(message)
            return
        messages: list[Message] = []

        async def keep(message: Message) -> None:
            messages.append(message)
            if message["type"] == "http.response.body" and not message.get("more_body", False):
                # kept before the last part goes out: the client may ask again as soon as it has it
                self._keep(key, now, messages)
            await _tagged(send, b"miss")(message)

        await self.app(scope, receive, keep)

    def _keep(self, key: tuple[str, bytes, bytes], built: Stamp, messages: list[Message]) -> None:
        """Keep a whole answer if it is a success, not too big, and the store did not change while it was built."""
        status = next((m["status"] for m in messages if m["type"] == "http.response.start"), 0)
        size = sum(len(m.get("body", b"")) for m in messages)
        if status == 200 and size <= MAX_BYTES and self.stamp == built == stamp(self.store):
            self.entries[key] = (list(messages), size)
            self.size += size
            while self.size > MAX_TOTAL:
                self.size -= self.entries.popitem(last=False)[1][1]


def _tagged(send: Send, how: bytes) -> Send:
    """`send` with the X-Dyad-Cache header added to the response's start."""

    async def tagged(message: Message) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", []), (b"x-dyad-cache", how)]}
        await send(message)

    return tagged
