"""Briefings in Markdown or self-contained HTML, extractive only.

Every line quotes the words of a document (the evidence span) and names that
document (outlet, title, date). The only other text is fixed headings, labels
and measured numbers; nothing is paraphrased or generated.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from dyad.analyse.dyads import Temperature, temperature, trend
from dyad.errors import BAD_FORMAT
from dyad.figures import format_value
from dyad.fuse.contradictions import Contradiction
from dyad.fuse.corroboration import Figure
from dyad.fuse.fusion import Fusion, fuse_store
from dyad.fuse.sources import OutletRow
from dyad.fuse.stories import Story
from dyad.present.render import render, static_text
from dyad.present.safe import markdown_text
from dyad.settings import Settings
from dyad.store import Store
from dyad.stored import Cited, ClaimItem, Dyad, EventItem, QuoteItem, TrendRow

MAX_STORIES = 12
MAX_QUOTES = 30
MAX_FIGURES = 20

QUAD_LABELS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
QUAD_COLORS = ["#4c9f70", "#1f6f4a", "#e39b4b", "#b8412c"]


@dataclass
class Briefing:
    dyad: Dyad | None
    since: dt.date | None
    until: dt.date | None
    fusion: Fusion
    quotes: list[QuoteItem] = field(default_factory=list)
    trend: list[TrendRow] = field(default_factory=list)
    bucket: str = "week"
    temperature: Temperature | None = None

    @property
    def stories(self) -> list[Story]:
        return self.fusion.stories[:MAX_STORIES]

    @property
    def figures(self) -> list[Figure]:
        return sorted(self.fusion.figures, key=lambda f: (-f.n_sources, f.unit, f.value))[:MAX_FIGURES]

    @property
    def contradictions(self) -> list[Contradiction]:
        return self.fusion.contradictions

    @property
    def outlets(self) -> list[OutletRow]:
        return self.fusion.outlets

    @property
    def title(self) -> str:
        return f"Briefing: {self.dyad.label}" if self.dyad else "Briefing: all dyads"

    @property
    def period(self) -> str:
        return f"{self.since or 'start'} to {self.until or 'latest'}"


def choose_bucket(rows: list[TrendRow]) -> str:
    """Days for a short span, weeks up to a year, months beyond."""
    days = [r.period for r in rows if r.period]
    if not days:
        return "week"
    span = (max(days) - min(days)).days
    return "day" if span <= 45 else "week" if span <= 366 else "month"


def build_briefing(
    store: Store, settings: Settings, dyad: Dyad | None = None, since: dt.date | None = None,
    until: dt.date | None = None, window_days: int = 30,
) -> Briefing:
    """Everything a briefing shows, for a dyad (all dyads without one) and a publication period."""
    fusion = fuse_store(store, settings.story_window_days, settings.claim_tolerance, dyad, since, until)
    ids = {d.id for d in fusion.docs}
    quotes = [q for q in fusion.corpus.quotes if q.doc.id in ids and q.speaker]
    states = {dyad.a, dyad.b} if dyad else set()
    # speakers of the dyad's states first, then the latest documents, in the order they quote
    quotes.sort(key=lambda q: (bool(states) and q.speaker_country not in states,
                               -(q.doc.published or dt.date.min).toordinal(), q.doc.id, q.idx))
    rows = trend(store, dyad, "month", False, since, until)
    bucket = choose_bucket(rows)
    if bucket != "month":
        rows = trend(store, dyad, bucket, False, since, until)
    temp = temperature(store, dyad, window_days, until) if rows else None
    return Briefing(dyad, since, until, fusion, quotes[:MAX_QUOTES], rows, bucket, temp)


# -- chart -------------------------------------------------------------------------------


def chart_spec(rows: list[TrendRow], bucket: str, title: str) -> dict[str, Any]:
    """Vega-Lite: realis events per period stacked by QuadClass, with the Goldstein sum as a line."""
    columns = {1: "q1_verbal_coop", 2: "q2_material_coop", 3: "q3_verbal_conflict", 4: "q4_material_conflict"}
    values = []
    for r in rows:
        period = r.period.isoformat()
        for q, col in columns.items():
            values.append({"period": period, "quad": f"{q} {QUAD_LABELS[q]}", "events": int(getattr(r, col) or 0),
                           "goldstein": float(r.goldstein_sum or 0.0)})
    time_unit = {"day": "yearmonthdate", "week": "yearmonthdate", "month": "yearmonth"}[bucket]
    x = {"field": "period", "type": "ordinal", "timeUnit": time_unit, "title": f"{bucket} starting"}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": title,
        "width": 560,
        "height": 240,
        "data": {"values": values},
        "layer": [
            {
                "mark": "bar",
                "encoding": {
                    "x": x,
                    "y": {"aggregate": "sum", "field": "events", "type": "quantitative", "title": "realis events"},
                    "color": {"field": "quad", "type": "nominal", "title": "QuadClass",
                              "scale": {"range": QUAD_COLORS}},
                },
            },
            {
                "mark": {"type": "line", "point": True, "color": "#333333"},
                "encoding": {
                    "x": x,
                    "y": {"aggregate": "max", "field": "goldstein", "type": "quantitative", "title": "Goldstein sum"},
                },
            },
        ],
        "resolve": {"scale": {"y": "independent"}},
        "config": {"font": "DejaVu Sans"},
    }


def render_png(spec: dict[str, Any]) -> bytes:
    import vl_convert as vlc

    return vlc.vegalite_to_png(spec, scale=2)


def render_svg(spec: dict[str, Any]) -> str:
    import vl_convert as vlc

    return vlc.vegalite_to_svg(spec)


# -- shared pieces -----------------------------------------------------------------------


def _num(value: float | None, digits: int = 2) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def _value(f: Figure) -> str:
    if not math.isfinite(f.value):
        return f"{f.value} {f.unit}"
    if f.unit == "share":
        return f"{f.value:.1%}"
    return f"{format_value(f.value)} {f.unit}"


def _story_label(s: Story) -> str:
    arrow = "\u2192" if s.directed else "\u2194"
    sources = f"{s.n_sources} independent source{'s' if s.n_sources != 1 else ''}"
    return (f"{s.source} {arrow} {s.target}, {s.family} (CAMEO {', '.join(s.codes)}), "
            f"{s.when or 'undated'}: {s.status}; {s.n_documents} document{'s' if s.n_documents != 1 else ''}, {sources}")


def _figure_label(f: Figure) -> str:
    status = "single source" if f.single_source else f"corroborated by {f.n_sources} independent sources"
    return f"{_value(f)}: {status}"


def _temperature_line(t: Temperature | None) -> str | None:
    if t is None:
        return None
    change = "n/a" if t.change is None else f"{t.change:+.2f}"
    return (f"Mean Goldstein, {t.window_days} days to {t.until} vs the {t.window_days} days before: "
            f"{change} ({t.label}; {t.recent_n} vs {t.previous_n} realis events)")


OUTLET_HEAD = ["outlet", "docs", "events", "realis", "stories", "alone", "mean Goldstein",
               "irrealis", "single-source claims", "speculative sentences", "speculation index"]


def _outlet_cells(r: OutletRow) -> list[str]:
    return [r.outlet, str(r.n_documents), str(r.n_events), str(r.n_realis), str(r.n_stories), str(r.n_only),
            _num(r.mean_goldstein), _num(r.irrealis_share), _num(r.single_source_claim_share),
            _num(r.speculative_sentence_share), _num(r.speculation_index)]


# -- rendering ---------------------------------------------------------------------------


def _md_quote(c: Cited) -> str:
    """Quoted words and their citation, on one Markdown line, shown as text (see safe.markdown_text)."""
    return f"\u201c{markdown_text(c.words)}\u201d \u2014 {markdown_text(c.citation())}"


def _md_cell(text: str) -> str:
    return markdown_text(text)


def _words(text: str) -> str:
    return " ".join(text.split())


def _one_per_doc(s: Story) -> list[EventItem]:
    """A story's mentions, one per document: realis and exactly dated first, then the earliest."""
    seen: dict[str, EventItem] = {}
    for m in sorted(s.mentions, key=lambda m: (not m.realis, not (m.when and len(m.when) == 10),
                                               m.doc.published or dt.date.max, m.idx)):
        seen.setdefault(m.doc.id, m)
    return list(seen.values())


def _one_claim_per_doc(f: Figure) -> list[ClaimItem]:
    seen: dict[str, ClaimItem] = {}
    for c in f.claims:
        seen.setdefault(c.doc.id, c)
    return list(seen.values())


def _context(b: Briefing) -> dict[str, Any]:
    """What both templates print, and the helpers that word it."""
    return {
        "b": b,
        "temperature": _temperature_line(b.temperature),
        "outlet_head": OUTLET_HEAD,
        "outlet_cells": _outlet_cells,
        "story_label": _story_label,
        "figure_label": _figure_label,
        "one_per_doc": _one_per_doc,
        "one_claim_per_doc": _one_claim_per_doc,
    }


FILTERS: dict[str, Callable[..., str]] = {"quote": _md_quote, "cell": _md_cell, "words": _words, "md": markdown_text}


def render_markdown(b: Briefing, chart: str | None) -> str:
    """The briefing as Markdown; `chart` is the file name of its trend chart, if any."""
    return render("brief.md", FILTERS, chart=chart, **_context(b))


def render_html(b: Briefing, chart_svg: str | None) -> str:
    """The briefing as one self-contained HTML page with the chart as inline SVG."""
    svg = Markup(chart_svg) if chart_svg else None  # noqa: S704 - vl-convert's own SVG, not user text
    css = Markup(static_text("brief.css"))
    return render("brief.html", FILTERS, chart_svg=svg, css=css, **_context(b))


# -- writing -----------------------------------------------------------------------------


def write_brief(
    store: Store, settings: Settings, output: Path, fmt: str = "md", dyad: Dyad | None = None,
    since: dt.date | None = None, until: dt.date | None = None, window_days: int = 30,
) -> list[Path]:
    """Write the briefing (and, for Markdown, its chart PNG next to it); returns the files written."""
    b = build_briefing(store, settings, dyad, since, until, window_days)
    output.parent.mkdir(parents=True, exist_ok=True)
    spec = chart_spec(b.trend, b.bucket, f"{b.dyad.label if b.dyad else 'All dyads'}: realis events per {b.bucket}")
    written = []
    if fmt == "md":
        chart_name = None
        if b.trend:
            png = output.with_name(output.stem + "-trend.png")
            png.write_bytes(render_png(spec))
            chart_name = png.name
            written.append(png)
        output.write_text(render_markdown(b, chart_name), encoding="utf-8")
    elif fmt == "html":
        svg = render_svg(spec) if b.trend else None
        output.write_text(render_html(b, svg), encoding="utf-8")
    else:
        raise BAD_FORMAT("format", value=fmt, choices="md, html")
    written.insert(0, output)
    return written

