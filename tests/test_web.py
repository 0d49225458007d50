"""The web app over real HTTP: every page has a JSON twin and CSV tables, one error shape, strict headers."""

from __future__ import annotations

import csv
import datetime as dt
import io
from html.parser import HTMLParser

import httpx
import pytest

from dyad.present.charts import network_chart, trend_chart
from dyad.present.web.spans import Span, highlight
from dyad.present.web.templating import safe_url, url
from dyad.stored import Edge

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def http(server):
    with httpx.Client(base_url=server, timeout=120) as client:
        yield client


@pytest.fixture(scope="module")
def ids(http):
    """A dyad, a story, a document and an actor that the pages can show."""
    overview = http.get("/.json").json()
    dyad = overview["dyads"][0]["dyad"]
    story = http.get(f"/dyad/{dyad}.json").json()["stories"][0]
    return {"dyad": dyad, "story": story["id"], "doc": story["lead_doc"]}


def pages(ids) -> list[str]:
    return [
        "/", f"/dyad/{ids['dyad']}", "/actor/China", "/events", "/events?root=04&sort=-goldstein",
        f"/story/{ids['story']}?dyad={ids['dyad']}", f"/document/{ids['doc']}", "/network", "/network?level=actor",
        f"/brief?dyad={ids['dyad']}", "/brief", "/search?q=missile", "/search?q=cooperation&kind=quotes", "/-/versions",
    ]


def test_every_page_is_html_json_and_csv(http, ids):
    for path in pages(ids):
        html = http.get(path)
        assert html.status_code == 200, (path, html.text[:300])
        assert html.headers["content-type"].startswith("text/html")
        base, _, query = path.partition("?")
        suffixed = (base.rstrip("/") or "/index") + ".json" + ("?" + query if query else "")
        data = http.get(suffixed)
        assert data.status_code == 200 and data.headers["content-type"] == "application/json", suffixed
        assert http.get(path, headers={"accept": "application/json"}).json() == data.json()
        for name in data.json()["tables"]:
            got = http.get((base.rstrip("/") or "/index") + ".csv", params=[*httpx.QueryParams(query).multi_items(), ("_table", name)])
            assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv"), (path, name)
            assert len(list(csv.reader(io.StringIO(got.text)))) == len(data.json()[name]) + 1


def test_the_overview_counts_what_the_store_holds(http):
    data = http.get("/.json").json()
    counts = {r["what"]: r["count"] for r in data["summary"]}
    assert counts["documents"] == data["store"]["documents"] == 13
    assert data["dyads"] and all("temperature" in d for d in data["dyads"])
    assert data["stories"]


def test_the_dyad_page_has_its_trend_stories_and_outlets(http, ids):
    data = http.get(f"/dyad/{ids['dyad']}.json").json()
    assert sum(r["n_events"] for r in data["trend"]) > 0
    assert data["stories"] and data["outlets"] and data["quotes"]
    assert data["temperature"]["label"] in {"warming", "cooling", "steady", "not enough events"}
    page = http.get(f"/dyad/{ids['dyad']}").text
    assert "<svg" in page and 'class="q1"' in page


def test_facets_narrow_the_events_and_sorting_orders_them(http):
    everything = http.get("/events.json").json()
    roots = {f["value"]: f["n"] for f in everything["facets"] if f["facet"] == "root"}
    root, n = next(iter(roots.items()))
    narrowed = http.get("/events.json", params={"root": root, "limit": 500}).json()
    assert narrowed["total"] == n < everything["total"]
    assert {r["code"][:2] for r in narrowed["events"]} == {root}
    both = http.get("/events.json", params=[("root", root), ("realis", "no")]).json()
    assert both["total"] <= n
    ordered = http.get("/events.json", params={"sort": "-goldstein", "limit": 500}).json()["events"]
    values = [r["goldstein"] for r in ordered if r["goldstein"] is not None]
    assert values == sorted(values, reverse=True)
    first = http.get("/events.json", params={"limit": 5}).json()
    second = http.get(first["next"].replace("/events?", "/events.json?")).json() if first["next"] else None
    assert second and {(r["doc_id"], r["idx"]) for r in second["events"]}.isdisjoint(
        {(r["doc_id"], r["idx"]) for r in first["events"]})


def test_the_document_page_highlights_from_stored_offsets(http, ids):
    data = http.get(f"/document/{ids['doc']}.json").json()
    text = data["text"]
    for event in data["events"]:
        assert text[event["trigger_start"] : event["trigger_end"]] in event["evidence"]
    page = http.get(f"/document/{ids['doc']}").text
    for kind in ("actor", "trigger", "quote"):
        assert f'class="hl hl-{kind}"' in page


def test_search_finds_documents_and_quotations(http):
    found = http.get("/search.json", params={"q": "zanzibarine"}).json()
    assert found["total"] == 1 and found["hits"][0]["title"] == "Zanzibarine envoy in Tokyo"
    quotes = http.get("/search.json", params={"q": "cooperation", "kind": "quotes"}).json()
    assert quotes["hits"] and all(h["kind"] == "quote" for h in quotes["hits"])


def test_errors_have_one_shape(http):
    cases = {
        "/events.json?root=33": (400, "DY201"),
        "/events.json?since=last-week": (400, "DY202"),
        "/events.json?limit=-1": (400, "DY210"),
        "/events.json?limit=many": (400, "DY602"),
        "/dyad/KOREA.json": (400, "DY204"),
        "/document/nothing-like-it.json": (404, "DY206"),
        "/actor/Nobody%20Anywhere.json": (404, "DY207"),
        "/story/Snope.json": (404, "DY209"),
        "/no/such/page.json": (404, "DY601"),
        "/events.csv?_table=nope": (400, "DY211"),
    }
    for path, (status, code) in cases.items():
        got = http.get(path)
        assert got.status_code == status, (path, got.text)
        body = got.json()
        assert body["status"] == status and body["error"]["code"] == code, (path, body)
        assert set(body["error"]) == {"code", "title", "message", "param"}
    assert http.post("/events.json").json()["error"]["code"] == "DY603"
    page = http.get("/document/nothing-like-it")
    assert page.status_code == 404 and "DY206" in page.text and page.headers["content-type"].startswith("text/html")


def test_headers_api_docs_and_versions(http):
    got = http.get("/")
    csp = got.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "object-src 'none'" in csp and "unsafe-inline" not in csp
    assert got.headers["x-content-type-options"] == "nosniff"
    docs = http.get("/-/docs").text
    assert "/-/swagger/swagger-ui-bundle.js" in docs and "<script>" not in docs  # no inline script
    assert http.get("/-/swagger/swagger-ui-bundle.js").status_code == 200
    assert "/events" in http.get("/openapi.json").json()["paths"]
    versions = http.get("/-/versions.json").json()
    assert versions["store"]["schema_version"] == versions["schema_version"] and versions["packages"]["fastapi"]


class Elements(HTMLParser):
    """Every start tag of a page with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_hostile_text_comes_back_escaped(http):
    """The payloads are in the page as text: no handler attribute, no inline script, no javascript: link."""
    docs = {http.get("/search.json", params={"q": word}).json()["hits"][0]["doc_id"] for word in ("customs", "zanzibarine")}
    assert len(docs) == 2
    for path in [*(f"/document/{d}" for d in docs), "/search?q=customs+zanzibarine", "/events?sort=-date", "/"]:
        page = http.get(path).text
        parser = Elements()
        parser.feed(page)
        for tag, attrs in parser.tags:
            assert not [a for a in attrs if a.startswith("on")], (path, tag, attrs)
            assert not (attrs.get("href") or "").strip().lower().startswith("javascript:"), (path, attrs)
            assert tag not in {"iframe", "object", "embed", "img"}, (path, tag, attrs)
            if tag == "script":
                assert attrs.get("src", "").startswith("/static/"), (path, attrs)
        if path.startswith("/document/"):
            assert "window.__xss" in page  # there, as text


def test_csv_cells_never_start_a_formula():
    from dyad.present.web.respond import Table, csv_text

    table = Table(["text", "n"], [{"text": "=HYPERLINK(\"http://x\")", "n": -2.5}, {"text": "@SUM(A1)", "n": 3},
                                  {"text": ["-1", "x"], "n": None}, {"text": "plain", "n": 0}])
    assert csv_text(table).splitlines() == [
        "text,n", "\"'=HYPERLINK(\"\"http://x\"\")\",-2.5", "'@SUM(A1),3", "'-1;x,", "plain,0",
    ]


def test_links_and_urls_are_built_safely():
    assert url("/dyad", "KOR~CHN") == "/dyad/KOR~CHN"
    assert url("/actor", "A/B <c>") == "/actor/A%2FB%20%3Cc%3E"
    assert url("/events", root=["04", "05"], country=None, realis="") == "/events?root=04&root=05"
    assert safe_url("https://example.org/x") == "https://example.org/x"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "vbscript:x", "//evil", None, 3):
        assert safe_url(bad) is None


def test_spans_nest_and_crossing_spans_are_cut():
    text = "Lee said the talks went well"
    spans = [Span(0, 28, "quote", "Q", "#q"), Span(0, 3, "actor", "PER", "#a"), Span(9, 18, "trigger", "040", "#e"),
             Span(13, 24, "number", "N", "#n")]
    tree = highlight(text, spans)
    assert len(tree) == 1 and tree[0]["kind"] == "quote"
    inner = tree[0]["children"]
    assert [c.get("kind") or c["text"] for c in inner][:2] == ["actor", " said "]

    def flat(nodes):
        return "".join(n["text"] if "text" in n else flat(n["children"]) for n in nodes)

    assert flat(tree) == text
    numbers = [c for c in inner if c.get("kind") == "number"]
    assert [(n["start"], n["end"]) for n in numbers] == [(18, 24)]  # cut where the trigger ends...
    trigger = next(c for c in inner if c.get("kind") == "trigger")
    assert any(c.get("kind") == "number" and (c["start"], c["end"]) == (13, 18) for c in trigger["children"])


def test_the_trend_chart_uses_a_time_axis():
    rows = [{"period": "2024-01-01", "n_events": 3, "q1_verbal_coop": 2, "q4_material_conflict": 1, "goldstein_sum": -4.0},
            {"period": "2024-03-01", "n_events": 1, "q2_material_coop": 1, "goldstein_sum": 6.0}]
    chart = trend_chart(rows, "month")
    assert chart is not None
    january, march = chart["bars"]
    gap = march["x"] - january["x"]
    assert gap > 1.9 * january["w"]  # February is an empty stretch of the axis, not squeezed out
    assert [s["quad"] for s in january["segments"]] == [1, 4]
    assert chart["points"][0]["y"] > chart["mid"] > chart["points"][1]["y"]
    assert trend_chart([], "week") is None


def test_the_network_chart_keeps_the_busiest_nodes_in_the_square():
    edges = [Edge("A", "B", 5, 3.0), Edge("B", "C", 2, -4.0), Edge("C", "D", 1, 0.0), Edge("D", "A", 1, None)]
    chart = network_chart(edges, max_nodes=3)
    assert chart is not None and {n["id"] for n in chart["nodes"]} == {"A", "B", "C"}
    assert all(0 <= n["x"] <= chart["size"] and 0 <= n["y"] <= chart["size"] for n in chart["nodes"])
    assert {e["tone"] for e in chart["edges"]} == {"coop", "conflict"}
    assert network_chart([]) is None


def test_answers_are_kept_while_the_store_is_unchanged(http):
    first = http.get("/events.json", params={"root": "05"})
    again = http.get("/events.json", params={"root": "05"})
    assert again.headers["x-dyad-cache"] == "hit" and again.content == first.content
    fresh = http.get("/events.json", params={"root": "05"}, headers={"cache-control": "no-cache"})
    assert fresh.headers["x-dyad-cache"] == "miss" and fresh.json() == first.json()
    assert "content-security-policy" in again.headers  # the headers are those of every answer


def test_dates_in_json_are_iso(http):
    data = http.get("/events.json", params={"limit": 3}).json()
    for row in data["events"]:
        if row["published"]:
            dt.date.fromisoformat(row["published"])


def test_the_browsing_methods_agree_with_the_listings(web_store):
    """The web's faster reads give what the CLI's listings give."""
    import dyad

    with dyad.open(web_store, read_only=True) as db:
        def keys(rows):
            return sorted((r.doc_id, r.idx) for r in rows)

        assert keys(db.event_page(realis="yes", limit=500).rows) == keys(db.events())
        page = db.event_page(since="2026-01", until="2026-01-05", limit=500)
        assert keys(page.rows) == keys(db.events(since="2026-01", until="2026-01-05", realis_only=False))
        assert page.total == len(page.rows)
        korea = db.event_page(country="KOR", root="04", limit=500)
        assert keys(korea.rows) == keys(e for e in db.events(root="04", realis_only=False) if "KOR" in (e.source, e.target))
        for d in db.dyads():
            one = db.temperature(d.dyad)
            many = db.temperatures([d.dyad])[d.dyad]
            assert (many.until, many.recent_n, many.previous_n) == (one.until, one.recent_n, one.previous_n)
            assert many.change == pytest.approx(one.change) if one.change is not None else many.change is None
        doc = db.documents()[0].id
        view = db.document(doc)
        assert [r.as_dict() for r in view.events] == [r.as_dict() for r in db.events(doc=doc, realis_only=False)]
        assert (view.quotes, view.claims, view.relations) == (db.quotes(doc=doc), db.claims(doc=doc), db.relations(doc=doc))
