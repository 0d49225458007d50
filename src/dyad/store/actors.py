"""Actors as the documents know them, and one actor's appearances and quotations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from dyad.store.db import Store
from dyad.stored import ActorQuote, Appearance, DocActor

CONTEXT_CHARS = 70  # characters shown either side of a mention


def doc_actors(store: Store) -> list[DocActor]:
    """Every document actor in the store, with its mention count and document date."""
    rows = store.rows(
        """
        SELECT a.doc_id, a.idx, a.key, a.name, a.kind, a.country, a.role, a.sector, a.code, a.aliases, a.why,
               d.published, count(m.idx) AS mentions
        FROM actors a
        LEFT JOIN mentions m ON m.doc_id = a.doc_id AND m.actor_key = a.key
        LEFT JOIN documents d ON d.id = a.doc_id
        GROUP BY ALL
        ORDER BY d.published NULLS LAST, a.doc_id, a.idx
        """
    )
    return [
        DocActor(
            doc_id=r["doc_id"], key=r["key"], name=r["name"], kind=r["kind"], country=r["country"], role=r["role"],
            sector=r["sector"], code=r["code"], aliases=list(r["aliases"] or []), mentions=int(r["mentions"] or 0),
            published=r["published"], why=r["why"],
        )
        for r in rows
    ]


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
