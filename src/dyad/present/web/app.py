"""The FastAPI application: pages over `dyad.Database`, security headers, one error shape, local API docs.

Each request opens the store read-only through the library and closes it when
the response is built, so the server never holds the file between requests
and `dyad ingest` can write to it meanwhile (the store retries a read while a
writer holds the file; see dyad.store.db); answers are kept while the file is
unchanged (`cache`). Every response carries a strict
Content-Security-Policy: the pages use only the app's own script and style
files, and the charts are inline SVG drawn on the server.
"""

from __future__ import annotations

import platform
from importlib import metadata
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dyad.api import Database
from dyad.errors import BAD_REQUEST, METHOD_NOT_ALLOWED, NO_PAGE, DyadError
from dyad.present.web.cache import ResponseCache
from dyad.present.web.respond import SuffixFormat, error_response, error_with_status, page
from dyad.present.web.session import database
from dyad.present.web.templating import render_page
from dyad.settings import Settings
from dyad.store.schema import SCHEMA_VERSION
from dyad.version import __version__

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
VERSIONED = ("fastapi", "starlette", "uvicorn", "jinja2", "duckdb", "spacy", "networkx", "swagger-ui-bundle-v2")


class SecurityHeaders:
    """ASGI middleware: the Content-Security-Policy and its companions on every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k for k, _ in SECURITY_HEADERS}
                headers = [(k, v) for k, v in message.get("headers", []) if k not in names]
                message = {**message, "headers": headers + SECURITY_HEADERS}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _package_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def create_app(settings: Settings) -> FastAPI:
    """The web app over the store named by `settings.db`."""
    from dyad.present.web import pages, records

    app = FastAPI(
        title="dyad",
        version=__version__,
        description="The system of states a news corpus describes. Every page is HTML, and JSON with a "
        "`.json` suffix or `Accept: application/json`; every table is CSV with `.csv` (`?_table=NAME`).",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )

    app.state.settings = settings
    app.include_router(pages.router)
    app.include_router(records.router)
    _static(app)
    _errors(app)

    @app.get("/-/versions", tags=["introspection"], summary="Versions of dyad, its store and its libraries")
    def versions(request: Request, db: Database = Depends(database)) -> Response:
        data: dict[str, Any] = {
            "dyad": __version__, "schema_version": SCHEMA_VERSION, "python": platform.python_version(),
            "packages": {name: _package_version(name) for name in VERSIONED}, "store": db.store_info(),
        }
        return page(request, "versions.html", data)

    app.add_middleware(SuffixFormat)
    app.add_middleware(ResponseCache, store_file=Path(settings.db))
    app.add_middleware(SecurityHeaders)
    return app


def _static(app: FastAPI) -> None:
    """Our CSS and JS, and Swagger UI's files from the swagger-ui-bundle package (nothing from a CDN)."""
    from importlib import resources

    from swagger_ui_bundle import swagger_ui_path

    static = resources.files("dyad.present").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.mount("/-/swagger", StaticFiles(directory=str(swagger_ui_path)), name="swagger")

    @app.get("/-/docs", include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        return HTMLResponse(render_page("docs.html", request, {}))

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(str(swagger_ui_path / "favicon-32x32.png"))


def _errors(app: FastAPI) -> None:
    """Every error, the library's or the web's, in the shape of `DyadError.as_dict()`."""

    @app.exception_handler(DyadError)
    async def dyad_error(request: Request, exc: DyadError) -> Response:
        return error_response(request, exc)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors())
        error = BAD_REQUEST(str(exc.errors()[0]["loc"][-1]) if exc.errors() else None, problem=problems)
        return error_with_status(request, error, 400)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            return error_with_status(request, NO_PAGE(path=request.url.path), 404)
        if exc.status_code == 405:
            return error_with_status(request, METHOD_NOT_ALLOWED(method=request.method, path=request.url.path), 405)
        return JSONResponse({"error": {"code": None, "title": "HTTP error", "message": str(exc.detail),
                                       "param": None}, "status": exc.status_code}, status_code=exc.status_code)
