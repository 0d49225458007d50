"""The analyst's pages: the overview, one dyad, one actor, the network, a briefing.

Each handler parses the request, calls `dyad.Database` methods, and hands the
page's data (plain values and tables) to `respond.page`, which renders it as
HTML, JSON or CSV.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from dyad.api import Database
from dyad.present.brief import choose_bucket
from dyad.present.commands.fuse import contradiction_row, figure_row, story_row
from dyad.present.web.charts import network_chart, trend_chart
from dyad.present.web.respond import Table, page, plain, rows
from dyad.present.web.session import database, one_read

router = APIRouter()

DYAD_COLUMNS = ["dyad", "n_events", "n_documents", "q1_verbal_coop", "q2_material_coop", "q3_verbal_conflict",
                "q4_material_conflict", "goldstein_mean", "first_day", "last_day", "temperature", "change"]
STORY_COLUMNS = ["id", "dyad", "family", "codes", "when", "status", "n_documents", "n_sources", "outlets",
                 "evidence", "doc_id"]
TREND_COLUMNS = ["period", "n_events", "q1_verbal_coop", "q2_material_coop", "q3_verbal_conflict",
                 "q4_material_conflict", "goldstein_sum", "goldstein_mean"]
FIGURE_COLUMNS = ["value", "unit", "about", "n_claims", "n_sources", "single_source", "outlets", "evidence", "doc_id"]
CONTRADICTION_COLUMNS = ["kind", "subject", "first_says", "first_outlet", "first_doc", "first_words",
                         "second_says", "second_outlet", "second_doc", "second_words"]
OUTLET_COLUMNS = ["outlet", "n_documents", "n_events", "n_realis", "n_stories", "n_only", "mean_goldstein",
                  "irrealis_share", "single_source_claim_share", "speculative_sentence_share", "speculation_index"]
QUOTE_COLUMNS = ["speaker", "speaker_country", "kind", "text", "outlet", "published", "doc_id", "start", "end"]
RELATION_COLUMNS = ["a", "b", "type", "polarity", "evidence", "outlet", "published", "doc_id", "start", "end"]
EVENT_COLUMNS = ["published", "when", "source", "target", "source_name", "target_name", "code", "quad_class",
                 "goldstein", "realis", "modality", "evidence", "doc", "doc_id", "idx"]
MAX_STORIES = 25
MAX_EDGES = 300


def _stories(found: list[Any], dyad: str | None = None) -> Table:
    out = []
    for s in found:
        row = story_row(s)
        row["scope"] = dyad
        out.append(row)
    return Table(STORY_COLUMNS, out)


@router.get("/", summary="Overview: what the store holds, the busiest dyads warming or cooling, the latest stories")
@one_read
def overview(request: Request, db: Database = Depends(database)) -> Response:
    dyads = db.dyads(limit=15)
    temps = db.temperatures([d.dyad for d in dyads])
    dyad_rows = []
    for d in dyads:
        t = temps.get(d.dyad)
        dyad_rows.append({**d.as_dict(), "temperature": t.label if t else "not enough events",
                          "change": t.change if t else None})
    latest = sorted(db.stories(), key=lambda s: (s.when or dt.date.min, s.n_sources), reverse=True)[:MAX_STORIES]
    data = {"title": "Overview", "store": db.store_info()}
    tables = {
        "summary": Table(["what", "count"], rows(db.summary())),
        "dyads": Table(DYAD_COLUMNS, dyad_rows),
        "stories": _stories(latest),
    }
    return page(request, "overview.html", data, tables)


@router.get("/dyad/{dyad}", summary="One dyad: trend by QuadClass and Goldstein, stories, quotes, figures, "
            "relations, contradictions and the outlets side by side")
@one_read
def dyad_page(
    request: Request, dyad: str, directed: bool = False, since: dt.date | None = None, until: dt.date | None = None,
    bucket: str | None = Query(None, description="day, week or month; chosen from the span when not given"),
    db: Database = Depends(database),
) -> Response:
    trend = db.trend(dyad, directed, bucket or "month", since=since, until=until)
    if bucket is None and (chosen := choose_bucket(trend)) != "month":
        bucket = chosen
        trend = db.trend(dyad, directed, bucket, since=since, until=until)
    fusion = db.fusion(dyad, directed, since, until)
    label = fusion.dyad.label if fusion.dyad else dyad
    temperature = db.temperature(dyad, directed)
    in_scope = {d.id for d in fusion.docs}
    quotes = [
        {"speaker": q.speaker, "speaker_country": q.speaker_country, "kind": q.kind, "text": " ".join(q.text.split()),
         "outlet": q.doc.outlet, "published": q.doc.published, "doc_id": q.doc.id, "start": q.cited.start,
         "end": q.cited.end}
        for q in fusion.corpus.quotes if q.doc.id in in_scope and q.speaker
    ]
    relations = db.relations(pair=(fusion.dyad.a, fusion.dyad.b)) if fusion.dyad else []
    data = {
        "title": f"Dyad {label}", "dyad": label, "directed": directed, "since": since, "until": until,
        "bucket": bucket or "month", "documents": len(fusion.docs),
        "temperature": {**plain(temperature), "change": temperature.change, "label": temperature.label},
    }
    tables = {
        "trend": Table(TREND_COLUMNS, rows(trend)),
        "stories": _stories(fusion.stories, label),
        "quotes": Table(QUOTE_COLUMNS, quotes),
        "figures": Table(FIGURE_COLUMNS, [figure_row(f) for f in db.figures(dyad, directed, since, until)]),
        "relations": Table(RELATION_COLUMNS, rows(relations)),
        "contradictions": Table(CONTRADICTION_COLUMNS, [contradiction_row(c) for c in fusion.contradictions]),
        "outlets": Table(OUTLET_COLUMNS, rows(fusion.outlets)),
    }
    chart = trend_chart(tables["trend"].rows, bucket or "month")
    return page(request, "dyad.html", data, tables, {"chart": chart})


@router.get("/actor/{name}", summary="One actor: its aliases and the merges behind them, its roles over time, "
            "its events and its quotations")
@one_read
def actor_page(request: Request, name: str, db: Database = Depends(database)) -> Response:
    profile = db.actor(name)
    actor = profile.actor
    roles = [
        {"published": a.published, "role": a.role, "country": a.country, "outlet": a.source, "mentions": a.mentions,
         "evidence": a.evidence, "doc_id": a.doc_id, "why": a.why}
        for a in profile.appearances
    ]
    data = {"title": actor.name, "actor": actor.as_row()}
    tables = {
        "roles": Table(["published", "role", "country", "outlet", "mentions", "evidence", "doc_id", "why"], roles),
        "events": Table(EVENT_COLUMNS, rows(db.actor_events(actor))),
        "quotes": Table(["published", "source", "kind", "text"], rows(profile.quotes)),
        "merges": Table(["why"], [{"why": w} for w in actor.why]),
    }
    return page(request, "actor.html", data, tables)


@router.get("/network", summary="The event network of states or of named actors, drawn as SVG")
@one_read
def network_page(
    request: Request, level: str = Query("state", description="state or actor"), since: dt.date | None = None,
    until: dt.date | None = None, db: Database = Depends(database),
) -> Response:
    edges = db.network_edges(level, since, until)
    nodes: dict[str, dict[str, Any]] = {}
    for e in edges:
        for node, side in ((e.source, "events_out"), (e.target, "events_in")):
            row = nodes.setdefault(node, {"node": node, "events_out": 0, "events_in": 0, "partners": set()})
            row[side] += e.n_events
            row["partners"].add(e.target if node == e.source else e.source)
    node_rows = sorted(({**n, "partners": len(n["partners"])} for n in nodes.values()),
                       key=lambda n: (-(n["events_out"] + n["events_in"]), n["node"]))
    data = {"title": f"Network of {'states' if level == 'state' else 'actors'}", "level": level,
            "since": since, "until": until, "n_nodes": len(node_rows), "n_edges": len(edges)}
    tables = {
        "nodes": Table(["node", "events_out", "events_in", "partners"], node_rows[:MAX_EDGES]),
        "edges": Table(["source", "target", "n_events", "goldstein_sum"], rows(edges[:MAX_EDGES])),
    }
    return page(request, "network.html", data, tables, {"chart": network_chart(edges)})


@router.get("/brief", summary="A briefing on a dyad (or on everything): stories, quotes, figures, contradictions")
@one_read
def brief_page(
    request: Request, dyad: str | None = None, directed: bool = False, since: dt.date | None = None,
    until: dt.date | None = None, db: Database = Depends(database),
) -> Response:
    b = db.briefing(dyad or None, directed, since, until)
    t = b.temperature
    data = {
        "title": b.title, "dyad": b.dyad.label if b.dyad else None, "period": b.period, "bucket": b.bucket,
        "documents": len(b.fusion.docs),
        "temperature": {**plain(t), "change": t.change, "label": t.label} if t else None,
    }
    quotes = [{"speaker": q.speaker, "speaker_country": q.speaker_country, "kind": q.kind,
               "text": " ".join(q.text.split()), "outlet": q.doc.outlet, "published": q.doc.published,
               "doc_id": q.doc.id, "start": q.cited.start, "end": q.cited.end} for q in b.quotes]
    tables = {
        "trend": Table(TREND_COLUMNS, rows(b.trend)),
        "stories": _stories(b.stories, b.dyad.label if b.dyad else None),
        "quotes": Table(QUOTE_COLUMNS, quotes),
        "figures": Table(FIGURE_COLUMNS, [figure_row(f) for f in b.figures]),
        "contradictions": Table(CONTRADICTION_COLUMNS, [contradiction_row(c) for c in b.contradictions]),
        "outlets": Table(OUTLET_COLUMNS, rows(b.outlets)),
    }
    return page(request, "brief.html", data, tables, {"chart": trend_chart(tables["trend"].rows, b.bucket)})
