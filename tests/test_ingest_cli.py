"""`dyad ingest` end to end: formats, stdin, manifest, URLs, near-copies, bad input (real extraction, short texts)."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from dyad.present.cli import main
from dyad.store import open_store

ONE = (
    "Valdoria and Kestrel signed a grain agreement in Amsel on Monday. "
    "The deal lets Kestrel buy two million tonnes of wheat over three years."
)
TWO = (
    "Kestrel recalled its ambassador from Valdoria on Friday after a shooting at the border post of Tarn. "
    "The foreign ministry in Kestrel said the envoy would stay home until an inquiry ends."
)
THREE = "Valdoria's parliament approved a new defence budget on Wednesday, raising spending by a tenth."


def ingest(tmp_path: Path, *args: str, input: str | bytes | None = None, env: dict | None = None) -> Result:
    runner = CliRunner()
    return runner.invoke(main, ["--db", str(tmp_path / "store.duckdb"), "ingest", *args], input=input, env=env)


def documents(tmp_path: Path) -> list[dict]:
    with open_store(tmp_path / "store.duckdb") as store:
        return store.query("SELECT * FROM documents ORDER BY ingested_at, id")


def test_every_format_goes_in_and_reingest_is_a_no_op(tmp_path: Path):
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "one.txt").write_text(ONE, encoding="utf-8")
    (corpus / "sub" / "two.md").write_text(
        f"---\ntitle: Kestrel recalls envoy\noutlet: Tarn Times\npublished: 2025-04-04\n---\n{TWO}\n", encoding="utf-8"
    )
    (corpus / "three.html").write_text(
        f"<html><head><meta property='og:site_name' content='Amsel Herald'></head><body><article><p>{THREE}</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    (corpus / "more.jsonl").write_text(
        json.dumps({"text": "Kestrel and Valdoria agreed on Sunday to reopen the Tarn crossing to trucks.",
                    "outlet": "Wire One", "published": "2025-04-06 08:00:00Z"}) + "\n",
        encoding="utf-8",
    )
    first = ingest(tmp_path, str(corpus))
    assert first.exit_code == 0, first.output
    assert "stored 4 new document(s), 0 already stored, 0 near-copies, 0 failed" in first.stderr
    rows = documents(tmp_path)
    assert {r["outlet"] for r in rows} == {None, "Tarn Times", "Amsel Herald", "Wire One"}
    with open_store(tmp_path / "store.duckdb") as store:
        assert store.count("sentences") >= 5 and store.count("doc_minhash") == 4
    again = ingest(tmp_path, str(corpus))
    assert again.exit_code == 0
    assert "stored 0 new document(s), 4 already stored" in again.stderr
    assert len(documents(tmp_path)) == 4


def test_stdin_text_and_html(tmp_path: Path):
    result = ingest(tmp_path, "-", input=ONE + "\n")
    assert result.exit_code == 0, result.output
    html = f"<!doctype html><html><body><article><p>{TWO}</p></article></body></html>"
    assert ingest(tmp_path, "-", input=html).exit_code == 0
    rows = documents(tmp_path)
    assert [r["source"] for r in rows] == ["-", "-"]
    assert rows[0]["text"] == ONE and "<p>" not in rows[1]["text"]


def test_quiet_prints_no_summary(tmp_path: Path):
    (tmp_path / "one.txt").write_text(ONE, encoding="utf-8")
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "store.duckdb"), "-q", "ingest", str(tmp_path / "one.txt")])
    assert result.exit_code == 0 and result.stderr == ""


def test_no_inputs_is_a_usage_error(tmp_path: Path):
    assert ingest(tmp_path).exit_code == 2


def test_shared_seeds_with_manifest(tmp_path: Path, shared_seeds: Path):
    manifest = shared_seeds.parent / "seeds.manifest.jsonl"
    first = ingest(tmp_path, str(shared_seeds), "--manifest", str(manifest))
    assert first.exit_code == 0, first.output
    assert "stored 5 new document(s)" in first.stderr
    published = {json.loads(line)["file"].split("/")[-1]: json.loads(line)["published"] for line in manifest.read_text().splitlines()}
    rows = documents(tmp_path)
    assert {r["source_name"]: r["published"].isoformat() for r in rows} == published
    again = ingest(tmp_path, str(shared_seeds), "--manifest", str(manifest))
    assert again.exit_code == 0 and "stored 0 new document(s), 5 already stored" in again.stderr


# A wire story, and the same story republished by another site with a new first line and two words changed.
WIRE = (
    "Valdoria and Kestrel agreed on Tuesday to open a second rail link across the Tarn river, "
    "ending a dispute over the route that had stalled trade talks for most of the year. "
    "The transport ministers of the two countries signed the agreement in Amsel after a night of talks, "
    "and both said the first freight trains could run within eighteen months. "
    "Under the deal Valdoria will pay for the bridge and Kestrel will build the stations on its side of the border. "
    "Farmers in the border districts have long complained that their grain waits for weeks at the only crossing, "
    "and a farmers' union welcomed the agreement as overdue. "
    "Officials said the cost of the project had not been settled and would be discussed at a meeting in the spring."
)
REPUBLISHED = (
    "From our partners at the Tarn Wire\n\n"
    + WIRE.replace("a night of talks", "a long night of talks").replace("farmers' union", "regional farmers' union")
)
UNRELATED = "Kestrel's central bank raised its main interest rate by half a point on Thursday to slow inflation."


def test_near_copy_linked_to_the_first_copy_across_runs(tmp_path: Path):
    (tmp_path / "wire.txt").write_text(WIRE, encoding="utf-8")
    (tmp_path / "copy.txt").write_text(REPUBLISHED, encoding="utf-8")
    (tmp_path / "other.txt").write_text(UNRELATED, encoding="utf-8")
    assert ingest(tmp_path, str(tmp_path / "wire.txt")).exit_code == 0
    result = ingest(tmp_path, str(tmp_path / "copy.txt"), str(tmp_path / "other.txt"))
    assert result.exit_code == 0
    assert "stored 2 new document(s), 0 already stored, 1 near-copies, 0 failed" in result.stderr
    wire, copy, other = documents(tmp_path)
    assert wire["near_copy_of"] is None and other["near_copy_of"] is None
    assert copy["near_copy_of"] == wire["id"] and copy["id"] != wire["id"]
    assert 0.8 <= copy["near_copy_score"] < 1.0


def test_near_copy_within_one_run_and_threshold_setting(tmp_path: Path):
    for name, text in (("a.txt", WIRE), ("b.txt", REPUBLISHED)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = ingest(tmp_path, str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), env={"DYAD_NEAR_COPY_THRESHOLD": "0.99"})
    assert "0 near-copies" in result.stderr  # a strict threshold: two different documents
    (tmp_path / "store.duckdb").unlink()
    result = ingest(tmp_path, str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert "1 near-copies" in result.stderr
    first, second = documents(tmp_path)
    assert second["near_copy_of"] == first["id"]


# -- URLs ---------------------------------------------------------------------------------------

PAGE = (
    "<!doctype html><html lang='en'><head><title>Grain deal</title>"
    "<meta property='article:published_time' content='2025-05-02T10:00:00Z'></head>"
    f"<body><nav>Home | World | Sport</nav><article><h1>Grain deal signed</h1><p>{ONE}</p></article></body></html>"
)


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if self.path == "/slow":  # answers nothing until the client has given up
            time.sleep(2)
            return
        if self.path == "/grain":
            body = PAGE.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_error(404, "Not Found")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_urls_good_missing_and_refused(tmp_path: Path, server: str):
    refused = f"http://127.0.0.1:{free_port()}/grain"
    result = ingest(tmp_path, f"{server}/grain", f"{server}/missing", refused)
    assert result.exit_code == 1
    assert f"dyad: {server}/missing: HTTP 404 Not Found" in result.stderr
    assert f"dyad: {refused}: connection refused" in result.stderr
    assert "stored 1 new document(s), 0 already stored, 0 near-copies, 2 failed" in result.stderr
    (row,) = documents(tmp_path)
    assert row["source"] == f"{server}/grain" and row["published"].isoformat() == "2025-05-02"
    assert ONE in row["text"] and "Sport" not in row["text"]


def test_url_timeout(tmp_path: Path, server: str):
    result = ingest(tmp_path, f"{server}/slow", env={"DYAD_URL_TIMEOUT": "0.3"})
    assert result.exit_code == 1
    assert f"dyad: {server}/slow: timed out" in result.stderr


def test_url_over_the_size_limit(tmp_path: Path, server: str):
    result = ingest(tmp_path, f"{server}/grain", env={"DYAD_MAX_BYTES": "100"})
    assert result.exit_code == 1 and "too large" in result.stderr


# -- bad input ------------------------------------------------------------------------------------


def _snapshot(tmp_path: Path, ids: list[str]) -> dict[str, list]:
    marks = ", ".join("?" * len(ids))
    with open_store(tmp_path / "store.duckdb") as store:
        return {
            table: store.query(f"SELECT * FROM {table} WHERE {key} IN ({marks}) ORDER BY ALL", ids)
            for table, key in (("documents", "id"), ("sentences", "doc_id"), ("entities", "doc_id"),
                               ("doc_minhash", "doc_id"))
        }


def test_bad_inputs_are_named_others_go_in_and_stored_rows_stay(tmp_path: Path):
    (tmp_path / "one.txt").write_text(ONE, encoding="utf-8")
    (tmp_path / "two.txt").write_text(TWO, encoding="utf-8")
    assert ingest(tmp_path, str(tmp_path / "one.txt"), str(tmp_path / "two.txt")).exit_code == 0
    before_ids = [r["id"] for r in documents(tmp_path)]
    before = _snapshot(tmp_path, before_ids)

    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_text("  \n\n", encoding="utf-8")
    (bad / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    (bad / "latin.txt").write_bytes("Die Gespräche in Amsel gingen weiter.".encode("latin-1"))
    (bad / "huge.txt").write_text("Valdoria " * 400, encoding="utf-8")
    (bad / "records.jsonl").write_text(
        json.dumps({"text": THREE}) + "\n{broken\n" + json.dumps({"text": ONE}) + "\n", encoding="utf-8"
    )
    sock_path = tmp_path / "s.sock"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(sock_path))
    try:
        refused = f"http://127.0.0.1:{free_port()}/"
        result = ingest(
            tmp_path,
            str(bad),
            str(bad / "image.png"),  # a folder walk passes over images; named on its own, it is tried
            str(tmp_path / "nowhere.txt"),
            str(sock_path),
            refused,
            env={"DYAD_MAX_BYTES": "2000"},
        )
    finally:
        sock.close()

    assert result.exit_code == 1
    errors = sorted(line for line in result.stderr.splitlines() if line.startswith("dyad: "))
    expected = sorted([
        f"dyad: {bad / 'empty.txt'}: empty",
        f"dyad: {bad / 'image.png'}: binary file",
        f"dyad: {bad / 'huge.txt'}: too large (3600 bytes > 2000)",
        f"dyad: {bad / 'records.jsonl'}:2: broken JSON line (Expecting property name enclosed in double quotes: "
        "line 1 column 2 (char 1))",
        f"dyad: {tmp_path / 'nowhere.txt'}: no such file or directory",
        f"dyad: {sock_path}: a socket, not a regular file; not read",
        f"dyad: {refused}: connection refused",
    ])
    assert errors == expected
    # the good record of the JSONL file and the Latin-1 file went in; a copy of an earlier text is not
    # stored twice
    assert "stored 2 new document(s), 1 already stored, 0 near-copies, 7 failed" in result.stderr
    assert _snapshot(tmp_path, before_ids) == before
    assert len(documents(tmp_path)) == 4
