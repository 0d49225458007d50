"""One actor's appearances and quotations, document by document."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from dyad.store.db import Store
from dyad.stored import ActorQuote, Appearance

CONTEXT_CHARS = 70  # characters shown either side of a mention

# The document actors asked for, as a table `m` of (doc_id, key); each table is read for their documents
# alone (its doc_id index), so an actor in thousands of documents costs one statement, not one per document.
MEMBERS = """m AS (SELECT DISTINCT * FROM (SELECT unnest(?::VARCHAR[]) AS doc_id, unnest(?::VARCHAR[]) AS key)),
docs AS (SELECT DISTINCT doc_id FROM m)"""


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


def appearances(store: Store, members: Iterable[tuple[str, str]]) -> list[Appearance]:
    """Per document: date, outlet, role and country as read there, with the first mention in context."""
    pairs, params = _members(members)
    if not pairs:
        return []
    found = store.rows(
        f"""WITH {MEMBERS},
        ms AS (SELECT x.doc_id, x.actor_key AS key, count(*) AS mentions, min(x.start) AS start,
                      arg_min(x."end", x.start) AS "end"
               FROM mentions x JOIN m ON m.doc_id = x.doc_id AND m.key = x.actor_key
               WHERE x.doc_id IN (SELECT doc_id FROM docs) GROUP BY ALL)
        SELECT a.doc_id, a.key, d.published, coalesce(d.outlet, d.source_name, d.id) AS source, a.role, a.country,
               a.why, ms.start, ms."end", coalesce(ms.mentions, 0) AS mentions, length(d.text) AS n_text,
               substr(d.text, greatest(ms.start - ?, 0) + 1, ms."end" - greatest(ms.start - ?, 0) + ?) AS around
        FROM actors a JOIN m ON m.doc_id = a.doc_id AND m.key = a.key
        JOIN documents d ON d.id = a.doc_id
        LEFT JOIN ms ON ms.doc_id = a.doc_id AND ms.key = a.key
        WHERE a.doc_id IN (SELECT doc_id FROM docs) AND d.id IN (SELECT doc_id FROM docs)""",
        [*params, CONTEXT_CHARS, CONTEXT_CHARS, CONTEXT_CHARS],
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
    found = store.rows(
        f"""WITH {MEMBERS}
        SELECT q.doc_id, q.speaker_actor AS key, d.published, coalesce(d.outlet, d.source_name, d.id) AS source,
               q.text, q.kind
        FROM quotes q JOIN m ON m.doc_id = q.doc_id AND m.key = q.speaker_actor
        JOIN documents d ON d.id = q.doc_id
        WHERE q.doc_id IN (SELECT doc_id FROM docs) AND d.id IN (SELECT doc_id FROM docs)
        ORDER BY q.doc_id, q.speaker_actor, q.start""",
        params,
    )
    by_member: dict[tuple[str, str], list[ActorQuote]] = {}
    for r in found:
        by_member.setdefault((r["doc_id"], r["key"]), []).append(
            ActorQuote(published=r["published"], source=r["source"], text=r["text"], kind=r["kind"]))
    rows = [q for pair in pairs for q in by_member.get(pair, [])]
    return sorted(rows, key=lambda r: (r.published is None, r.published or dt.date.min))
