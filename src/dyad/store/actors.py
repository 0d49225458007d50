"""One actor's appearances and quotations, document by document."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from dyad.store.db import Store
from dyad.store.where import ids_in
from dyad.stored import ActorQuote, Appearance

CONTEXT_CHARS = 70  # characters shown either side of a mention

# The document actors asked for, as a table `m` of (doc_id, key); each table is read for their documents
# alone (`_in_docs`), so an actor in thousands of documents costs one statement, not one per document.
MEMBERS = "m AS (SELECT DISTINCT * FROM (SELECT unnest(?::VARCHAR[]) AS doc_id, unnest(?::VARCHAR[]) AS key))"


def actor_with_id(store: Store, actor_id: str) -> list[dict[str, Any]]:
    """The global actor whose id this is (none or one), found by the id's index without reading every
    actor's names."""
    return store.rows("SELECT g.* FROM global_actors g WHERE g.id = ?", [actor_id])


def context(text: str | None, start: int | None, end: int | None, width: int = CONTEXT_CHARS) -> str | None:
    """The words around a mention, on one line."""
    if text is None or start is None or end is None:
        return None
    left = max(0, start - width)
    right = min(len(text), end + width)
    snippet = ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")
    return " ".join(snippet.split())


def _members(members: Iterable[tuple[str, str]]) -> tuple[list[tuple[str, str]], list[list[str]]]:
    pairs = list(members)
    return pairs, [[d for d, _ in pairs], [k for _, k in pairs]]


def _in_docs(column: str, pairs: list[tuple[str, str]]) -> tuple[str, list[Any]]:
    """`column` is one of the members' documents (`ids_in`: each id named while they are few)."""
    return ids_in(column, sorted({d for d, _ in pairs}))


def appearances(store: Store, members: Iterable[tuple[str, str]]) -> list[Appearance]:
    """Per document: date, outlet, role and country as read there, with the first mention in context."""
    pairs, params = _members(members)
    if not pairs:
        return []
    # each table is read for the members' documents alone (the condition on its doc_id its only one, so
    # DuckDB can look them up by its index) before anything is joined
    docs, ids = _in_docs("doc_id", pairs)
    documents, _ = _in_docs("id", pairs)
    found = store.rows(
        f"""WITH {MEMBERS},
        x AS (SELECT doc_id, actor_key, start, "end" FROM mentions WHERE {docs}),
        a AS (SELECT doc_id, key, role, country, why FROM actors WHERE {docs}),
        d AS (SELECT id, published, outlet, source_name, text FROM documents WHERE {documents}),
        ms AS (SELECT x.doc_id, x.actor_key AS key, count(*) AS mentions, min(x.start) AS start,
                      arg_min(x."end", x.start) AS "end"
               FROM x JOIN m ON m.doc_id = x.doc_id AND m.key = x.actor_key GROUP BY ALL)
        SELECT a.doc_id, a.key, d.published, coalesce(d.outlet, d.source_name, d.id) AS source, a.role, a.country,
               a.why, ms.start, ms."end", coalesce(ms.mentions, 0) AS mentions, length(d.text) AS n_text,
               substr(d.text, greatest(ms.start - ?, 0) + 1, ms."end" - greatest(ms.start - ?, 0) + ?) AS around
        FROM a JOIN m ON m.doc_id = a.doc_id AND m.key = a.key
        JOIN d ON d.id = a.doc_id
        LEFT JOIN ms ON ms.doc_id = a.doc_id AND ms.key = a.key""",
        [*params, *ids, *ids, *ids, CONTEXT_CHARS, CONTEXT_CHARS, CONTEXT_CHARS],
    )
    by_member = {(r["doc_id"], r["key"]): r for r in found}
    rows = [
        Appearance(
            published=r["published"], doc_id=doc_id, source=r["source"], role=r["role"], country=r["country"],
            mentions=r["mentions"], evidence=_around(r), start=r["start"], end=r["end"], why=r["why"],
        )
        for doc_id, key in pairs if (r := by_member.get((doc_id, key))) is not None
    ]
    return sorted(rows, key=lambda r: (r.published is None, r.published or dt.date.min, r.doc_id))


def _around(r: dict[str, object]) -> str | None:
    """`context` of the first mention, from the piece of text SQL cut around it."""
    start, end, around, n_text = r["start"], r["end"], r["around"], r["n_text"]
    if start is None or end is None or around is None:
        return None
    assert isinstance(start, int) and isinstance(end, int) and isinstance(around, str) and isinstance(n_text, int)
    left = max(0, start - CONTEXT_CHARS)
    right = min(n_text, end + CONTEXT_CHARS)
    snippet = ("…" if left else "") + around + ("…" if right < n_text else "")
    return " ".join(snippet.split())


def actor_quotes(store: Store, members: Iterable[tuple[str, str]]) -> list[ActorQuote]:
    """The quotations whose speaker is one of the document actors `members` ((doc_id, key) pairs)."""
    pairs, params = _members(members)
    if not pairs:
        return []
    docs, ids = _in_docs("doc_id", pairs)
    documents, _ = _in_docs("id", pairs)
    found = store.rows(
        f"""WITH {MEMBERS},
        q AS (SELECT doc_id, speaker_actor, start, text, kind FROM quotes WHERE {docs}),
        d AS (SELECT id, published, outlet, source_name FROM documents WHERE {documents})
        SELECT q.doc_id, q.speaker_actor AS key, d.published, coalesce(d.outlet, d.source_name, d.id) AS source,
               q.text, q.kind
        FROM q JOIN m ON m.doc_id = q.doc_id AND m.key = q.speaker_actor
        JOIN d ON d.id = q.doc_id
        ORDER BY q.doc_id, q.speaker_actor, q.start""",
        [*params, *ids, *ids],
    )
    by_member: dict[tuple[str, str], list[ActorQuote]] = {}
    for r in found:
        by_member.setdefault((r["doc_id"], r["key"]), []).append(
            ActorQuote(published=r["published"], source=r["source"], text=r["text"], kind=r["kind"]))
    rows = [q for pair in pairs for q in by_member.get(pair, [])]
    return sorted(rows, key=lambda r: (r.published is None, r.published or dt.date.min))
