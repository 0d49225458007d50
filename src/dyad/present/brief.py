"""Briefings in Markdown or self-contained HTML, extractive only, read from the fusion tables.

Every line quotes the words of a document (the evidence span) and names that
document (outlet, title, date, and a link to it when it has a URL). The only
other text is fixed headings, labels and measured numbers. The header gives
the period and the days the documents were published; undated and
background stories are labelled as such; every list says how many of its
items it shows ("12 of 17 stories").
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from dyad.analyse.dyads import Temperature, temperature, trend
from dyad.api.fusion import Fusion, FusionMethods
from dyad.errors import BAD_FORMAT
from dyad.figures import format_value
from dyad.present.charts import QUAD_COLORS, QUAD_LABELS, trend_chart
from dyad.present.render import render, static_text
from dyad.present.safe import markdown_text
from dyad.store import fusion_rows, source_rows, story_rows
from dyad.stored import Dyad, TrendRow
from dyad.stored.fusion import FigureClaimRow, MentionRow, Shown, Side, StoryRow

Database = FusionMethods  # what a briefing reads: the library's fusion methods and its store

# A web address a Markdown link may carry as it is: http(s), no space or angle bracket to end the link early.
SAFE_URL = re.compile(r"https?://[^\s<>]+")

MAX_STORIES = 12
MAX_QUOTES = 30
MAX_FIGURES = 20
MAX_REPORTS = 5  # documents quoted per story or figure; the label says how many there are



@dataclass(frozen=True)
class Cite:
    """Quoted words and the document they come from."""

    words: str
    outlet: str | None
    title: str | None
    published: dt.date | None
    url: str | None
    doc: str
    doc_id: str = ""
    start: int = 0
    end: int = 0

    def citation(self) -> str:
        name = self.title or self.outlet or self.doc
        source = name if name == self.outlet or not self.outlet else f"{self.outlet}, \u201c{name}\u201d"
        return f"{source}, {self.published.isoformat() if self.published else 'undated'}"


@dataclass
class StoryView:
    story: StoryRow
    reports: list[tuple[str, Cite]]  # (what it says, where), one per document


@dataclass
class FigureView:
    figure: Any
    claims: list[tuple[bool, Cite]]  # (agrees with the consensus, where), one per document


@dataclass
class Briefing:
    dyad: Dyad | None
    since: dt.date | None
    until: dt.date | None
    generated: dt.date
    n_documents: int
    first_published: dt.date | None
    last_published: dt.date | None
    fusion: Fusion
    stories: list[StoryView] = field(default_factory=list)
    background: list[StoryView] = field(default_factory=list)
    figures: list[FigureView] = field(default_factory=list)
    quotes: list[tuple[str, Cite]] = field(default_factory=list)
    quotes_shown: Shown = field(default_factory=lambda: Shown(0, 0))
    trend: list[TrendRow] = field(default_factory=list)
    bucket: str = "week"
    temperature: Temperature | None = None

    @property
    def title(self) -> str:
        return f"Briefing: {self.dyad.label}" if self.dyad else "Briefing: all dyads"

    @property
    def period(self) -> str:
        start = self.since or self.first_published
        end = self.until or self.last_published
        return f"{start or 'the first report'} to {end or 'the latest report'}"

    @property
    def published(self) -> str:
        if self.first_published is None:
            return "no dated documents"
        return f"published {self.first_published} to {self.last_published}"


def choose_bucket(rows: list[TrendRow]) -> str:
    """Days for a short span, weeks up to a year, months beyond."""
    days = [r.period for r in rows if r.period]
    if not days:
        return "week"
    span = (max(days) - min(days)).days
    return "day" if span <= 45 else "week" if span <= 366 else "month"


def _mention_cite(m: MentionRow) -> Cite:
    return Cite(m.evidence, m.outlet, m.title, m.published, m.url, m.doc, m.doc_id, m.start, m.end)


def _says(m: MentionRow) -> str:
    if m.realis:
        return "happened"
    return "did not happen" if m.negated or m.modality == "negated" else m.modality


def story_views(db: Database, stories: list[StoryRow]) -> list[StoryView]:
    """Stories with up to MAX_REPORTS reports, one per document: saying it happened and dated to the day
    first, then the earliest."""
    by_story: dict[str, list[MentionRow]] = {}
    for m in story_rows.reports_of_stories(db.store, [s.id for s in stories], MAX_REPORTS):
        by_story.setdefault(m.story_id, []).append(m)
    return [StoryView(s, [(_says(m), _mention_cite(m)) for m in by_story.get(s.id, [])]) for s in stories]


def _claim_cite(c: FigureClaimRow, title: str | None = None) -> Cite:
    return Cite(c.evidence, c.outlet, title, c.published, c.url, c.doc, c.doc_id, c.start, c.end)


def figure_views(db: Database, figures: list[Any]) -> list[FigureView]:
    """Figures with up to MAX_REPORTS claims, one per document, agreeing ones first."""
    by_figure: dict[str, list[FigureClaimRow]] = {}
    for c in fusion_rows.claims_of_figures(db.store, [f.id for f in figures], MAX_REPORTS):
        by_figure.setdefault(c.figure_id, []).append(c)
    return [FigureView(f, [(c.agrees, _claim_cite(c)) for c in by_figure.get(f.id, [])]) for f in figures]


def build_briefing(
    db: Database, dyad: Dyad | None = None, since: dt.date | None = None, until: dt.date | None = None,
    window_days: int = 30,
) -> Briefing:
    """Everything a briefing shows, for a dyad (all dyads without one) and a period, read from the store."""
    pair = dyad.pair if dyad else None

    def trend_and_temperature() -> tuple[list[TrendRow], str, Temperature | None]:
        rows = trend(db.store, dyad, "month", False, since, until)
        bucket = choose_bucket(rows)
        if bucket != "month":
            rows = trend(db.store, dyad, bucket, False, since, until)
        return rows, bucket, temperature(db.store, dyad, window_days, until) if rows else None

    fusion, (quotes, n_quotes), (rows, bucket, temp) = db.store.at_once(
        lambda: db.fusion(dyad, bool(dyad and dyad.directed), since, until, limit=MAX_STORIES, figures=MAX_FIGURES),
        lambda: source_rows.quotes_in_scope(db.store, pair, since, until, MAX_QUOTES),
        trend_and_temperature,
    )
    views, figures = db.store.at_once(lambda: story_views(db, [*fusion.stories, *fusion.background]),
                                      lambda: figure_views(db, fusion.figures))
    first = min((r.first_published for r in fusion.outlets if r.first_published), default=None)
    last = max((r.last_published for r in fusion.outlets if r.last_published), default=None)
    return Briefing(
        dyad=dyad, since=since, until=until, generated=dt.date.today(),
        n_documents=sum(r.n_documents for r in fusion.outlets), first_published=first, last_published=last,
        fusion=fusion,
        stories=views[: len(fusion.stories)],
        background=views[len(fusion.stories) :],
        figures=figures,
        quotes=[(q["speaker"], Cite(q["words"] or "", q["outlet"], q["title"], q["published"], q["url"], q["doc"],
                                    q["doc_id"], q["start"], q["end"])) for q in quotes],
        quotes_shown=Shown(len(quotes), n_quotes), trend=rows, bucket=bucket,
        temperature=temp,
    )


# -- chart -------------------------------------------------------------------------------


HEAD, FOOT = 28, 30  # the title above the plot, the legend below it
CHAR_WIDTH = 6.0  # of an 11 px DejaVu Sans letter, near enough to space the legend's entries


def chart_svg(rows: list[TrendRow], bucket: str, title: str) -> str | None:
    """The trend chart as one standalone SVG document: realis events per period stacked by QuadClass and
    the Goldstein sum as a line, on a time axis (the web pages' geometry); None without dated rows."""
    chart = trend_chart([r.as_dict() for r in rows], bucket)
    if chart is None:
        return None
    legend, x = [], 0.0
    for q, label in QUAD_LABELS.items():
        legend.append((q, round(x, 1)))
        x += 14 + CHAR_WIDTH * len(label) + 16
    return render("trend.svg", chart=chart, title=title, head=HEAD, height=chart["height"] + HEAD + FOOT,
                  colors=QUAD_COLORS, labels=QUAD_LABELS, legend=legend, line_x=round(x, 1))


def render_png(svg: str) -> bytes:
    """Rasterize the chart at twice its size (resvg through vl-convert: no JavaScript engine to start)."""
    import vl_convert as vlc

    return bytes(vlc.svg_to_png(svg, scale=2))


# -- labels --------------------------------------------------------------------------------


def _num(value: float | None, digits: int = 2) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def _value(value: float, unit: str) -> str:
    if not math.isfinite(value):
        return f"{value} {unit}"
    if unit == "share":
        return f"{value:.1%}"
    return f"{format_value(value)} {unit}"


def story_label(s: StoryRow) -> str:
    arrow = "\u2192" if s.directed else "\u2194"
    when = s.period or f"undated (reported {s.first_seen or 'on an unknown day'})"
    status = s.status + (", disputed" if s.disputed else "")
    sources = f"{s.n_sources} independent source{'s' if s.n_sources != 1 else ''}"
    said = f"{s.n_happened} say{'s' if s.n_happened == 1 else ''} it happened" if s.status == "happened" else ""
    return (f"{when}: {s.a} {arrow} {s.b}, {s.family} (CAMEO {', '.join(s.codes)}): {status}; "
            f"{s.n_documents} document{'s' if s.n_documents != 1 else ''}, {sources}" + (f", {said}" if said else ""))


def figure_label(f: Any) -> str:
    qualified = f"{f.qualifier} " if f.qualifier else ""
    status = "single source" if f.single_source else f"given by {f.n_sources} independent sources"
    others = f"; {f.n_sources_all - f.n_sources} other source(s) give another value" if f.n_sources_all > f.n_sources else ""
    about = f" ({f.about})" if f.about else ""
    return f"{qualified}{_value(f.value, f.unit)}{about}: {status}{others}"


def quoted(shown: int, total: int, command: str) -> str:
    """" (5 of 80 quoted; `dyad story S1` lists them all)" when a list is cut, else nothing."""
    return f" ({shown} of {total} quoted; `dyad {command}` lists them all)" if shown < total else ""


def _temperature_line(t: Temperature | None) -> str | None:
    if t is None:
        return None
    change = "n/a" if t.change is None else f"{t.change:+.2f}"
    return (f"Mean Goldstein, {t.window_days} days to {t.until} vs the {t.window_days} days before: "
            f"{change} ({t.label}; {t.recent_n} vs {t.previous_n} realis events)")


OUTLET_HEAD = ["outlet", "docs", "events", "realis", "stories", "alone", "mean Goldstein",
               "irrealis", "single-source claims", "speculative sentences", "speculation index"]


def _outlet_cells(r: Any) -> list[str]:
    return [r.outlet, str(r.n_documents), str(r.n_events), str(r.n_realis), str(r.n_stories), str(r.n_only),
            _num(r.mean_goldstein), _num(r.irrealis_share), _num(r.single_source_claim_share),
            _num(r.speculative_sentence_share), _num(r.speculation_index)]


# -- rendering ---------------------------------------------------------------------------


def _md_quote(c: Cite) -> str:
    """Quoted words and their citation on one Markdown line, shown as text (see safe.markdown_text); the
    citation links to the article when it has a web address."""
    cited = markdown_text(c.citation())
    link = f"[{cited}](<{c.url}>)" if c.url and SAFE_URL.fullmatch(c.url) else cited
    return f"\u201c{markdown_text(c.words)}\u201d \u2014 {link}"


def _md_cell(text: str) -> str:
    return markdown_text(text)


def _words(text: str) -> str:
    return " ".join(text.split())


def _context(b: Briefing) -> dict[str, Any]:
    """What both templates print, and the helpers that word it."""
    return {
        "b": b,
        "shown": b.fusion.shown,
        "temperature": _temperature_line(b.temperature),
        "outlet_head": OUTLET_HEAD,
        "outlet_cells": _outlet_cells,
        "story_label": story_label,
        "figure_label": figure_label,
        "quoted": quoted,
    }


def _side(side: Side) -> Cite:
    return Cite(side.words, side.outlet, side.title, side.published, side.url, side.doc, side.doc_id, side.start,
                side.end)


FILTERS: dict[str, Callable[..., Any]] = {"quote": _md_quote, "cell": _md_cell, "words": _words, "side": _side,
                                          "md": markdown_text}


def render_markdown(b: Briefing, chart: str | None) -> str:
    """The briefing as Markdown; `chart` is the file name of its trend chart, if any."""
    return render("brief.md", FILTERS, chart=chart, **_context(b))


def render_html(b: Briefing, chart_svg: str | None) -> str:
    """The briefing as one self-contained HTML page with the chart as inline SVG."""
    svg = Markup(chart_svg) if chart_svg else None  # noqa: S704 - rendered by trend.svg, which escapes its text
    css = Markup(static_text("brief.css"))
    return render("brief.html", FILTERS, chart_svg=svg, css=css, **_context(b))


# -- writing -----------------------------------------------------------------------------


def write_brief(
    db: Database, output: Path, fmt: str = "md", dyad: Dyad | None = None,
    since: dt.date | None = None, until: dt.date | None = None, window_days: int = 30,
) -> list[Path]:
    """Write the briefing (and, for Markdown, its chart PNG next to it); returns the files written."""
    b = build_briefing(db, dyad, since, until, window_days)
    output.parent.mkdir(parents=True, exist_ok=True)
    svg = chart_svg(b.trend, b.bucket, f"{b.dyad.label if b.dyad else 'All dyads'}: realis events per {b.bucket}")
    written = []
    if fmt == "md":
        chart_name = None
        if svg is not None:
            png = output.with_name(output.stem + "-trend.png")
            png.write_bytes(render_png(svg))
            chart_name = png.name
            written.append(png)
        output.write_text(render_markdown(b, chart_name), encoding="utf-8")
    elif fmt == "html":
        output.write_text(render_html(b, svg), encoding="utf-8")
    else:
        raise BAD_FORMAT("format", value=fmt, choices="md, html")
    written.insert(0, output)
    return written
