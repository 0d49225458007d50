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
from dyad.api import options as opt
from dyad.present.brief import choose_bucket
from dyad.present.charts import network_chart, trend_chart
from dyad.present.web import fusion_view as fv
from dyad.present.web.respond import Table, page, plain, rows
from dyad.present.web.session import database, one_read

router = APIRouter()

DYAD_COLUMNS = ["dyad", "n_events", "n_documents", "q1_verbal_coop", "q2_material_coop", "q3_verbal_conflict",
                "q4_material_conflict", "goldstein_mean", "first_day", "last_day", "temperature", "change"]
TREND_COLUMNS = ["period", "n_events", "q1_verbal_coop", "q2_material_coop", "q3_verbal_conflict",
                 "q4_material_conflict", "goldstein_sum", "goldstein_mean"]
QUOTE_COLUMNS = ["speaker", "speaker_country", "kind", "text", "outlet", "published", "doc_id", "idx", "start", "end"]
RELATION_COLUMNS = ["a", "b", "type", "polarity", "evidence", "outlet", "published", "doc_id", "start", "end"]
EVENT_COLUMNS = ["published", "when", "source", "target", "source_name", "target_name", "code", "quad_class",
                 "goldstein", "realis", "modality", "evidence", "doc", "doc_id", "idx"]
MAX_STORIES = 25
MAX_EDGES = 300


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
    data = {"title": "Overview", "store": db.store_info()}
    tables = {
        "summary": Table(["what", "count"], rows(db.summary())),
        "dyads": Table(DYAD_COLUMNS, dyad_rows),
        "stories": Table(fv.STORY_COLUMNS, fv.latest_stories(db, MAX_STORIES)),
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
    scope = opt.dyad(dyad, directed)
    label = scope.label if scope else dyad

    asked = bucket

    def trend_in_buckets() -> tuple[list[Any], str | None]:
        found = db.trend(dyad, directed, asked or "month", since=since, until=until)
        if asked is None and (chosen := choose_bucket(found)) != "month":
            return db.trend(dyad, directed, chosen, since=since, until=until), chosen
        return found, asked

    (trend, bucket), fusion, temperature, relations = db.store.at_once(
        trend_in_buckets,
        lambda: fv.dyad_fusion(db, dyad, directed, since, until),
        lambda: db.temperature(dyad, directed),
        lambda: db.relations(pair=label.replace("~", "-")),
    )
    data = {
        "title": f"Dyad {fusion.label}", "dyad": fusion.label, "directed": directed, "since": since, "until": until,
        "bucket": bucket or "month", "documents": fusion.documents,
        "temperature": {**plain(temperature), "change": temperature.change, "label": temperature.label},
    }
    tables = {
        "trend": Table(TREND_COLUMNS, rows(trend)),
        "stories": Table(fv.STORY_COLUMNS, fusion.stories),
        "quotes": Table(QUOTE_COLUMNS, fusion.quotes),
        "figures": Table(fv.FIGURE_COLUMNS, fusion.figures),
        "relations": Table(RELATION_COLUMNS, rows(relations)),
        "contradictions": Table(fv.CONTRADICTION_COLUMNS, fusion.contradictions),
        "outlets": Table(fv.OUTLET_COLUMNS, fusion.outlets),
    }
    chart = trend_chart(tables["trend"].rows, bucket or "month")
    return page(request, "dyad.html", data, tables, {"chart": chart})


@router.get("/actor/{name}", summary="One actor: its aliases and the merges behind them, its roles over time, "
            "its events and its quotations")
@one_read
def actor_page(request: Request, name: str, db: Database = Depends(database)) -> Response:
    # its appearances and its events are read side by side once the actor and its members are known
    found = db.one_actor(name)
    profile, events = db.store.at_once(lambda: db.profile(found), lambda: db.actor_events(found))
    actor = profile.actor
    roles = [
        {"published": a.published, "role": a.role, "country": a.country, "outlet": a.source, "mentions": a.mentions,
         "evidence": a.evidence, "doc_id": a.doc_id, "why": a.why}
        for a in profile.appearances
    ]
    data = {"title": actor.name, "actor": actor.as_row()}
    tables = {
        "roles": Table(["published", "role", "country", "outlet", "mentions", "evidence", "doc_id", "why"], roles),
        "events": Table(EVENT_COLUMNS, rows(events)),
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
    b = fv.briefing(db, dyad or None, directed, since, until)
    data = {k: b[k] for k in ("title", "dyad", "period", "bucket", "documents", "temperature")}
    tables = {
        "trend": Table(TREND_COLUMNS, rows(b["trend"])),
        "stories": Table(fv.STORY_COLUMNS, b["stories"]),
        "quotes": Table(QUOTE_COLUMNS, b["quotes"]),
        "figures": Table(fv.FIGURE_COLUMNS, b["figures"]),
        "contradictions": Table(fv.CONTRADICTION_COLUMNS, b["contradictions"]),
        "outlets": Table(fv.OUTLET_COLUMNS, b["outlets"]),
    }
    return page(request, "brief.html", data, tables, {"chart": trend_chart(tables["trend"].rows, b["bucket"])})
