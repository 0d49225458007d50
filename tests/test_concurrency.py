"""Several processes on one store: real `dyad` processes ingesting and listing at once.

Readers open the file read-only for one operation, the writer holds it for one
write batch, and whoever meets the other's lock waits (dyad.store.lock). No
process may fail, print a lock error or a traceback, or store a document twice.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from dyad.records import DocExtraction, Document
from dyad.store import open_store

STATES = ["Norway", "Kenya", "Brazil", "Japan", "Chile", "Ghana", "Peru", "Egypt", "Nepal", "Spain"]
VERBS = ["met officials from", "signed a trade pact with", "criticised", "sent aid to", "held talks with"]
# what would mean a reader or writer did not wait its turn
LOCK_ERRORS = ("Could not set lock", "Conflicting lock", "Traceback", "IO Error", "different configuration")


def corpus(folder: Path, numbers: range) -> Path:
    """Short documents of our own, one per number (the same number gives the same text)."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in numbers:
        a, b = STATES[n % len(STATES)], STATES[(n // len(STATES) + n + 1) % len(STATES)]
        text = (f"{a} {VERBS[n % len(VERBS)]} {b} on Monday, report number {n}. "
                f"The minister of {a} said the two states would meet again in {2030 + n % 7}.")
        (folder / f"doc{n:03d}.txt").write_text(text, encoding="utf-8")
    return folder


def dyad(db: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "dyad", "--db", str(db), "-q", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})})


def finish(proc: subprocess.Popen[str], timeout: float = 600) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, out, err


def assert_clean(results: list[tuple[int, str, str]]) -> None:
    for code, _, err in results:
        assert code == 0, err
        assert not any(e in err for e in LOCK_ERRORS), err


def ids(db: Path) -> list[str]:
    with open_store(db, read_only=True) as store:
        return [r["id"] for r in store.query("SELECT id FROM documents")]


@pytest.mark.slow
def test_two_ingests_at_once_both_finish_and_store_nothing_twice(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    first = corpus(tmp_path / "a", range(0, 40))
    second = corpus(tmp_path / "b", range(20, 60))  # half of it is the first one's too
    runs = [dyad(db, "ingest", str(first)), dyad(db, "ingest", str(second))]
    assert_clean([finish(p) for p in runs])
    stored = ids(db)
    assert len(stored) == len(set(stored)) == 60
    assert_clean([finish(dyad(db, "doctor"))])


@pytest.mark.slow
def test_readers_in_a_loop_during_an_ingest_never_fail(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    assert_clean([finish(dyad(db, "ingest", str(corpus(tmp_path / "start", range(0, 2)))))])
    writer = dyad(db, "ingest", str(corpus(tmp_path / "more", range(2, 60))))
    results: list[tuple[int, str, str]] = []
    commands = [["summary", "--json"], ["events", "--json", "--limit", "5"], ["actors", "--json"]]

    def read_while_writing(offset: int) -> None:
        k = offset
        while writer.poll() is None:
            results.append(finish(dyad(db, *commands[k % len(commands)])))
            k += 1

    readers = [threading.Thread(target=read_while_writing, args=(k,)) for k in range(2)]
    for r in readers:
        r.start()
    for r in readers:
        r.join()
    assert_clean([finish(writer)])
    assert len(results) >= 2, "the ingest ended before any reader ran"
    assert_clean(results)
    assert len(ids(db)) == 60


@pytest.mark.slow
def test_two_readers_at_once(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    assert_clean([finish(dyad(db, "ingest", str(corpus(tmp_path / "c", range(0, 5)))))])
    for _ in range(3):
        pair = [dyad(db, "summary", "--json"), dyad(db, "events", "--json")]
        assert_clean([finish(p) for p in pair])


HOLD = """import duckdb, os, sys, time
con = duckdb.connect(sys.argv[1])
print("holding", flush=True)
end = time.monotonic() + 120
while not os.path.exists(sys.argv[2]) and time.monotonic() < end:
    time.sleep(0.05)
con.close()
"""


def hold(db: Path, release: Path) -> subprocess.Popen[str]:
    """Another process that keeps the store open for writing (as a DuckDB shell would) until `release` exists."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(db), str(release)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"
    return proc


def test_a_writer_waits_for_the_other_process_and_says_so_once(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with open_store(db):
        pass  # created and migrated
    text = corpus(tmp_path / "c", range(1))
    holder = hold(db, tmp_path / "release")
    ingest = dyad(db, "ingest", str(text), env={"DYAD_PIPELINE": "sentences"})
    assert ingest.stderr is not None
    first = ingest.stderr.readline()  # the ingest meets the lock and says, once, that it waits
    (tmp_path / "release").touch()
    holder.wait()
    code, _, rest = finish(ingest, 120)
    assert code == 0, first + rest
    assert "waiting for it" in first and f"process {holder.pid}" in first, first
    assert "waiting" not in rest and ids(db)


def test_a_reader_waits_too_and_gives_up_with_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with open_store(db):
        pass
    holder = hold(db, tmp_path / "release")
    try:
        code, _, err = finish(dyad(db, "summary", env={"DYAD_LOCK_WAIT": "1.5"}), 60)
    finally:
        (tmp_path / "release").touch()
        holder.wait()
    assert code == 1
    assert "DY110" in err and f"process {holder.pid}" in err and "Traceback" not in err


def test_threads_of_one_process_read_while_another_thread_writes(tmp_path: Path) -> None:
    """What a web server in the ingesting process would do: no thread sees a lock error."""
    db = tmp_path / "s.duckdb"
    writer = open_store(db)
    reader = open_store(db, read_only=True)
    errors: list[BaseException] = []
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            try:
                reader.rows("SELECT count(*) AS n FROM documents")
            except BaseException as exc:  # noqa: BLE001 - any failure is what the test looks for
                errors.append(exc)
                return

    threads = [threading.Thread(target=read) for _ in range(3)]
    for t in threads:
        t.start()
    for n in range(20):
        doc = Document(id=f"t{n}", text=f"Text number {n}.")
        assert writer.write(doc, DocExtraction(doc_id=doc.id, model="test"))
        time.sleep(0.01)
    done.set()
    for t in threads:
        t.join()
    assert not errors, errors
    assert reader.count("documents") == 20


def test_a_file_another_process_is_creating_is_waited_for_briefly(tmp_path: Path) -> None:
    """A store file whose header another process has not written yet is no refusal: once it is a
    store, the connection opens; a file that stays no store is still refused."""
    import duckdb

    from dyad.store.lock import connect_waiting

    path = tmp_path / "young.duckdb"
    path.write_bytes(b"\0" * 100)  # what a half-created file looks like to another process

    def finish() -> None:
        time.sleep(0.3)
        path.unlink()
        duckdb.connect(str(path)).close()

    maker = threading.Thread(target=finish)
    maker.start()
    con = connect_waiting(str(path), False, 30.0, lambda line: None)
    maker.join()
    assert con.execute("SELECT 42").fetchone() == (42,)
    con.close()

    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"not a database at all" * 10)
    with pytest.raises(duckdb.Error, match="not a valid DuckDB"):
        connect_waiting(str(junk), False, 30.0, lambda line: None)
