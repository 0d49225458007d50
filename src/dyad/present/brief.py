"""Briefings in Markdown or self-contained HTML, extractive only.

Every line quotes the words of a document (the evidence span) and names that
document (outlet, title, date). The only other text is fixed headings, labels
and measured numbers; nothing is paraphrased or generated.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyad.figures import format_value
from dyad.analyse.dyads import Temperature, temperature, trend
from dyad.fuse.contradictions import Contradiction
from dyad.fuse.corroboration import Figure
from dyad.fuse.fusion import Dyad, Fusion, fuse_store
from dyad.fuse.items import Cited, QuoteItem
from dyad.fuse.sources import OutletRow
from dyad.fuse.stories import Story

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
    trend: list[dict[str, Any]] = field(default_factory=list)
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


def choose_bucket(rows: list[dict[str, Any]]) -> str:
    """Days for a short span, weeks up to a year, months beyond."""
    days = [r["period"] for r in rows if r.get("period")]
    if not days:
        return "week"
    span = (max(days) - min(days)).days
    return "day" if span <= 45 else "week" if span <= 366 else "month"


def build_briefing(
    store: Any, settings: Any, dyad: Dyad | None = None, since: dt.date | None = None,
    until: dt.date | None = None, window_days: int = 30,
) -> Briefing:
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


def chart_spec(rows: list[dict[str, Any]], bucket: str, title: str) -> dict[str, Any]:
    """Vega-Lite: realis events per period stacked by QuadClass, with the Goldstein sum as a line."""
    columns = {1: "q1_verbal_coop", 2: "q2_material_coop", 3: "q3_verbal_conflict", 4: "q4_material_conflict"}
    values = []
    for r in rows:
        period = r["period"].isoformat()
        for q, col in columns.items():
            values.append({"period": period, "quad": f"{q} {QUAD_LABELS[q]}", "events": int(r[col] or 0),
                           "goldstein": float(r["goldstein_sum"] or 0.0)})
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


# -- Markdown ----------------------------------------------------------------------------


def _md_quote(c: Cited) -> str:
    words = " ".join(c.words.split()).replace("*", "\\*")
    return f"\u201c{words}\u201d \u2014 {c.citation()}"


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_markdown(b: Briefing, chart: str | None) -> str:
    out = [f"# {b.title}", "", f"Period: {b.period}. Documents: {len(b.fusion.docs)}.", ""]
    out += ["## Trend", ""]
    temp = _temperature_line(b.temperature)
    if temp:
        out += [temp, ""]
    out += [f"![Realis events by QuadClass and Goldstein sum per {b.bucket}]({chart})", ""] if chart else ["No dated realis events.", ""]
    out += ["## Key story events", ""]
    for s in b.stories:
        out.append(f"- **{_story_label(s)}**")
        for m in _one_per_doc(s):
            out.append(f"  - {'happened' if m.realis else m.modality}: {_md_quote(m.cited)}")
    if not b.stories:
        out.append("No story events.")
    out += ["", "## Who said what", ""]
    for q in b.quotes:
        out.append(f"- **{q.speaker}**: {_md_quote(q.cited)}")
    if not b.quotes:
        out.append("No attributed quotations.")
    out += ["", "## Figures", ""]
    for f in b.figures:
        out.append(f"- **{_figure_label(f)}**")
        for c in _one_claim_per_doc(f):
            out.append(f"  - {_md_quote(c.cited)}")
    if not b.figures:
        out.append("No figures.")
    out += ["", "## Contradictions", ""]
    for c in b.contradictions:
        out.append(f"- **{c.kind}: {c.subject}**")
        out.append(f"  - {c.first.says}: {_md_quote(c.first.cited)}")
        out.append(f"  - {c.second.says}: {_md_quote(c.second.cited)}")
    if not b.contradictions:
        out.append("No contradictions found.")
    out += ["", "## Source comparison", "",
            "Speculation index: mean of the shares of irrealis events, single-source claims and "
            "speculative sentences; a measured signal, not a bias rating.", ""]
    out.append("| " + " | ".join(OUTLET_HEAD) + " |")
    out.append("|" + "---|" * len(OUTLET_HEAD))
    for r in b.outlets:
        out.append("| " + " | ".join(_md_cell(c) for c in _outlet_cells(r)) + " |")
    out.append("")
    return "\n".join(out)


def _one_per_doc(s: Story) -> list[Any]:
    seen: dict[str, Any] = {}
    for m in sorted(s.mentions, key=lambda m: (not m.realis, not (m.when and len(m.when) == 10),
                                               m.doc.published or dt.date.max, m.idx)):
        seen.setdefault(m.doc.id, m)
    return list(seen.values())


def _one_claim_per_doc(f: Figure) -> list[Any]:
    seen: dict[str, Any] = {}
    for c in f.claims:
        seen.setdefault(c.doc.id, c)
    return list(seen.values())


# -- HTML --------------------------------------------------------------------------------

CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.6rem}h2{font-size:1.2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2rem}
ul{padding-left:1.2rem}li{margin:.4rem 0}.label{font-weight:600}
blockquote.evidence{margin:.2rem 0 .2rem .8rem;padding:.1rem .6rem;border-left:3px solid #999;color:#333}
cite.citation{display:block;font-size:.85rem;color:#555;font-style:normal}
.says{font-size:.8rem;text-transform:uppercase;color:#666;margin-right:.3rem}
table{border-collapse:collapse;font-size:.85rem}td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:right}
td:first-child,th:first-child{text-align:left}.chart svg,.chart img{max-width:100%;height:auto}
"""


def _h(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _html_quote(c: Cited, says: str | None = None) -> str:
    tag = f'<span class="says">{_h(says)}</span>' if says else ""
    return (f'<blockquote class="evidence" data-doc="{_h(c.doc_id)}" data-start="{c.start}" data-end="{c.end}">'
            f"{tag}\u201c{_h(' '.join(c.words.split()))}\u201d"
            f'<cite class="citation">{_h(c.citation())}</cite></blockquote>')


def render_html(b: Briefing, chart_svg: str | None) -> str:
    parts = [f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{_h(b.title)}</title>",
             f"<style>{CSS}</style></head><body>", f"<h1>{_h(b.title)}</h1>",
             f"<p>Period: {_h(b.period)}. Documents: {len(b.fusion.docs)}.</p>", '<h2 id="trend">Trend</h2>']
    temp = _temperature_line(b.temperature)
    if temp:
        parts.append(f'<p class="temperature">{_h(temp)}</p>')
    if chart_svg:
        parts.append(f'<figure class="chart" id="trend-chart" role="img" aria-label="Realis events by QuadClass and '
                     f'Goldstein sum per {_h(b.bucket)}">{chart_svg}</figure>')
    else:
        parts.append("<p>No dated realis events.</p>")
    parts.append('<h2 id="stories">Key story events</h2><ul class="stories">')
    for s in b.stories:
        parts.append(f'<li class="story" id="{_h(s.id)}"><span class="label">{_h(_story_label(s))}</span>')
        parts += [_html_quote(m.cited, "happened" if m.realis else m.modality) for m in _one_per_doc(s)]
        parts.append("</li>")
    parts.append("</ul>" + ("" if b.stories else "<p>No story events.</p>"))
    parts.append('<h2 id="quotes">Who said what</h2><ul class="quotes">')
    for q in b.quotes:
        parts.append(f'<li class="quote"><span class="label">{_h(q.speaker)}</span>{_html_quote(q.cited)}</li>')
    parts.append("</ul>" + ("" if b.quotes else "<p>No attributed quotations.</p>"))
    parts.append('<h2 id="figures">Figures</h2><ul class="figures">')
    for f in b.figures:
        status = "single" if f.single_source else "corroborated"
        parts.append(f'<li class="figure {status}"><span class="label">{_h(_figure_label(f))}</span>')
        parts += [_html_quote(c.cited) for c in _one_claim_per_doc(f)]
        parts.append("</li>")
    parts.append("</ul>" + ("" if b.figures else "<p>No figures.</p>"))
    parts.append('<h2 id="contradictions">Contradictions</h2><ul class="contradictions">')
    for c in b.contradictions:
        parts.append(f'<li class="contradiction {c.kind}"><span class="label">{_h(c.kind)}: {_h(c.subject)}</span>')
        parts.append(_html_quote(c.first.cited, c.first.says) + _html_quote(c.second.cited, c.second.says) + "</li>")
    parts.append("</ul>" + ("" if b.contradictions else "<p>No contradictions found.</p>"))
    parts.append('<h2 id="sources">Source comparison</h2><p>Speculation index: mean of the shares of irrealis '
                 "events, single-source claims and speculative sentences; a measured signal, not a bias rating.</p>")
    parts.append('<table class="outlets"><thead><tr>' + "".join(f"<th>{_h(h)}</th>" for h in OUTLET_HEAD) + "</tr></thead><tbody>")
    for r in b.outlets:
        parts.append("<tr>" + "".join(f"<td>{_h(c)}</td>" for c in _outlet_cells(r)) + "</tr>")
    parts.append("</tbody></table></body></html>")
    return "\n".join(parts)


# -- writing -----------------------------------------------------------------------------


def write_brief(
    store: Any, settings: Any, output: Path, fmt: str = "md", dyad: Dyad | None = None,
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
        raise ValueError(f"format must be md or html, not {fmt!r}")
    written.insert(0, output)
    return written

