"""`dyad watch` against real feeds served on 127.0.0.1: new items ingested once, a feed that is down
or malformed does not stop a round, and an alert fires when the news turns a dyad from cooperation
to conflict. The articles are our own sentences."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from click.testing import CliRunner

from dyad.ingest.feeds import read_feed
from dyad.present.cli import main
from dyad.settings import Settings
from dyad.store import open_store

COOPERATION = [
    ("2025-01-01", "Trade pact", "China and the United States signed a new trade agreement in Beijing."),
    ("2025-01-02", "Minister thanks Washington", "The Chinese foreign minister praised the United States for its help."),
    ("2025-01-03", "Joint statement", "China and the United States signed a climate agreement in Washington."),
]
CONFLICT = [
    ("2025-01-12", "New sanctions", "The United States imposed new sanctions on China."),
    ("2025-01-13", "Diplomats expelled", "China expelled two American diplomats on Monday."),
    ("2025-01-14", "Harsh words", "China condemned the United States and imposed sanctions on American firms."),
]


def rss(items: list[tuple[str, str, str]]) -> bytes:
    import datetime as dt

    entries = "".join(
        f"<item><title>{escape(title)}</title><link>http://example.invalid/{i}</link>"
        f"<guid>story-{day}</guid><pubDate>{format_datetime(dt.datetime.fromisoformat(day + 'T09:00:00+00:00'))}</pubDate>"
        f"<author>desk@example.invalid (Desk)</author><category>World</category>"
        f"<description>{escape('<p>' + text + '</p>')}</description></item>"
        for i, (day, title, text) in enumerate(items)
    )
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>'
            f"<link>http://example.invalid/</link>{entries}</channel></rss>").encode()


def atom(items: list[tuple[str, str, str]]) -> bytes:
    entries = "".join(
        f"<entry><id>urn:test:{day}</id><title>{escape(title)}</title><updated>{day}T10:00:00Z</updated>"
        f'<content type="html">{escape("<p>" + text + "</p>")}</content></entry>'
        for day, title, text in items
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Test Atom</title><id>urn:test</id><updated>2025-01-14T10:00:00Z</updated>{entries}</feed>").encode()


class Feeds:
    """What the test server answers, changed by the test between rounds."""

    def __init__(self) -> None:
        self.pages: dict[str, bytes] = {}


@pytest.fixture
def server() -> Iterator[tuple[str, Feeds]]:
    feeds = Feeds()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            body = feeds.pages.get(self.path)
            if body is None:
                self.send_response(404)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", feeds
    httpd.shutdown()
    httpd.server_close()


def test_a_feed_entry_becomes_a_text_with_its_metadata(tmp_path: Path):
    path = tmp_path / "wire.rss"
    path.write_bytes(rss(COOPERATION[:1]))
    feed = read_feed(str(path), Settings())
    assert feed.error is None and feed.title == "Test Wire"
    raw = feed.entries[0].raw
    assert not isinstance(raw, Exception) and hasattr(raw, "meta")
    assert raw.text == COOPERATION[0][2]  # the HTML of the description as plain text
    assert raw.meta.ref == "story-2025-01-01" and raw.meta.title == "Trade pact"
    assert raw.meta.published is not None and raw.meta.published.isoformat() == "2025-01-01"
    assert raw.meta.outlet == "Test Wire" and raw.meta.keywords == ("World",)
    assert read_feed(str(path), Settings(), seen=frozenset({"story-2025-01-01"})).entries == []


def test_a_malformed_or_missing_feed_is_one_error(tmp_path: Path):
    broken = tmp_path / "broken.xml"
    broken.write_text("<rss><channel><item><title>unclosed", encoding="utf-8")
    assert "malformed feed" in read_feed(str(broken), Settings()).error.problem  # type: ignore[union-attr]
    missing = read_feed("http://127.0.0.1:9/none.xml", Settings(url_timeout=1))
    assert missing.error is not None and "not reachable" in missing.error.problem


def _watch(tmp_path: Path, *sources: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        main,
        ["--db", str(tmp_path / "w.duckdb"), "--config", str(tmp_path / "dyad.toml"), "watch", *sources, "--once",
         "--alerts-file", str(tmp_path / "alerts.jsonl"), "--alert-command", f"cat >> {tmp_path / 'hook.jsonl'}"],
    )
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.slow
def test_watch_ingests_once_survives_bad_feeds_and_alerts_on_a_turn(tmp_path: Path, server: tuple[str, Feeds]):
    base, feeds = server
    (tmp_path / "dyad.toml").write_text(
        "[dyad]\n"
        "[[dyad.alerts]]\nkind = \"goldstein_shift\"\ndyad = \"USA-CHN\"\nwindow_days = 7\nthreshold = 3\n"
        "min_events = 2\n"
        "[[dyad.alerts]]\nkind = \"new_story\"\ndyad = \"CHN-USA\"\n",
        encoding="utf-8",
    )
    feeds.pages["/wire.rss"] = rss(COOPERATION)
    feeds.pages["/broken.xml"] = b"<rss><channel><item><title>never closed"
    sources = (f"{base}/wire.rss", f"{base}/broken.xml", "http://127.0.0.1:9/down.xml")

    code, out, err = _watch(tmp_path, *sources)
    assert code == 0, err
    assert "malformed feed" in err and "down.xml" in err and "not reachable" in err
    assert "stored 3 new document(s)" in err
    assert "goldstein_shift" not in out  # one window only: nothing to compare yet
    assert "ALERT new_story" in out

    feeds.pages["/wire.rss"] = rss(COOPERATION + CONFLICT[:2])
    feeds.pages["/more.atom"] = atom(CONFLICT[2:])
    code, out, err = _watch(tmp_path, *sources, f"{base}/more.atom")
    assert code == 0, err
    assert "stored 3 new document(s)" in err and "3 item(s) seen before" not in err
    shift = [line for line in out.splitlines() if line.startswith("ALERT goldstein_shift")]
    assert len(shift) == 1 and "cooling" in shift[0] and "USA-CHN" in shift[0]

    written = [json.loads(line) for line in (tmp_path / "alerts.jsonl").read_text(encoding="utf-8").splitlines()]
    hooked = [json.loads(line) for line in (tmp_path / "hook.jsonl").read_text(encoding="utf-8").splitlines()]
    assert written == hooked
    turn = next(a for a in written if a["kind"] == "goldstein_shift")
    assert turn["details"]["previous_mean"] > 0 > turn["details"]["recent_mean"]

    code, out, err = _watch(tmp_path, *sources, f"{base}/more.atom")  # nothing new: nothing ingested, no alert
    assert code == 0 and "stored 0 new document(s), 0 already stored" in err and "ALERT" not in out
    with open_store(tmp_path / "w.duckdb", read_only=True) as store:
        assert store.count("documents") == 6
        refs = {r["ref"] for r in store.query("SELECT ref FROM documents")}
        assert "story-2025-01-01" in refs and "urn:test:2025-01-14" in refs


@pytest.mark.slow
def test_watch_takes_a_folder_and_a_jsonl_drop_once(tmp_path: Path):
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "one.txt").write_text(COOPERATION[0][2] + "\n", encoding="utf-8")
    (tmp_path / "dyad.toml").write_text("[dyad]\n", encoding="utf-8")
    code, _, err = _watch(tmp_path, str(drop))
    assert code == 0 and "stored 1 new document(s)" in err
    lines = [json.dumps({"id": f"w{i}", "text": text, "published": day}) for i, (day, _, text) in enumerate(CONFLICT)]
    (drop / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = _watch(tmp_path, str(drop))
    assert code == 0 and "stored 3 new document(s)" in err and "1 item(s) seen before" in err
    code, _, err = _watch(tmp_path, str(drop))
    assert code == 0 and "stored 0 new document(s)" in err and "2 item(s) seen before" in err
