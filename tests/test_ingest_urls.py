"""URLs within bounds, against real HTTP servers on 127.0.0.1: redirects checked hop by hop, schemes,
private addresses, size caps and one overall deadline per URL."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from dyad.ingest.items import IngestError, RawText
from dyad.ingest.urls import Refused, check_redirect, fetch, unsupported_scheme
from dyad.settings import Settings
from ingest_strategies import time_budget

STORY = "Valdoria and Kestrel reopened the Tarn crossing to trucks on Sunday after a week of talks."
PAGE = f"<html><body><article><p>{STORY}</p></article></body></html>".encode()


def _handler(routes: dict[str, object]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            route = routes.get(self.path)
            if callable(route):
                route(self)
            elif isinstance(route, str):  # a redirect
                self.send_response(302)
                self.send_header("Location", route)
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif isinstance(route, bytes):
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(route)))
                self.end_headers()
                self.wfile.write(route)
            else:
                self.send_error(404, "Not Found")

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def serve() -> Iterator[object]:
    servers: list[ThreadingHTTPServer] = []

    def start(routes: dict[str, object]) -> str:
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(routes))
        servers.append(httpd)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{httpd.server_address[1]}"

    yield start
    for httpd in servers:
        httpd.shutdown()
        httpd.server_close()


def get(url: str, **limits: object) -> RawText | IngestError:
    with time_budget(60):
        return fetch(url, Settings(**limits))


def test_redirect_within_the_named_origin_is_followed(serve):
    routes: dict[str, object] = {"/story": PAGE}
    base = serve(routes)
    routes["/old"] = f"{base}/story"
    routes["/relative"] = "/story"
    for path in ("/old", "/relative"):
        found = get(base + path)
        assert isinstance(found, RawText) and found.meta.url == f"{base}/story"


def test_redirect_to_another_local_port_is_refused_unless_allowed(serve):
    other = serve({"/admin": PAGE})
    base = serve({"/go": f"{other}/admin"})
    refused = get(f"{base}/go")
    assert isinstance(refused, IngestError)
    assert refused.problem == "redirect to a private, loopback or link-local address refused (127.0.0.1)"
    allowed = get(f"{base}/go", url_allow_private=True)
    assert isinstance(allowed, RawText) and allowed.meta.url == f"{other}/admin"


def test_redirect_that_changes_scheme_is_refused(serve):
    base = serve({"/tls": "https://127.0.0.1:1/story", "/file": "file:///etc/passwd", "/ftp": "ftp://127.0.0.1/x"})
    assert get(f"{base}/tls").problem.startswith("redirect from http to https refused (scheme change)")
    assert get(f"{base}/file").problem == "redirect to a file: URL refused (only http and https)"
    assert get(f"{base}/ftp").problem == "redirect to a ftp: URL refused (only http and https)"


def test_redirects_are_bounded(serve):
    routes: dict[str, object] = {"/loop": "/loop"}
    base = serve(routes)
    assert get(f"{base}/loop", url_max_redirects=3).problem == "too many redirects (more than 3)"


def test_a_trickling_server_is_cut_off_at_the_deadline(serve):
    def trickle(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/plain")
        handler.end_headers()
        try:
            for _ in range(240):  # 2 bytes every 0.5 s for two minutes: no single read ever times out
                handler.wfile.write(b"ab")
                handler.wfile.flush()
                time.sleep(0.5)
        except OSError:
            pass  # the client hung up

    base = serve({"/trickle": trickle})
    found = get(f"{base}/trickle", url_deadline=2, url_timeout=5)
    assert isinstance(found, IngestError) and found.problem == "took longer than 2 s in all; cut off"


def test_a_body_without_length_is_capped(serve):
    def endless(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/plain")
        handler.end_headers()
        try:
            for _ in range(1000):
                handler.wfile.write(b"x" * 1024)
        except OSError:
            pass

    base = serve({"/endless": endless, "/declared": PAGE})
    assert get(f"{base}/endless", max_bytes=10_000).problem == "too large (more than 10000 bytes)"
    assert get(f"{base}/declared", max_bytes=50).problem == f"too large ({len(PAGE)} bytes > 50)"


def test_only_http_and_https():
    assert unsupported_scheme("ftp://example.org/a") == "ftp"
    assert unsupported_scheme("file:///etc/passwd") == "file"
    assert unsupported_scheme("gopher://x") == "gopher"
    assert unsupported_scheme("C:\\news\\a.txt") is None and unsupported_scheme("notes/a:b.txt") is None


@pytest.mark.parametrize("target", [
    "http://10.0.0.1/x", "http://192.168.1.1/x", "http://169.254.169.254/latest/meta-data", "http://[::1]/x",
    "http://0.0.0.0/x", "http://100.64.0.1/x", "http://[::ffff:127.0.0.1]/x", "http://localhost/x",
])
def test_redirect_targets_that_are_not_public(target: str):
    with pytest.raises(Refused, match="private, loopback or link-local"):
        check_redirect("http://example.org/a", target, allow_private=False)
    check_redirect("http://example.org/a", target, allow_private=True)
