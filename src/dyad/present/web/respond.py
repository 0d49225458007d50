"""One page, three forms: HTML for a person, JSON for a program, CSV for a spreadsheet.

A handler builds the page's data once (plain values and named tables); the
same data renders the Jinja2 template, is the JSON twin, and gives each table
as CSV. The form is chosen by the path's suffix (`/events.json`,
`/events.csv?_table=facets`), which `SuffixFormat` strips before routing, or by
the Accept header. Errors have one JSON shape, `DyadError.as_dict()` under
"error", with the HTTP status beside it.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from dyad.errors import BAD_CHOICE, DyadError
from dyad.present.web.templating import render_page

FORMATS = ("html", "json", "csv")
SUFFIXES = {".json": "json", ".csv": "csv"}
RAW_PREFIXES = ("/static/", "/-/swagger/", "/openapi.json")  # paths served as they are

# codes that name something missing, and one that asks for a choice between several
NOT_FOUND = {"DY206", "DY207", "DY209"}
AMBIGUOUS = {"DY208"}


@dataclass
class Table:
    """A table of a page: its columns, in order, and its rows as dicts."""

    columns: list[str]
    rows: list[dict[str, Any]]


class SuffixFormat:
    """ASGI middleware: `/x.json` and `/x.csv` route as `/x` with the format remembered in the scope."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path: str = scope["path"]
            if not path.startswith(RAW_PREFIXES):
                for suffix, fmt in SUFFIXES.items():
                    if path.endswith(suffix):
                        path = path[: -len(suffix)] or "/"
                        if path == "/index":
                            path = "/"
                        scope = {**scope, "path": path, "raw_path": path.encode()}
                        scope.setdefault("state", {})["format"] = fmt
                        break
        await self.app(scope, receive, send)


def wanted(request: Request) -> str:
    """The form asked for: the suffix first, then the Accept header, else HTML."""
    fmt = request.scope.get("state", {}).get("format")
    if fmt:
        return str(fmt)
    accept = request.headers.get("accept", "")
    if "application/json" in accept and "text/html" not in accept:
        return "json"
    if "text/csv" in accept and "text/html" not in accept:
        return "csv"
    return "html"


def plain(value: Any) -> Any:
    """A value as JSON can hold it: records as dicts, dates as ISO text, non-finite floats as null."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, BaseModel):
        return plain(value.model_dump())
    if isinstance(value, Table):
        return [{c: plain(r.get(c)) for c in value.columns} for r in value.rows]
    if hasattr(value, "as_dict"):
        return plain(value.as_dict())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [plain(v) for v in value]
    return str(value)


FORMULA = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet would read as the start of a formula


def _cell(value: Any) -> Any:
    """A CSV cell; text that a spreadsheet would run as a formula gets a leading apostrophe."""
    value = plain(value)
    if isinstance(value, list):
        value = ";".join(str(v) for v in value)
    elif isinstance(value, dict):
        value = "; ".join(f"{k}={v}" for k, v in value.items())
    if isinstance(value, str) and value.startswith(FORMULA):
        return "'" + value
    return "" if value is None else value


def csv_text(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([_cell(row.get(c)) for c in table.columns])
    return out.getvalue()


def page(
    request: Request, template: str, data: dict[str, Any], tables: Mapping[str, Table] | None = None,
    extra: Mapping[str, Any] | None = None, status: int = 200,
) -> Response:
    """The page in the form asked for. `data` is the JSON twin (with the tables in it);
    `extra` is what only the HTML needs (charts, highlighted text)."""
    tables = dict(tables or {})
    fmt = wanted(request)
    if fmt == "json":
        return JSONResponse(plain({**data, **tables, "tables": list(tables)}), status_code=status)
    if fmt == "csv":
        name = request.query_params.get("_table") or next(iter(tables), "")
        if name not in tables:
            raise BAD_CHOICE("_table", value=name, choices=", ".join(tables) or "none on this page")
        filename = f"{request.url.path.strip('/').replace('/', '-') or 'overview'}-{name}.csv"
        return Response(csv_text(tables[name]), status_code=status, media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{filename}"'})
    html = render_page(template, request, {**data, **tables, **(extra or {}), "tables": tables})
    return HTMLResponse(html, status_code=status)


def status_of(error: DyadError) -> int:
    if error.code in NOT_FOUND:
        return 404
    if error.code in AMBIGUOUS:
        return 409
    if error.code.startswith("DY1"):
        return 503  # the store cannot be read as it is
    return 400


def error_response(request: Request, error: DyadError) -> Response:
    """The one error shape: {"error": {code, title, message, param}, "status": N}, or the HTML error page."""
    return error_with_status(request, error, status_of(error))


def error_with_status(request: Request, error: DyadError, status: int) -> Response:
    """Errors the web app finds itself (no such page, a malformed parameter), in the same shape."""
    body = {"error": error.as_dict(), "status": status}
    if wanted(request) == "html":
        return HTMLResponse(render_page("error.html", request, body), status_code=status)
    return JSONResponse(body, status_code=status)


def rows(records: Sequence[Any]) -> list[dict[str, Any]]:
    """Records (dataclasses with as_dict, models, dicts) as dicts for a Table."""
    out = []
    for r in records:
        value = plain(r) if not isinstance(r, dict) else r
        out.append(value if isinstance(value, dict) else {"value": value})
    return out
