"""`dyad serve` and `dyad ingest` on one store at once, as real processes: no request fails, and the
pages show the new documents afterwards."""

from __future__ import annotations

import subprocess
import time

import httpx
import pytest

from web_store import DYAD, copy_store, start_server, stop_server

pytestmark = pytest.mark.slow

# Invented articles; each carries a word found nowhere else, to look it up afterwards.
NEW_ARTICLES = {
    "quillfeather.txt": "Title: Quillfeather accord\n\nSouth Korea and China signed a quillfeather accord on "
                        "shipping in Busan on Tuesday, officials said.",
    "marrowby.txt": "Title: Marrowby protest\n\nJapan protested to China over a marrowby survey ship near its "
                    "islands on Wednesday, the foreign ministry in Tokyo said.",
    "tessaline.txt": "Title: Tessaline visit\n\nThe Indian prime minister visited Seoul on Thursday and met the "
                     "South Korean president to discuss tessaline trade.",
}
PAGES = ["/.json", "/events.json?sort=-date", "/search.json?q=accord", "/dyad/KOR-CHN.json", "/network.json",
         "/", "/events?root=04"]


def test_serve_and_ingest_share_one_store(web_store, tmp_path):
    store = copy_store(web_store, tmp_path / "shared.duckdb")
    folder = tmp_path / "incoming"
    folder.mkdir()
    for name, text in NEW_ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    server, base = start_server(store, tmp_path / "serve.log")
    try:
        with httpx.Client(base_url=base, timeout=90) as http:
            before = http.get("/.json").json()["store"]["documents"]
            ingest = subprocess.Popen([*DYAD, "--db", str(store), "-q", "ingest", str(folder)],
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            answered = []
            deadline = time.monotonic() + 300
            while ingest.poll() is None and time.monotonic() < deadline:  # read while the writer works
                for path in PAGES:
                    got = http.get(path)
                    answered.append((path, got.status_code))
                    assert got.status_code == 200, (path, got.status_code, got.text[:500])
            out, err = ingest.communicate(timeout=120)
            assert ingest.returncode == 0, err.decode()
            assert len(answered) >= len(PAGES), answered  # the pages were read while ingest ran
            print(f"{len(answered)} pages answered while ingest ran")
            assert http.get("/.json").json()["store"]["documents"] == before + 3
            for word in ("quillfeather", "marrowby", "tessaline"):
                hits = http.get("/search.json", params={"q": word}).json()["hits"]
                assert len(hits) == 1, word
                assert http.get(f"/document/{hits[0]['doc_id']}").status_code == 200
            latest = http.get("/events.json", params={"sort": "-date", "limit": 100}).json()["events"]
            assert any(r["doc"] in NEW_ARTICLES for r in latest)
    finally:
        stop_server(server)
    assert "Traceback" not in (tmp_path / "serve.log").read_text()
