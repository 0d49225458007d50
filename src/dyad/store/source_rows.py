"""Per outlet: what it reports, what it alone reports, its tone and the parts of its speculation index.

Without a dyad, every count comes from the per-document counts fusion keeps
(`doc_sources`), so the listing costs one pass over documents, not over
events. With a dyad, the documents in scope are those reporting an event or a
relation between the pair, and events, stories and figures are the dyad's own;
an undirected dyad over all time (its page, its brief) reads the per-outlet
counts fusion keeps for it (`pair_outlets`, see dyad.store.pair_tables).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from dyad.store import pair_reads
from dyad.store.db import Store
from dyad.store.story_rows import Pair, pair_clause, period_clause
from dyad.store.where import ids_in

UNKNOWN_OUTLET = "(unknown outlet)"
OUTLET = f"coalesce(d.outlet, '{UNKNOWN_OUTLET}')"


def _docs(pair: Pair | None, since: dt.date | None, until: dt.date | None) -> tuple[str, list[Any]]:
    """The documents in scope, as a SELECT over doc_sources `d`."""
    clause, params = period_clause("d.published", "d.published", since, until)
    if since is not None or until is not None:
        clause = f"(d.published IS NULL OR ({clause}))"
    if pair is None:
        return f"SELECT d.* FROM doc_sources d WHERE {clause}", params
    scope = """d.doc_id IN (SELECT doc_id FROM events WHERE source IN (?, ?) AND target IN (?, ?) AND source <> target
                UNION SELECT doc_id FROM relations WHERE a IN (?, ?) AND b IN (?, ?) AND a <> b)"""
    return f"SELECT d.* FROM doc_sources d WHERE {clause} AND {scope}", [*params, *pair, *pair, *pair, *pair]


def _events(pair: Pair | None, directed: bool) -> tuple[str, list[Any]]:
    """Event counts per outlet: from doc_sources without a dyad, from the dyad's own events with one."""
    if pair is None:
        return f"""SELECT {OUTLET} AS outlet, sum(d.n_events) AS n_events, sum(d.n_realis) AS n_realis,
                   sum(d.n_speculative_events) AS n_spec, sum(d.goldstein_sum) AS g_sum, sum(d.n_goldstein) AS g_n
                   FROM docs d GROUP BY 1""", []
    x, y = pair
    between = "e.source = ? AND e.target = ?" if directed else "((e.source = ? AND e.target = ?) OR (e.source = ? AND e.target = ?))"
    params = [x, y] if directed else [x, y, y, x]
    return f"""SELECT {OUTLET} AS outlet, count(*) AS n_events, count(*) FILTER (WHERE e.realis) AS n_realis,
               count(*) FILTER (WHERE NOT e.realis AND NOT e.negated AND e.modality IN (SELECT unnest(?::VARCHAR[])))
                   AS n_spec,
               sum(e.goldstein) FILTER (WHERE e.realis) AS g_sum,
               count(e.goldstein) FILTER (WHERE e.realis) AS g_n
               FROM events e JOIN docs d ON d.doc_id = e.doc_id WHERE {between} GROUP BY 1""", ["@modalities", *params]


def sources(
    store: Store, pair: Pair | None = None, directed: bool = False, since: dt.date | None = None,
    until: dt.date | None = None, speculative_modalities: Sequence[str] = (),
) -> list[dict[str, Any]]:
    """One dict per outlet with the counts and shares of an OutletRow (the index is left to the caller); an
    undirected dyad over all time is read from the counts fusion keeps (`pair_outlets`)."""
    if pair is not None and pair[0] != pair[1] and not directed and since is None and until is None:
        stored = pair_reads.outlets(store, pair, list(speculative_modalities))
        if stored is not None:
            return stored
    docs, doc_params = _docs(pair, since, until)
    events, event_params = _events(pair, directed)
    event_params = [list(speculative_modalities) if p == "@modalities" else p for p in event_params]
    story_scope, story_params = pair_clause("s", pair, directed)
    figure_scope = "list_has_any(f.actors, [?, ?])" if pair else "TRUE"
    figure_params = list(pair) if pair else []
    sql = f"""
    WITH docs AS ({docs}),
    per AS (SELECT {OUTLET} AS outlet, min(d.outlet_from) AS outlet_from, count(*) AS n_documents,
                   sum(d.n_sentences) AS n_sentences, sum(d.n_speculative) AS n_speculative,
                   min(d.published) AS first_published, max(d.published) AS last_published
            FROM docs d GROUP BY 1),
    ev AS ({events}),
    st AS (SELECT {OUTLET} AS outlet, count(DISTINCT m.story_id) AS n_stories,
                  count(DISTINCT m.story_id) FILTER (WHERE s.n_sources = 1) AS n_only
           FROM story_mentions m JOIN docs d ON d.doc_id = m.doc_id JOIN stories s ON s.id = m.story_id
           WHERE {story_scope} GROUP BY 1),
    cl AS (SELECT {OUTLET} AS outlet, count(*) AS n_claims, avg(CAST(f.single_source AS DOUBLE)) AS single_share
           FROM figure_claims c JOIN docs d ON d.doc_id = c.doc_id JOIN figures f ON f.id = c.figure_id
           WHERE {figure_scope} GROUP BY 1)
    SELECT per.outlet, per.outlet_from, per.n_documents, coalesce(ev.n_events, 0) AS n_events,
           coalesce(ev.n_realis, 0) AS n_realis, coalesce(st.n_stories, 0) AS n_stories,
           coalesce(st.n_only, 0) AS n_only, ev.g_sum / nullif(ev.g_n, 0) AS mean_goldstein,
           CAST(ev.n_spec AS DOUBLE) / nullif(ev.n_events, 0) AS irrealis_share,
           cl.single_share AS single_source_claim_share,
           CAST(per.n_speculative AS DOUBLE) / nullif(per.n_sentences, 0) AS speculative_sentence_share,
           coalesce(cl.n_claims, 0) AS n_claims, coalesce(per.n_sentences, 0) AS n_sentences,
           per.first_published, per.last_published
    FROM per LEFT JOIN ev USING (outlet) LEFT JOIN st USING (outlet) LEFT JOIN cl USING (outlet)
    ORDER BY per.outlet"""
    return store.rows(sql, [*doc_params, *event_params, *story_params, *figure_params])


def quotes_in_scope(store: Store, pair: Pair | None = None, since: dt.date | None = None,
                    until: dt.date | None = None, count: int | None = None) -> tuple[list[dict[str, Any]], int]:
    """Attributed quotations of the documents in scope, speakers of the pair's states first, then the
    latest; each with its speaker's global name. Also how many there are in all.

    The quotations are chosen on their speaker's country and their document's day first; names,
    words and documents are looked up for the ones kept only (`_with_speakers`).
    """
    docs, params = _docs(pair, since, until)
    states = list(pair) if pair else []
    scoped = f"""SELECT q.doc_id, q.idx, q.speaker, q.speaker_actor, q.kind, q.start, q."end", s.outlet, s.published
        FROM quotes q JOIN ({docs}) s ON s.doc_id = q.doc_id WHERE q.speaker IS NOT NULL"""
    tail = " LIMIT ?" if count is not None else ""
    kept = store.rows(
        f"""WITH q AS ({scoped})
        SELECT q.*, a.country AS actor_country, a.key AS actor_key, count(*) OVER () AS total
        FROM q LEFT JOIN actors a ON a.doc_id = q.doc_id AND a.key = q.speaker_actor
        ORDER BY CASE WHEN a.country IN (SELECT unnest(?::VARCHAR[])) THEN 0 ELSE 1 END,
                 q.published DESC NULLS LAST, q.doc_id, q.idx{tail}""",
        [*params, states, *([count] if count is not None else [])],
    )
    rows = _with_speakers(store, kept)
    total = int(rows[0]["total"]) if rows else 0
    return rows, total


def _first(value: Any, otherwise: Any) -> Any:
    return otherwise if value is None else value


def _with_speakers(store: Store, kept: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Quotations chosen already, with their speaker's global name and country, their words, and their
    document's title, URL and name; read for their documents only (`ids_in`), where one statement
    joining them scans every actor, actor link and document for the fifty rows kept."""
    if not kept:
        return []
    ids = sorted({k["doc_id"] for k in kept})
    # the speakers' global actors (global_join's links, names and actors), each table read for these alone
    wanted = {(k["doc_id"], k["actor_key"]) for k in kept if k["actor_key"] is not None}
    condition, params = ids_in("doc_id", ids)
    links = {(r["doc_id"], r["key"]): r["name_key"] for r in store.rows(
        f"SELECT doc_id, key, name_key FROM actor_links WHERE {condition}", params)
        if (r["doc_id"], r["key"]) in wanted}
    condition, params = ids_in("n.name_key", sorted({k for k in links.values() if k is not None}))
    actors = {r["name_key"]: r for r in store.rows(
        f"""SELECT n.name_key, g.name, g.country FROM actor_names n LEFT JOIN global_actors g ON g.id = n.actor_id
        WHERE {condition}""", params)}
    names = {link: actors.get(key, {}) for link, key in links.items()}
    documents, params = ids_in("id", ids)
    docs = {r["id"]: r for r in store.rows(
        f"SELECT id, title, url, coalesce(source_name, id) AS doc, text FROM documents WHERE {documents}", params)}
    out = []
    for k in kept:
        d = docs.get(k["doc_id"])
        if d is None:  # its document is gone: left out, as the inner join did
            continue
        g = names.get((k["doc_id"], k["actor_key"]), {})
        start, end = k["start"], k["end"]
        words = None if start is None or end is None or d["text"] is None else d["text"][start:max(start, end)]
        out.append({"doc_id": k["doc_id"], "idx": k["idx"], "speaker": _first(g.get("name"), k["speaker"]),
                    "country": _first(g.get("country"), k["actor_country"]), "kind": k["kind"], "words": words,
                    "start": start, "end": end, "outlet": k["outlet"], "title": d["title"],
                    "published": k["published"], "url": d["url"], "doc": d["doc"], "total": k["total"]})
    return out
