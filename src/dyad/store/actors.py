"""One actor's appearances and quotations, document by document."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from dyad.store.db import Store
from dyad.stored import ActorQuote, Appearance

CONTEXT_CHARS = 70  # characters shown either side of a mention


def context(text: str | None, start: int | None, end: int | None, width: int = CONTEXT_CHARS) -> str | None:
    """The words around a mention, on one line."""
    if text is None or start is None or end is None:
        return None
    left = max(0, start - width)
    right = min(len(text), end + width)
    snippet = ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")
    return " ".join(snippet.split())


def appearances(store: Store, members: Iterable[tuple[str, str]]) -> list[Appearance]:
    """Per document: date, outlet, role and country as read there, with the first mention in context."""
    rows: list[Appearance] = []
    for doc_id, key in members:
        found = store.rows(
            """
            SELECT d.published, coalesce(d.outlet, d.source_name, d.id) AS source, a.role, a.country, a.why,
                   m.start, m."end", d.text AS doc_text,
                   (SELECT count(*) FROM mentions x WHERE x.doc_id = a.doc_id AND x.actor_key = a.key) AS mentions
            FROM actors a
            JOIN documents d ON d.id = a.doc_id
            LEFT JOIN mentions m ON m.doc_id = a.doc_id AND m.actor_key = a.key
            WHERE a.doc_id = ? AND a.key = ?
            ORDER BY m.start
            LIMIT 1
            """,
            [doc_id, key],
        )
        rows += [
            Appearance(
                published=r["published"], doc_id=doc_id, source=r["source"], role=r["role"], country=r["country"],
                mentions=r["mentions"], evidence=context(r["doc_text"], r["start"], r["end"]),
                start=r["start"], end=r["end"], why=r["why"],
            )
            for r in found
        ]
    return sorted(rows, key=lambda r: (r.published is None, r.published or dt.date.min, r.doc_id))


def actor_quotes(store: Store, members: Iterable[tuple[str, str]]) -> list[ActorQuote]:
    """The quotations whose speaker is one of the document actors `members` ((doc_id, key) pairs)."""
    rows: list[ActorQuote] = []
    for doc_id, key in members:
        rows += [
            ActorQuote(**r)
            for r in store.rows(
                """
                SELECT d.published, coalesce(d.outlet, d.source_name, d.id) AS source, q.text, q.kind
                FROM quotes q JOIN documents d ON d.id = q.doc_id
                WHERE q.doc_id = ? AND q.speaker_actor = ?
                ORDER BY q.start
                """,
                [doc_id, key],
            )
        ]
    return sorted(rows, key=lambda r: (r.published is None, r.published or dt.date.min))
