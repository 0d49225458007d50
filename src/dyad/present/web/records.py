"""The reader's pages: the events list with facets, one story side by side, one document highlighted, search.

Facets live in the URL (`/events?root=04&country=KOR&since=2024`): a facet link
adds or removes one value, so every view can be bookmarked and fetched as JSON
or CSV by adding the suffix.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from dyad.api import Database
from dyad.api.browse import DocumentView
from dyad.present.web import fusion_view as fv
from dyad.present.web.pages import EVENT_COLUMNS
from dyad.present.web.respond import Table, page, rows
from dyad.present.web.session import database, one_read
from dyad.present.web.spans import KINDS, Span, highlight
from dyad.present.web.templating import url

router = APIRouter()

FACET_PARAMS = ("root", "quad", "realis", "outlet", "country", "source", "target", "actor")
ACTOR_TAGS = {"person": "PER", "organization": "ORG", "state": "STATE", "group": "GRP"}


def _facet_links(request: Request, facets: dict[str, list[Any]]) -> dict[str, list[dict[str, Any]]]:
    """Each facet value with its count, whether it is chosen, and the link that adds or removes it."""
    current = request.query_params
    out: dict[str, list[dict[str, Any]]] = {}
    for name in FACET_PARAMS:
        chosen = current.getlist(name)
        values = {c.value: c.n for c in facets.get(name, [])}
        for v in chosen:
            values.setdefault(v, 0)
        links = []
        for value, n in values.items():
            on = value in chosen
            params = {k: current.getlist(k) for k in current if k not in {"offset", name}}
            params[name] = [v for v in chosen if v != value] if on else [*chosen, value]
            links.append({"value": value, "n": n, "on": on, "href": url("/events", **params)})
        out[name] = links
    return out


@router.get("/events", summary="Events with facets (root, QuadClass, realis, outlet, country, source, target, "
            "actor code, period) and sorting")
@one_read
def events_page(
    request: Request,
    root: list[str] = Query([], description="CAMEO roots, 01..20"),
    quad: list[str] = Query([], description="QuadClass, 1..4"),
    realis: str | None = Query(None, description="yes (happened) or no (planned, denied, ...)"),
    outlet: list[str] = Query([]),
    country: list[str] = Query([], description="ISO3 of either side"),
    source: list[str] = Query([]),
    target: list[str] = Query([]),
    actor: list[str] = Query([], description="CAMEO actor code of either side, e.g. KORGOV"),
    since: str | None = Query(None, description="YYYY, YYYY-MM or YYYY-MM-DD"),
    until: str | None = Query(None, description="YYYY, YYYY-MM or YYYY-MM-DD"),
    doc: str | None = None,
    sort: str = Query("date", description="date, -date, goldstein, -goldstein or code"),
    limit: int = 50,
    offset: int = 0,
    db: Database = Depends(database),
) -> Response:
    found = db.event_page(root, quad, realis, outlet, country, source, target, actor, since or None, until or None,
                          doc or None, sort, limit, offset)
    params = {k: request.query_params.getlist(k) for k in request.query_params if k != "offset"}
    data = {
        "title": "Events", "total": found.total, "limit": found.limit, "offset": found.offset, "sort": found.sort,
        "filters": {k: v for k, v in params.items() if k in FACET_PARAMS or k in {"since", "until", "doc"}},
        "next": url("/events", **params, offset=offset + limit) if offset + limit < found.total else None,
        "previous": url("/events", **params, offset=max(0, offset - limit)) if offset > 0 else None,
        "sorts": {s: url("/events", **{**params, "sort": s}) for s in ("date", "-date", "goldstein", "-goldstein", "code")},
    }
    facet_rows = [{"facet": k, "value": c.value, "n": c.n} for k, cs in found.facets.items() for c in cs]
    tables = {"events": Table(EVENT_COLUMNS, rows(found.rows)), "facets": Table(["facet", "value", "n"], facet_rows)}
    return page(request, "events.html", data, tables, {"facet_links": _facet_links(request, found.facets)})


@router.get("/story/{story}", summary="One story: every source's report of it side by side, with realis and evidence")
@one_read
def story_page(
    request: Request, story: str, dyad: str | None = Query(None, description="the dyad the story is about (faster)"),
    db: Database = Depends(database),
) -> Response:
    row, mentions = fv.story(db, story, dyad or None)
    by_outlet: dict[str, list[dict[str, Any]]] = {}
    for m in mentions:
        by_outlet.setdefault(str(m["outlet"]), []).append(m)
    data = {"title": f"Story {row['id']}", "story": row, "dyad": dyad,
            "sources": [{"outlet": o, "happened": any(m["realis"] for m in ms), "mentions": ms}
                        for o, ms in by_outlet.items()]}
    tables = {"mentions": Table(fv.MENTION_COLUMNS, mentions)}
    return page(request, "story.html", data, tables)


def _spans(view: DocumentView) -> list[Span]:
    """Actor mentions, event triggers, quotations and numbers, each linking to its row on the page."""
    actors = {a.key: a for a in view.actors}
    spans = []
    for m in view.mentions:
        a = actors.get(m.actor_key)
        tag = ACTOR_TAGS.get(a.kind, "ACT") if a else "ACT"
        spans.append(Span(m.evidence.start, m.evidence.end, "actor", tag, f"#actor-{m.actor_key}",
                          a.name if a else m.actor_key))
    for e in view.events:
        if e.trigger_start is not None and e.trigger_end is not None:
            spans.append(Span(e.trigger_start, e.trigger_end, "trigger", e.code, f"#event-{e.idx}",
                              f"CAMEO {e.code}: {e.source or '?'} to {e.target or '?'}, {'realis' if e.realis else e.modality}"))
    for q in view.quotes:
        spans.append(Span(q.start, q.end, "quote", "QUOTE", f"#quote-{q.idx}", q.speaker or "speaker unknown"))
    for c in view.claims:
        spans.append(Span(c.start, c.end, "number", c.unit.upper()[:12] or "NUM", f"#claim-{c.idx}", c.about or ""))
    return spans


@router.get("/document/{doc}", summary="One document: its text with actors, triggers, quotations and numbers "
            "highlighted from their stored offsets")
@one_read
def document_page(request: Request, doc: str, db: Database = Depends(database)) -> Response:
    view = db.document(doc)
    d = view.document
    data = {"title": d.title or d.id, "document": d.model_dump(exclude={"text"}), "text": d.text,
            "legend": KINDS}
    mention_counts: dict[str, int] = {}
    for m in view.mentions:
        mention_counts[m.actor_key] = mention_counts.get(m.actor_key, 0) + 1
    actor_rows = [{**a.model_dump(), "mentions": mention_counts.get(a.key, 0)} for a in view.actors]
    tables = {
        "actors": Table(["key", "name", "kind", "country", "role", "sector", "code", "aliases", "mentions", "why"],
                        actor_rows),
        "events": Table(["idx", "code", "source", "target", "source_name", "target_name", "realis", "modality",
                         "negated", "when", "goldstein", "trigger", "evidence", "trigger_start", "trigger_end"],
                        rows(view.events)),
        "quotes": Table(["idx", "speaker", "kind", "text", "start", "end"], rows(view.quotes)),
        "claims": Table(["idx", "value", "unit", "approx", "qualifier", "about", "actors", "asserted_by", "evidence",
                         "start", "end"], rows(view.claims)),
        "relations": Table(["idx", "a", "b", "type", "polarity", "evidence", "start", "end"], rows(view.relations)),
    }
    return page(request, "document.html", data, tables, {"marked_nodes": highlight(d.text, _spans(view))})


@router.get("/search", summary="Full-text search over documents (titles and texts) or quotations, ranked by BM25")
@one_read
def search_page(
    request: Request, q: str = "", kind: str = Query("documents", description="documents or quotes"),
    limit: int = 20, offset: int = 0, db: Database = Depends(database),
) -> Response:
    found = db.search(q, kind, limit, offset)
    params = {"q": q, "kind": kind}
    data = {
        "title": f"Search: {q}" if q else "Search", "q": q, "kind": kind, "terms": found.terms, "total": found.total,
        "limit": limit, "offset": offset,
        "next": url("/search", **params, offset=offset + limit) if offset + limit < found.total else None,
        "previous": url("/search", **params, offset=max(0, offset - limit)) if offset > 0 else None,
    }
    columns = ["kind", "doc_id", "idx", "title", "outlet", "published", "speaker", "matched", "score", "snippet",
               "start", "end", "url"]
    return page(request, "search.html", data, {"hits": Table(columns, rows(found.hits))})
