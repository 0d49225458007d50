"""What the benchmark scripts share: the corpus, the machine, peak memory, BENCHMARKS.md."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]
VOA = ROOT.parent / "shared" / "corpus" / "voa" / "voa_stories.jsonl"
BENCHMARKS = ROOT / "BENCHMARKS.md"

sys.path.insert(0, str(ROOT / "src"))


# -- the corpus ---------------------------------------------------------------------


def corpus_path(given: str | None) -> Path | None:
    """The corpus to use: the given JSONL/Parquet file, else the VOA stories next to the repo."""
    path = Path(given) if given else VOA
    return path if path.is_file() else None


def read_stories(path: Path) -> list[dict[str, Any]]:
    """Stories (id, text, title, published) from a JSONL or Parquet file: one copy, not the repeats."""
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        rows = pq.read_table(path).to_pylist()
    else:
        with path.open(encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh if line.strip()]
    return [r for r in rows if (r.get("text") or "").strip()]


def take_words(stories: list[dict[str, Any]], words: int | None) -> list[dict[str, Any]]:
    """The first stories holding at least `words` words (all of them when None)."""
    if not words:
        return stories
    out, n = [], 0
    for s in stories:
        if n >= words:
            break
        out.append(s)
        n += len(s["text"].split())
    return out


def story_words(stories: list[dict[str, Any]]) -> int:
    return sum(len(s["text"].split()) for s in stories)


def repeats_for(stories: list[dict[str, Any]], min_words: int) -> int:
    return max(1, -(-min_words // max(1, story_words(stories))))


def documents(stories: list[dict[str, Any]], repeats: int) -> Iterator:
    """The stories `repeats` times over, each copy its own document id, produced lazily."""
    from dyad.ingest.normalize import normalize_text
    from dyad.records import Document

    for k in range(repeats):
        for i, s in enumerate(stories):
            published = str(s.get("published") or "")[:10]
            yield Document(
                id=f"{s.get('id', i)}-{k}",
                text=normalize_text(s["text"]),
                title=s.get("title"),
                published=dt.date.fromisoformat(published) if re.fullmatch(r"\d{4}-\d\d-\d\d", published) else None,
                source=f"bench/{s.get('id', i)}-{k}",
            )


# -- the machine ----------------------------------------------------------------------


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine() -> str:
    """One paragraph naming the machine and the software the figures came from."""
    import spacy

    from dyad.extract.common.nlp import load_pipeline, pipeline_name
    from dyad.settings import load_settings

    nlp = load_pipeline(tuple(load_settings().models))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"Machine: {cpu_model()}, {os.cpu_count()} cores, "
        f"{psutil.virtual_memory().total / 2**30:.1f} GiB RAM; Python {platform.python_version()}, "
        f"spaCy {spacy.__version__}, model {pipeline_name(nlp)} ({', '.join(nlp.pipe_names)}); "
        f"run {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, load average at start {load:.1f}."
    )


# -- peak memory ----------------------------------------------------------------------


class PeakRSS:
    """Samples the resident memory of this process and all its children; keeps the peak of the sum."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        me = psutil.Process()
        total = me.memory_info().rss
        for child in me.children(recursive=True):
            try:
                total += child.memory_info().rss
            except psutil.Error:
                pass
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._sample())


def run_child(script: Path, config: dict[str, Any], timeout: float | None = None) -> dict[str, Any]:
    """Run one configuration in a fresh interpreter (so its peak memory is its own); its last line is JSON."""
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, str(script), "--child", json.dumps(config)],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{config}: exit {proc.returncode}\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["wall_with_startup_s"] = time.perf_counter() - t0
    return result


# -- BENCHMARKS.md --------------------------------------------------------------------------

HEADER = """# Benchmarks

Figures written by `make bench` (bench/throughput.py, bench/scaling.py,
bench/query.py, bench/extract_linear.py). Each script replaces its own section. Compare figures as
ratios within one section: they come from one run on one machine, and the
machine may have been shared with other work (see the load average).
"""


def write_section(name: str, body: str) -> None:
    """Replace (or add) the section between this script's markers."""
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    text = BENCHMARKS.read_text(encoding="utf-8") if BENCHMARKS.exists() else HEADER
    block = f"{start}\n{body.strip()}\n{end}"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block + "\n"
    BENCHMARKS.write_text(text, encoding="utf-8")


def table(header: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def mib(n: float) -> str:
    return f"{n / 2**20:,.0f}"
