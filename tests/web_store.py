"""Fixtures for the web tests: a real store built from the examples and hostile articles, and a
real `dyad serve` on a free 127.0.0.1 port. Imported by the test_web*.py modules."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

DYAD = [sys.executable, "-c", "from dyad.present.cli import main; main()"]


@dataclass
class Listener:
    """A local HTTP server that records every request: a payload that runs would call it."""

    port: int
    hits: list[str] = field(default_factory=list)


def start_listener() -> tuple[Listener, ThreadingHTTPServer]:
    listener = Listener(0)

    class Record(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server name
            listener.hits.append(self.path)
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Record)
    listener.port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return listener, server


def hostile_records(port: int) -> list[dict[str, str]]:
    """Articles whose title, outlet, URL and text carry script, handler, javascript: and SVG payloads.

    Each payload would set window.__xss or call the listener on `port` if it ever ran.
    """
    beacon = f"http://127.0.0.1:{port}/beacon"
    return [
        {
            "title": '<img src=x onerror="window.__xss=1">Seoul and Beijing sign <script>window.__xss=2</script>',
            "outlet": '<svg onload="window.__xss=3"><circle r="9"/></svg>Hostile Herald',
            "url": "javascript:window.__xss=4",
            "published": "2026-01-07",
            "text": (
                "South Korea and China signed a customs agreement in Seoul on Wednesday. "
                "<script>window.__xss=5; fetch('" + beacon + "?s')</script> "
                'The South Korean trade minister said "<img src=x onerror=window.__xss=6> our cooperation '
                'with China will grow" after the talks. '
                "<svg><script>window.__xss=7</script><animate onbegin=\"window.__xss=8\"/></svg> "
                '<a href="javascript:window.__xss=9">details</a> <img src="' + beacon + '?img"> '
                "Officials said trade between the two countries reached 300 billion dollars last year."
            ),
        },
        {
            "title": "Zanzibarine envoy in Tokyo",
            "outlet": "Quiet Gazette",
            "url": 'https://example.org/a"><script>window.__xss=10</script>',
            "published": "2026-01-08",
            "text": (
                "Japan and China held talks in Tokyo on Thursday about fishing rights. "
                "<iframe src=\"javascript:window.__xss=11\"></iframe><object data=\"" + beacon + "?obj\"></object> "
                "The Japanese foreign minister said the zanzibarine talks were useful."
            ),
        },
    ]


@pytest.fixture(scope="session")
def listener() -> Iterator[Listener]:
    found, server = start_listener()
    yield found
    server.shutdown()


@pytest.fixture(scope="session")
def web_store(tmp_path_factory, listener) -> Path:
    """The example corpus and the hostile articles, ingested through the library."""
    import dyad

    folder = tmp_path_factory.mktemp("web-store")
    path = folder / "web.duckdb"
    hostile = folder / "hostile.jsonl"
    hostile.write_text("\n".join(json.dumps(r) for r in hostile_records(listener.port)) + "\n", encoding="utf-8")
    with dyad.open(path) as db:
        db.demo(report=folder / "report.md")
        report = db.ingest([str(hostile)])
    assert len(report.stored) == 2, report.summary()
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(store: Path, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """`dyad serve` on a free port, waited for until it answers (at most 60 s)."""
    port = free_port()
    with log.open("wb") as out:
        proc = subprocess.Popen([*DYAD, "--db", str(store), "serve", "--port", str(port)], stdout=out, stderr=out)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"dyad serve exited: {log.read_text()}")
        try:
            if httpx.get(base + "/-/versions.json", timeout=5).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError(f"dyad serve did not answer in 60 s: {log.read_text()}")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="session")
def server(web_store, tmp_path_factory) -> Iterator[str]:
    """The base URL of a real uvicorn server (`dyad serve`) on the web store."""
    proc, base = start_server(web_store, tmp_path_factory.mktemp("server") / "serve.log")
    yield base
    stop_server(proc)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright; skipped where it is not installed."""
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("/usr/bin/chromium is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory) -> Path:
    """Where the browser tests keep their screenshots (under pytest's temporary folder)."""
    folder = tmp_path_factory.mktemp("screenshots")
    return folder


def copy_store(source: Path, target: Path) -> Path:
    shutil.copy(source, target)
    return target
