"""The local web app (`dyad serve`): pages over the library, each with a JSON twin and CSV tables.

`app.create_app(settings)` builds the FastAPI application; `serve` runs it with
uvicorn. Handlers live in `pages` (overview, dyad, actor, network, briefing) and
`records` (events with facets, story, document, search); `respond` turns a
page's data into HTML, JSON or CSV; `charts` and `spans` compute what the SVG
charts and the highlighted text show; templates are under present/templates/web/
and the CSS and script under present/static/web/.
"""
