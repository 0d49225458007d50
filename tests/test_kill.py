"""Crash safety: `dyad ingest` killed with SIGKILL at random moments leaves a whole store, and a re-run finishes it.

After every kill `dyad doctor` must pass; the run that finally completes must
leave the very rows a run that was never interrupted leaves (the ingest time
aside), with nothing stored twice. `make test` kills 3 times, `make fuzz`
(DYAD_FUZZ=full) 25 times; DYAD_KILLS overrides the count.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from dyad.examples import example_files
from dyad.run import WRITE_BATCH
from dyad.store import open_store
from dyad.store.schema import EXTRACTION_TABLES

KILLS = int(os.environ.get("DYAD_KILLS", 25 if os.environ.get("DYAD_FUZZ") == "full" else 3))
SEED = int(os.environ.get("DYAD_KILL_SEED", "16"))


def corpus(folder: Path) -> Path:
    """The example articles whole, and each of their paragraphs as a document of its own: many write batches."""
    folder.mkdir()
    for path in example_files():
        text = path.read_text(encoding="utf-8")
        (folder / path.name).write_text(text, encoding="utf-8")
        body = text.split("---", 2)[-1]
        for k, para in enumerate(p for p in body.split("\n\n") if len(p.split()) > 12):
            (folder / f"{path.stem}-p{k:02d}.txt").write_text(para.strip() + "\n", encoding="utf-8")
    return folder


def dyad(db: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "dyad", "--db", str(db), "-q", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def run(db: Path, *args: str) -> tuple[int, str]:
    proc = dyad(db, *args)
    out, err = proc.communicate(timeout=900)
    return proc.returncode, out + err


def rows(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table, row for row, the ingest time aside."""
    with open_store(db, read_only=True) as store, store.reading() as con:
        out = {"documents": con.execute("SELECT * EXCLUDE (ingested_at) FROM documents ORDER BY id").fetchall(),
               "doc_minhash": con.execute("SELECT * FROM doc_minhash ORDER BY doc_id").fetchall(),
               "failures": con.execute("SELECT doc_id FROM failures").fetchall()}
        for table in EXTRACTION_TABLES:
            out[table] = con.execute(f"SELECT * FROM {table} ORDER BY doc_id, idx").fetchall()
    return out


@pytest.mark.slow
def test_sigkill_at_random_moments_never_breaks_the_store(tmp_path: Path) -> None:
    inputs = str(corpus(tmp_path / "corpus"))
    clean = tmp_path / "clean.duckdb"
    began = time.monotonic()
    code, output = run(clean, "ingest", inputs)
    assert code == 0, output
    whole = time.monotonic() - began
    expected = rows(clean)
    assert len(expected["documents"]) > 3 * WRITE_BATCH, "the corpus should need several write batches"

    killed = tmp_path / "killed.duckdb"
    chance = random.Random(SEED)
    kills = 0
    while kills < KILLS:
        proc = dyad(killed, "ingest", inputs)
        time.sleep(chance.uniform(0.2, 1.1) * whole)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
        proc.communicate()
        if not killed.exists():
            continue  # killed before it created the store: nothing to check
        code, output = run(killed, "doctor")
        assert code == 0, f"after kill {kills}: {output}"
        if proc.returncode == 0:  # it finished before the kill: start again on a fresh store
            killed.unlink()
    code, output = run(killed, "ingest", inputs)
    assert code == 0, output
    assert rows(killed) == expected
