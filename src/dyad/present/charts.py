"""The geometry of the charts of the web pages and the briefs, drawn as SVG by templates: no chart
library, no script, no browser.

`trend_chart` places each period's realis events, stacked by QuadClass, on a
real time axis (a bar spans its day, week or month) with the Goldstein sum as a
line on its own scale; `network_chart` lays out the busiest nodes of the event
network with networkx's spring layout (seeded, so a page draws the same way
every time). Both return plain numbers and labels for the SVG templates: the
web pages style theirs with the site's stylesheet; `templates/trend.svg` is the
same trend chart as a file of its own, styled inline, for briefs.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

import networkx as nx

from dyad.stored import Edge

QUADS = ("q1_verbal_coop", "q2_material_coop", "q3_verbal_conflict", "q4_material_conflict")
QUAD_LABELS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
QUAD_COLORS = {1: "#4c9f70", 2: "#1f6f4a", 3: "#e39b4b", 4: "#b8412c"}  # as the web stylesheet's --q1..--q4
WIDTH, HEIGHT = 760, 280
LEFT, RIGHT, TOP, BOTTOM = 48, 56, 16, 36


def _period_end(day: dt.date, bucket: str) -> dt.date:
    if bucket == "day":
        return day + dt.timedelta(days=1)
    if bucket == "week":
        return day + dt.timedelta(days=7)
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _nice_max(value: float) -> float:
    """The smallest 1, 2 or 5 times a power of ten at or above `value`."""
    if value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    return float(next(m * power for m in (1, 2, 5, 10) if m * power >= value))


def _time_ticks(start: dt.date, end: dt.date) -> list[dt.date]:
    """First days of years, quarters or months (whichever gives a handful) inside the span."""
    days = (end - start).days
    step = 12 if days > 3 * 366 else 3 if days > 240 else 1
    if days <= 45:
        return [start + dt.timedelta(days=d) for d in range(0, days + 1, 7)]
    ticks: list[dt.date] = []
    year, month = start.year, start.month
    while True:
        month0 = (month - 1) // step * step + 1
        day = dt.date(year, month0, 1)
        if day > end:
            return ticks
        if day >= start:
            ticks.append(day)
        month = month0 + step
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1


def trend_chart(rows: Sequence[dict[str, Any]], bucket: str) -> dict[str, Any] | None:
    """Bars (stacked QuadClass counts) and a Goldstein line for trend rows with a `period`."""
    dated = [(dt.date.fromisoformat(str(r["period"])), r) for r in rows if r.get("period")]
    if not dated:
        return None
    start = min(d for d, _ in dated)
    end = max(_period_end(d, bucket) for d, _ in dated)
    span = max(1, (end - start).days)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x_of(day: dt.date) -> float:
        return LEFT + plot_w * (day - start).days / span

    top = _nice_max(max(sum(int(r.get(q) or 0) for q in QUADS) for _, r in dated))
    g_values = [float(r["goldstein_sum"]) for _, r in dated if r.get("goldstein_sum") is not None]
    g_top = _nice_max(max((abs(v) for v in g_values), default=1.0))
    bars, points = [], []
    for day, r in sorted(dated, key=lambda p: p[0]):
        x0, x1 = x_of(day), x_of(_period_end(day, bucket))
        y: float = TOP + plot_h
        segments = []
        for i, q in enumerate(QUADS, start=1):
            n = int(r.get(q) or 0)
            if n:
                h = plot_h * n / top
                y -= h
                segments.append({"y": round(y, 1), "h": round(h, 1), "quad": i, "n": n})
        bars.append({"x": round(x0 + 0.5, 1), "w": round(max(1.5, x1 - x0 - 1), 1), "period": day.isoformat(),
                     "n": int(r.get("n_events") or 0), "segments": segments})
        if r.get("goldstein_sum") is not None:
            g = float(r["goldstein_sum"])
            points.append({"x": round((x0 + x1) / 2, 1), "y": round(TOP + plot_h / 2 - plot_h / 2 * g / g_top, 1),
                           "g": round(g, 2), "period": day.isoformat()})
    x_ticks = [{"x": round(x_of(d), 1), "label": d.isoformat()[: 7 if span > 45 else 10]} for d in _time_ticks(start, end)]
    y_ticks = [{"y": round(TOP + plot_h - plot_h * f, 1), "label": f"{top * f:g}"} for f in (0, 0.5, 1)]
    g_ticks = [{"y": round(TOP + plot_h / 2 - plot_h / 2 * f, 1), "label": f"{g_top * f:+g}"} for f in (-1, 0, 1)]
    return {
        "width": WIDTH, "height": HEIGHT, "left": LEFT, "right": WIDTH - RIGHT, "top": TOP, "bottom": TOP + plot_h,
        "mid": TOP + plot_h / 2, "bars": bars, "line": " ".join(f"{p['x']},{p['y']}" for p in points),
        "points": points, "x_ticks": x_ticks, "y_ticks": y_ticks, "g_ticks": g_ticks, "bucket": bucket,
        "start": start.isoformat(), "end": end.isoformat(),
    }


NET_SIZE = 640
MAX_NODES = 40


def network_chart(edges: Sequence[Edge], max_nodes: int = MAX_NODES) -> dict[str, Any] | None:
    """The busiest nodes (by events in and out) and the edges between them, laid out in a square."""
    weight: dict[str, int] = {}
    for e in edges:
        weight[e.source] = weight.get(e.source, 0) + e.n_events
        weight[e.target] = weight.get(e.target, 0) + e.n_events
    keep = set(sorted(weight, key=lambda n: (-weight[n], n))[:max_nodes])
    kept = [e for e in edges if e.source in keep and e.target in keep]
    if not kept:
        return None
    graph = nx.Graph()
    for e in kept:
        w = e.n_events + (graph[e.source][e.target]["weight"] if graph.has_edge(e.source, e.target) else 0)
        graph.add_edge(e.source, e.target, weight=w)
    pos = nx.spring_layout(graph, seed=7, k=1.6 / math.sqrt(graph.number_of_nodes()), iterations=80)
    margin = 60
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    lo_x, hi_x, lo_y, hi_y = min(xs), max(xs), min(ys), max(ys)

    def place(node: str) -> tuple[float, float]:
        x, y = pos[node]
        fx = (x - lo_x) / (hi_x - lo_x) if hi_x > lo_x else 0.5
        fy = (y - lo_y) / (hi_y - lo_y) if hi_y > lo_y else 0.5
        return round(margin + fx * (NET_SIZE - 2 * margin), 1), round(margin + fy * (NET_SIZE - 2 * margin), 1)

    biggest = max(weight[n] for n in graph.nodes)
    nodes = []
    for n in sorted(graph.nodes, key=lambda n: (-weight[n], n)):
        x, y = place(n)
        nodes.append({"id": n, "x": x, "y": y, "r": round(5 + 14 * math.sqrt(weight[n] / biggest), 1),
                      "events": weight[n]})
    lines = []
    for e in sorted(kept, key=lambda e: -e.n_events):
        (x1, y1), (x2, y2) = place(e.source), place(e.target)
        g = e.goldstein_sum or 0.0
        lines.append({"x1": x1, "y1": y1, "x2": x2, "y2": y2, "source": e.source, "target": e.target,
                      "n": e.n_events, "goldstein": round(g, 2), "width": round(1 + 2 * math.log1p(e.n_events), 1),
                      "tone": "coop" if g > 0 else "conflict" if g < 0 else "neutral"})
    return {"size": NET_SIZE, "nodes": nodes, "edges": lines, "shown": len(nodes), "total": len(weight)}
