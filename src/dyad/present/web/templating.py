"""The web pages' Jinja2 environment: templates under present/templates/web/, every value escaped.

Autoescaping is on for every template (pages and SVG partials alike), so text
from articles (titles, outlets, quotations, URLs) is always printed as text.
Links to the outside are rendered only for http(s) URLs (`safe_url`); every
other link is built here from dyad's own routes with `url`, its parameters
percent-encoded.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape
from starlette.requests import Request

from dyad.present.charts import QUAD_LABELS
from dyad.version import __version__

NAV = [("/", "Overview"), ("/events", "Events"), ("/network", "Network"), ("/brief", "Briefing"),
       ("/search", "Search"), ("/-/docs", "API")]


def url(path: str, *segments: Any, **params: Any) -> str:
    """A link to one of dyad's pages: path segments percent-encoded, empty parameters left out.

    A parameter given a list repeats (`?root=04&root=05`).
    """
    full = path.rstrip("/") + "".join("/" + quote(str(s), safe="") for s in segments) if segments else path
    pairs = []
    for key, value in params.items():
        for v in value if isinstance(value, (list, tuple)) else [value]:
            if v is not None and v != "" and v is not False:
                pairs.append((key.rstrip("_"), "1" if v is True else str(v)))
    return full + ("?" + urlencode(pairs) if pairs else "")


def safe_url(value: Any) -> str | None:
    """The URL when it is http(s) (the only links to the outside a page renders), else None."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        scheme = urlsplit(text).scheme.lower()
    except ValueError:
        return None
    return text if scheme in {"http", "https"} and not any(c in text for c in "\x00\r\n") else None


def format_url(request: Request, fmt: str, table: str | None = None) -> str:
    """This page as JSON or CSV (one of its tables), with the same query."""
    path = request.url.path.rstrip("/") or "/index"
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "_table"]
    if table:
        params.append(("_table", table))
    return f"{path}.{fmt}" + ("?" + urlencode(params) if params else "")


def number(value: Any, digits: int = 2) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def words(text: Any) -> str:
    """Text on one line: runs of whitespace as one space."""
    return " ".join(str(text or "").split())


# -- table cells: a Python function rather than a template macro, since every table of every page calls it
# once per cell (a Jinja macro call costs several times a function call); every value is escaped.

DOC_COLUMNS = frozenset({"doc_id", "lead_doc", "first_doc_id", "second_doc_id"})
LINK = Markup('<a href="{}">{}</a>')
OUTSIDE = Markup('<a href="{}" rel="noopener noreferrer nofollow">{}</a>')


def cell(col: str, value: Any, row: Mapping[str, Any]) -> Markup:
    """The HTML of `value` in column `col` of `row`."""
    if value is None:
        return Markup("")
    if col in DOC_COLUMNS:
        return LINK.format(url("/document", value), value[:12])
    if col == "dyad":
        return LINK.format(url("/dyad", value), value)
    if col == "id" and isinstance(value, str) and value.startswith("S"):
        return LINK.format(url("/story", value, dyad=row.get("scope")), value)
    if col == "node":
        return escape(value)
    if col == "url":
        link = safe_url(value)
        return OUTSIDE.format(link, value) if link else escape(value)
    if value is True:
        return Markup("yes")
    if value is False:
        return Markup("no")
    if isinstance(value, float):
        return escape(number(value))
    if isinstance(value, Mapping):
        return Markup("; ").join(Markup("{}: {}").format(k, v) for k, v in value.items())
    if not isinstance(value, str) and _iterable(value):
        return escape(", ".join(str(v) for v in value))
    return escape(words(value))


def _iterable(value: Any) -> bool:
    try:
        iter(value)
    except TypeError:
        return False
    return True


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("dyad.present", "templates/web"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
    )
    env.globals.update(url=url, safe_url=safe_url, cell=cell, quad_labels=QUAD_LABELS, nav=NAV, version=__version__)
    env.filters.update(number=number, words=words)
    return env


def render_page(template: str, request: Request, context: Mapping[str, Any]) -> str:
    """Render present/templates/web/<template> for `request`."""
    helpers = {
        "request": request,
        "path": request.url.path,
        "json_url": format_url(request, "json"),
        "csv_url": lambda table: format_url(request, "csv", table),
        "query": request.query_params,
    }
    return environment().get_template(template).render({**context, **helpers})
