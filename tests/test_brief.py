"""Briefings, the fusion commands and dyad analytics on a small store built by hand."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

import dyad
from dyad.present.brief import chart_svg, render_png
from dyad.records import (
    Actor,
    Claim,
    DocExtraction,
    Document,
    Event,
    Evidence,
    Quote,
    Relation,
    Sentence,
)
from dyad.store import open_store
from dyad.stored import TrendRow

# Three outlets report one summit; the blog mostly speculates. All sentences are made up.
ARTICLES = [
    {
        "id": "doc-wire", "outlet": "North Star Daily", "title": "Leaders meet in the capital", "published": "2031-05-12",
        "sentences": [
            "Kim Minsu visited Beijing on Sunday for talks with Wang Lei.",
            "The two sides signed 14 trade accords, officials said.",
            '"We opened a new page," Kim Minsu said after the talks.',
            "Seoul and Beijing are not allies.",
        ],
    },
    {
        "id": "doc-copy", "outlet": "Harbour Post", "title": "Leaders meet in the capital (reprint)", "published": "2031-05-12",
        "near_copy_of": "doc-wire",
        "sentences": [
            "Kim Minsu visited Beijing on Sunday for talks with Wang Lei.",
            "The two sides signed 14 trade accords, officials said.",
        ],
    },
    {
        "id": "doc-gazette", "outlet": "Valley Gazette", "title": "Summit in Beijing", "published": "2031-05-13",
        "sentences": [
            "Wang Lei hosted Kim Minsu in Beijing on Sunday.",
            "Officials reported that 20 trade accords were signed.",
            '"Trade will grow steadily," Wang Lei told reporters on Monday.',
        ],
    },
    {
        "id": "doc-blog", "outlet": "Speculator Blog", "title": "An alliance in the making?", "published": "2031-05-14",
        "sentences": [
            "Could Seoul and Beijing become allies?",
            "The alliance between Seoul and Beijing is growing.",
            "Pledges of $9 billion will likely follow the visit.",
            "Kim Minsu may visit Shanghai in the coming weeks.",
        ],
    },
]


def _span(text: str, words: str, doc_id: str) -> Evidence:
    start = text.index(words)
    return Evidence(doc_id=doc_id, start=start, end=start + len(words))


def _article(a: dict) -> tuple[Document, DocExtraction]:
    text = " ".join(a["sentences"])
    doc_id = a["id"]
    ev = lambda words: _span(text, words, doc_id)  # noqa: E731
    sentences = [Sentence(index=i, evidence=ev(s)) for i, s in enumerate(a["sentences"])]
    sent = {s: ev(s) for s in a["sentences"]}
    actors = [
        Actor(key="kim", name="Kim Minsu", kind="person", country="KOR"),
        Actor(key="wang", name="Wang Lei", kind="person", country="CHN"),
    ]
    events, quotes, claims, relations = [], [], [], []
    for s in a["sentences"]:
        if "visited Beijing" in s:
            events.append(Event(source_actor="kim", target_actor="wang", source="KOR", target="CHN", code="042",
                                root="04", trigger="visited", realis=True, when="2031-05-11", goldstein=1.9,
                                quad_class=1, evidence=sent[s], trigger_evidence=ev("visited")))
        if "hosted" in s:
            events.append(Event(source_actor="wang", target_actor="kim", source="CHN", target="KOR", code="043",
                                root="04", trigger="hosted", realis=True, when="2031-05-11", goldstein=2.8,
                                quad_class=1, evidence=sent[s], trigger_evidence=ev("hosted")))
        if "may visit Shanghai" in s:
            events.append(Event(source="KOR", target="CHN", code="042", root="04", trigger="visit", realis=False,
                                modality="hypothetical", goldstein=1.9, quad_class=1, evidence=sent[s],
                                trigger_evidence=ev("visit Shanghai")))
        if "trade accords" in s:
            value = 14 if "14" in s else 20
            claims.append(Claim(value=value, unit="accords", about="trade accords signed", actors=["KOR", "CHN"],
                                evidence=ev(f"{value} trade accords")))
            events.append(Event(source="KOR", target="CHN", code="057", root="05", trigger="signed", realis=True,
                                when="2031-05-11", goldstein=8.0, quad_class=1, evidence=sent[s],
                                trigger_evidence=ev("signed")))
        if "$9 billion" in s:
            claims.append(Claim(value=9e9, unit="USD", about="pledges", actors=["KOR", "CHN"], evidence=ev("$9 billion")))
        if s.startswith('"'):
            inner = s.split('"')[1]
            speaker = "Kim Minsu" if "Kim" in s else "Wang Lei"
            quotes.append(Quote(text=inner, speaker=speaker, speaker_actor="kim" if "Kim" in s else "wang",
                                evidence=ev(inner)))
        if "are not allies" in s:
            relations.append(Relation(a="KOR", b="CHN", type="ally", polarity="-", evidence=sent[s]))
        if "alliance between" in s:
            relations.append(Relation(a="CHN", b="KOR", type="ally", polarity="+", evidence=sent[s]))
    document = Document(id=doc_id, text=text, title=a["title"], outlet=a["outlet"],
                        published=dt.date.fromisoformat(a["published"]), near_copy_of=a.get("near_copy_of"))
    extraction = DocExtraction(doc_id=doc_id, model="hand", sentences=sentences, actors=actors, events=events,
                               quotes=quotes, claims=claims, relations=relations)
    return document, extraction


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "brief.duckdb"
    with open_store(path) as store:
        for a in ARTICLES:
            store.write(*_article(a))
    with dyad.open(path) as db:  # written straight to the store: fused as `dyad fuse` does
        db.fuse()
    return path


def _fusion(store_path: Path, dyad_text: str | None = "KOR-CHN"):
    with dyad.open(store_path, read_only=True) as db:
        return db.fusion(dyad_text, limit=None)


def test_store_fusion_end_to_end(store_path: Path):
    f = _fusion(store_path)
    meeting = next(s for s in f.stories if s.family == "consult" and s.status == "happened")
    assert meeting.n_documents == 3 and meeting.n_sources == 2  # the reprint counts as its original
    assert not meeting.directed and {meeting.a, meeting.b} == {"KOR", "CHN"}
    assert meeting.when == "2031-05-11" and meeting.outlets == ["Harbour Post", "North Star Daily", "Valley Gazette"]
    figs = {(fig.unit, fig.value): fig for fig in f.figures}
    assert figs[("USD", 9e9)].single_source
    # 14 and 20 accords are one figure; 14 is the consensus (two documents, one source), 20 another value
    accords = figs[("accord", 14)]
    assert accords.n_claims == 3 and accords.n_values == 2 and accords.n_sources_all == 2
    kinds = {c.kind for c in f.contradictions}
    assert {"relation", "figure"} <= kinds
    rel = next(c for c in f.contradictions if c.kind == "relation")
    assert rel.first.words == "The alliance between Seoul and Beijing is growing."
    assert rel.second.words == "Seoul and Beijing are not allies."
    assert f.outlets[0].outlet == "Speculator Blog"
    assert f.outlets[0].speculation_index > max(r.speculation_index or 0 for r in f.outlets[1:])
    assert f.shown["stories"].total == len(f.stories)


def test_trend_query_and_temperature(store_path: Path):
    from dyad.analyse.dyads import dyad_table, temperature, trend
    from dyad.stored import Dyad

    with open_store(store_path) as store:
        rows = trend(store, Dyad.parse("KOR-CHN"), "day")
        assert [r.period for r in rows] == [dt.date(2031, 5, 11)]
        # wire visit + signing, gazette hosting + signing; the reprint and the irrealis visit are left out
        assert rows[0].n_events == 4 and rows[0].q1_verbal_coop == 4
        assert rows[0].goldstein_sum == pytest.approx(1.9 + 8 + 2.8 + 8)
        directed = trend(store, Dyad.parse("CHN-KOR", directed=True), "week")
        assert directed[0].n_events == 1
        per_outlet = trend(store, Dyad.parse("KOR-CHN"), "month", by_outlet=True)
        assert {r.outlet for r in per_outlet} == {"North Star Daily", "Harbour Post", "Valley Gazette"}
        table = dyad_table(store)
        assert table[0].dyad == "CHN-KOR" and table[0].n_events == 4
        t = temperature(store, Dyad.parse("KOR-CHN"), 30)
        assert t.recent_n == 4 and t.previous_n == 0 and t.label == "not enough events"


def test_network_centrality(store_path: Path):
    from dyad.analyse.network import build_graph, centrality, edges

    with open_store(store_path) as store:
        rows = edges(store)
    graph = build_graph(rows)
    assert graph["KOR"]["CHN"]["weight"] == 3 and graph["CHN"]["KOR"]["weight"] == 1
    nodes = {r.node: r for r in centrality(graph)}
    assert nodes["KOR"].events_out == 3 and nodes["KOR"].partners == 1


def _run(store_path: Path, *args: str):
    from dyad.present.cli import main

    result = CliRunner().invoke(main, ["--db", str(store_path), "-q", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_commands_emit_json(store_path: Path):
    stories = json.loads(_run(store_path, "stories", "--dyad", "KOR-CHN", "--json"))
    assert stories[0]["n_sources"] == 2 and stories[0]["status"] == "happened"
    contradictions = json.loads(_run(store_path, "contradictions", "--kind", "relation", "--json"))
    assert contradictions[0]["first_outlet"] == "Speculator Blog"
    assert contradictions[0]["second_words"] == "Seoul and Beijing are not allies."
    sources = json.loads(_run(store_path, "sources", "--json"))
    assert sources[0]["outlet"] == "Speculator Blog"
    figures = json.loads(_run(store_path, "figures", "--single-source", "--json"))
    assert all(f["single_source"] for f in figures) and figures
    assert json.loads(_run(store_path, "dyads", "--json"))[0]["dyad"] == "CHN-KOR"
    assert json.loads(_run(store_path, "dyads", "--dyad", "KOR-CHN", "--bucket", "day", "--json"))[0]["n_events"] == 4
    assert {n["node"] for n in json.loads(_run(store_path, "network", "--json"))} == {"KOR", "CHN"}
    story_id = stories[0]["id"]
    per_outlet = json.loads(_run(store_path, "sources", "--story", story_id, "--json"))
    assert {r["outlet"] for r in per_outlet} == {"North Star Daily", "Harbour Post", "Valley Gazette"}


def _write(store_path: Path, out: Path, fmt: str) -> list[Path]:
    with dyad.open(store_path, read_only=True) as db:
        return db.brief("KOR-CHN", format=fmt, output=out)


def test_markdown_brief_cites_every_item(store_path: Path, tmp_path: Path):
    written = _write(store_path, tmp_path / "b.md", "md")
    md = written[0].read_text()
    png = tmp_path / "b-trend.png"
    assert png in written and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "](b-trend.png)" in md
    for heading in ("Key story events", "Background", "Who said what", "Figures", "Contradictions",
                    "Source comparison"):
        assert f"## {heading}" in md
    assert "\u201cSeoul and Beijing are not allies.\u201d \u2014 North Star Daily, \u201cLeaders meet in the capital\u201d, 2031-05-12" in md
    assert "**Kim Minsu**: \u201cWe opened a new page,\u201d" in md
    assert "9,000,000,000 USD (pledges): single source" in md
    assert "Period: 2031-05-12 to 2031-05-14. Documents: 4, published 2031-05-12 to 2031-05-14." in md
    assert "stories shown)" in md and "(all " in md
    # every bullet under the sections quotes text and names its source
    for line in md.splitlines():
        if line.startswith("  - "):
            assert "\u201c" in line and "\u2014" in line


def test_html_brief_is_self_contained(store_path: Path, tmp_path: Path):
    out = _write(store_path, tmp_path / "b.html", "html")[0]
    page = out.read_text()
    assert "<svg" in page and "<script" not in page and "<link" not in page
    external = [u for u in re.findall(r"https?://[^\s\"'<>)]+", page) if not u.startswith("http://www.w3.org/")]
    assert external == []
    assert page.count('class="citation"') >= 8


BROWSER = "/usr/bin/chromium"


@pytest.mark.browser
def test_html_brief_renders_in_chromium(store_path: Path, tmp_path: Path):
    if not Path(BROWSER).exists() or shutil.which(BROWSER) is None:
        pytest.skip("/usr/bin/chromium is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    out = _write(store_path, tmp_path / "brief.html", "html")[0]
    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"]
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=BROWSER, args=args)
        try:
            page = browser.new_page()
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            page.goto(out.resolve().as_uri())
            chart = page.locator("#trend-chart svg").first
            assert chart.is_visible()
            box = chart.bounding_box()
            assert box is not None and box["width"] > 100 and box["height"] > 50
            assert page.locator("#trend-chart svg rect[data-quad]").count() > 0
            citations = page.locator("cite.citation")
            assert citations.count() >= 8
            assert citations.first.is_visible()
            texts = citations.all_inner_texts()
            assert any("North Star Daily" in t for t in texts) and any("Speculator Blog" in t for t in texts)
            quote = page.locator("li.contradiction.relation blockquote.evidence").first
            assert "Seoul and Beijing" in quote.inner_text()
            assert [u for u in requests if not u.startswith("file://")] == []
        finally:
            browser.close()


def _trend_row(day: str, q1: int, q4: int, goldstein: float) -> TrendRow:
    return TrendRow(period=dt.date.fromisoformat(day), outlet=None, n_events=q1 + q4, q1_verbal_coop=q1,
                    q2_material_coop=0, q3_verbal_conflict=0, q4_material_conflict=q4, goldstein_sum=goldstein,
                    goldstein_mean=goldstein / (q1 + q4))


def test_brief_chart_is_a_standalone_svg_on_a_time_axis() -> None:
    rows = [_trend_row("2031-01-01", 3, 0, 6.0), _trend_row("2031-06-01", 1, 2, -9.5)]
    svg = chart_svg(rows, "month", "A<B: realis events per month")
    assert svg is not None
    root = ElementTree.fromstring(svg)  # well-formed XML, so a file of its own
    ns = {"s": "http://www.w3.org/2000/svg"}
    assert root.findtext("s:title", namespaces=ns) == "A<B: realis events per month"
    bars = root.findall(".//s:rect[@data-quad]", ns)
    assert sorted(b.get("data-quad") for b in bars) == ["1", "1", "4"]
    # the x axis is a time axis: month ticks in order, and the June bar stands right of the January one
    ticks = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text") if t.text and re.fullmatch(r"\d{4}-\d\d", t.text)]
    assert ticks == sorted(ticks) and "2031-01" in ticks and "2031-06" in ticks
    january, june = sorted({float(b.get("x") or 0) for b in bars})
    assert {b.get("data-quad") for b in bars if float(b.get("x") or 0) == june} == {"1", "4"}
    width = float(bars[0].get("width") or 0)
    assert june - january > 4 * width  # the months between them are empty space on the axis, not squeezed out
    assert "verbal cooperation" in svg and "Goldstein sum (right scale)" in svg
    assert chart_svg([], "month", "empty") is None
    assert render_png(svg)[:8] == b"\x89PNG\r\n\x1a\n"
