"""The web app in Debian's Chromium (Playwright): a reader's path through the pages, facets, the network,
and hostile article text that must never run. Screenshots are kept under pytest's temporary folder."""

from __future__ import annotations

import httpx
import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture
def page(browser, screenshots, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.console_errors = []  # type: ignore[attr-defined]
    tab.on("console", lambda m: m.type == "error" and tab.console_errors.append(m.text))
    tab.on("pageerror", lambda e: tab.console_errors.append(str(e)))
    yield tab
    tab.screenshot(path=str(screenshots / f"{request.node.name}-last.png"), full_page=True)
    context.close()


def shoot(tab, screenshots, name: str) -> None:
    tab.screenshot(path=str(screenshots / f"{name}.png"), full_page=True)


def test_overview_to_dyad_to_story_to_document(page, server, screenshots):
    page.goto(server + "/")
    shoot(page, screenshots, "1-overview")
    page.locator("#table-dyads tbody tr").first.locator("td.col-dyad a").click()
    page.wait_for_url("**/dyad/**")
    assert page.locator("svg.trend-chart rect").count() > 0  # the trend chart drew its bars
    assert page.locator("svg.trend-chart polyline.goldstein").count() == 1
    shoot(page, screenshots, "2-dyad")
    page.locator("#table-stories tbody tr").first.locator("td.col-id a").click()
    page.wait_for_url("**/story/**")
    cards = page.locator("article.source-card")
    assert cards.count() >= 1 and page.locator("article.source-card blockquote.evidence").count() >= 1
    assert page.locator("article.source-card .realis").count() >= 1
    shoot(page, screenshots, "3-story")
    cards.first.locator(".mention .meta a").first.click()
    page.wait_for_url("**/document/**")
    for kind in ("actor", "trigger"):
        assert page.locator(f"article.doc-text .hl-{kind}").count() > 0, kind
    assert page.locator("ul.legend .hl").count() == 4
    assert "#event-" in page.url and page.locator(page.url[page.url.index("#"):]).count() == 1
    trigger = page.locator("article.doc-text .hl-trigger a.tag").first
    target = trigger.get_attribute("href")
    trigger.click()
    assert page.url.endswith(target) and page.locator(f"tr{target}").count() == 1  # the span links to its record
    shoot(page, screenshots, "4-document")
    assert page.console_errors == []


def test_a_facet_click_narrows_the_list(page, server, screenshots):
    page.goto(server + "/events")
    before = int(page.locator("#total").inner_text())
    link = page.locator('section.facet[data-facet="root"] a.facet-value').first
    value = link.get_attribute("data-value")
    expected = int(link.locator("xpath=following-sibling::span[1]").inner_text())
    link.click()
    page.wait_for_url(f"**root={value}**")
    after = int(page.locator("#total").inner_text())
    assert after == expected < before
    codes = page.locator("#table-events td.col-code").all_inner_texts()
    assert codes and all(c.startswith(value) for c in codes)
    assert page.locator('section.facet[data-facet="root"] li.on').count() == 1
    shoot(page, screenshots, "5-events-facet")
    page.locator('section.facet[data-facet="root"] li.on a').click()  # clicking again removes the facet
    page.wait_for_url("**/events")
    assert int(page.locator("#total").inner_text()) == before


def test_the_network_draws(page, server, screenshots):
    for level in ("state", "actor"):
        page.goto(f"{server}/network?level={level}")
        assert page.locator("svg.network-chart circle.node").count() >= 2, level
        assert page.locator("svg.network-chart line.edge").count() >= 1, level
        box = page.locator("svg.network-chart").bounding_box()
        assert box and box["width"] > 200 and box["height"] > 200
        shoot(page, screenshots, f"6-network-{level}")
    assert page.console_errors == []


def test_api_docs_render_from_local_files_under_the_policy(page, server, screenshots):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(server + "/-/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=30_000)
    assert page.locator(".swagger-ui .opblock").count() >= 9
    assert all(u.startswith(server) for u in requests), [u for u in requests if not u.startswith(server)]
    assert page.console_errors == []
    shoot(page, screenshots, "7-api-docs")


def hostile_pages(server: str) -> list[str]:
    """Every page that shows the hostile articles' title, outlet, URL or text."""
    found = []
    for word in ("customs", "zanzibarine"):
        hits = httpx.get(f"{server}/search.json", params={"q": word}).json()["hits"]
        found.append(hits[0]["doc_id"])
    paths = [f"/document/{d}" for d in found] + [f"/events?doc={d}" for d in found]
    paths += ["/", "/search?q=customs+zanzibarine+script", "/search?q=cooperation&kind=quotes", "/events?sort=-date",
              "/dyad/KOR-CHN", "/dyad/CHN-JPN", "/brief?dyad=KOR-CHN", "/network?level=actor"]
    for dyad in ("KOR-CHN", "CHN-JPN"):
        for story in httpx.get(f"{server}/dyad/{dyad}.json").json()["stories"]:
            if story["lead_doc"] in found:
                paths.append(f"/story/{story['id']}?dyad={dyad}")
    return paths


def test_hostile_articles_never_run(page, server, listener, screenshots):
    paths = hostile_pages(server)
    assert any(p.startswith("/story/") for p in paths), "a story of the hostile article should be shown too"
    for path in paths:
        response = page.goto(server + path)
        assert response is not None and response.status == 200, path
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        page.wait_for_timeout(150)  # time for anything that would run to run
        assert page.evaluate("typeof window.__xss") == "undefined", path
        assert page.locator("script:not([src]), iframe, object, embed, img").count() == 0, path
        assert page.locator("a[href^='javascript:' i]").count() == 0, path
        handlers = page.evaluate(
            "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes].map(a => a.name))"
            ".filter(n => n.startsWith('on'))"
        )
        assert handlers == [], (path, handlers)
        assert not [m for m in page.console_errors if "Content Security Policy" in m], path  # nothing was even tried
    page.goto(server + paths[0])
    assert "<script>window.__xss=5" in page.locator("article.doc-text").inner_text()  # shown as text
    assert "Hostile Herald" in page.locator("p.doc-meta").inner_text()
    assert page.locator("p.doc-meta a").count() == 0  # a javascript: URL is not a link
    shoot(page, screenshots, "8-hostile-document")
    assert listener.hits == []
