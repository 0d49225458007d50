"""The web server's reads share one connection, and a writer in another process still gets the file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb

from dyad.store.lock import connect_waiting
from dyad.store.shared import SharedReader, writer_marker

WRITER = """
import sys
from dyad.store.lock import connect_waiting
con = connect_waiting(sys.argv[1], False, 60.0, lambda line: None)
con.execute("INSERT INTO t VALUES (2)")
con.close()
"""


def _store(tmp_path: Path) -> str:
    path = str(tmp_path / "s.duckdb")
    con = duckdb.connect(path)
    con.execute("CREATE TABLE t (x INTEGER)")
    con.execute("INSERT INTO t VALUES (1)")
    con.close()
    return path


def test_reads_share_one_connection_until_idle(tmp_path: Path) -> None:
    path = _store(tmp_path)
    opened: list[int] = []

    def open_read() -> duckdb.DuckDBPyConnection:
        opened.append(1)
        return duckdb.connect(path, read_only=True)

    reader = SharedReader(path, idle=60.0)
    for _ in range(3):
        with reader.connection(open_read) as con:
            assert con.execute("SELECT count(*) FROM t").fetchone() == (1,)
    assert len(opened) == 1
    reader.close()


def test_a_writer_in_another_process_gets_the_file_and_the_next_read_sees_its_row(tmp_path: Path) -> None:
    path = _store(tmp_path)
    reader = SharedReader(path, idle=60.0)

    def open_read() -> duckdb.DuckDBPyConnection:
        return connect_waiting(path, True, 60.0, lambda line: None)

    with reader.connection(open_read) as con:
        assert con.execute("SELECT count(*) FROM t").fetchone() == (1,)
    # the shared connection is open and idle: the writer leaves its marker, the reader lets go
    done = subprocess.run([sys.executable, "-c", WRITER, path], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert not Path(writer_marker(path)).exists()
    with reader.connection(open_read) as con:
        assert con.execute("SELECT count(*) FROM t").fetchone() == (2,)
    reader.close()


def test_while_a_writer_waits_reads_use_their_own_connection(tmp_path: Path) -> None:
    path = _store(tmp_path)
    reader = SharedReader(path, idle=60.0)
    Path(writer_marker(path)).touch()
    with reader.connection(lambda: duckdb.connect(path, read_only=True)) as con:
        assert con.execute("SELECT count(*) FROM t").fetchone() == (1,)
    assert reader._con is None  # nothing kept open for the writer to wait on


def test_a_marker_left_by_a_writer_that_died_is_ignored(tmp_path: Path) -> None:
    import os
    import time

    path = _store(tmp_path)
    reader = SharedReader(path, idle=60.0)
    marker = Path(writer_marker(path))
    marker.touch()
    assert reader.writer_waiting()
    old = time.time() - 600
    os.utime(marker, (old, old))
    assert not reader.writer_waiting()
    with reader.connection(lambda: duckdb.connect(path, read_only=True)):
        pass
    assert reader._con is not None  # shared again
    reader.close()
