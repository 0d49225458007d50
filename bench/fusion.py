"""Fusion at scale: listing latency over a generated store, and the cost of fusing new documents.

    python bench/fusion.py [--docs 100000] [--store /tmp/dyad-bench/store-100k.duckdb] [--runs 10]

1. Builds (once; the file is reused) a store of `--docs` generated documents with
   `bench/generate_fusion_store.py`: extractions written through the store's bulk path, then fused.
2. Times what an analyst runs on it, through the library the CLI calls: `stories`, `figures`,
   `contradictions`, `sources` (the first 50 rows each, as the commands print), `events --limit 50`,
   and a Markdown brief of the busiest dyad. Goal: each well under a second.
3. Copies the store, adds 1,000 new generated documents through the bulk path, 32 at a time, and
   fuses them 256 at a time, as `dyad ingest` does (`dyad.fuse.update.fuse_documents`, then
   one actor resolution); compares that with the time extraction takes for 1,000 documents of the
   same length (VOA stories through the real pipeline, measured here). Goal: fusion under 10% of it.
4. Checks that the fused copy agrees with its sources (`dyad fuse --check`).

Writes the "fusion" section of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _common import VOA, machine, read_stories, table, write_section
from dyad.run import FUSE_BATCH, WRITE_BATCH  # written and fused at a time, as dyad ingest does
from generate_fusion_store import World, generate, new_documents, write_batch

NEW_DOCS = 1000


def latency(fn: Callable[[], Any], runs: int) -> tuple[float, float, float]:
    """(first, median, worst) milliseconds of `fn`."""
    t = time.perf_counter()
    fn()
    first = (time.perf_counter() - t) * 1000
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return first, statistics.median(times), max(times)


def queries(db: Any, dyad: str, out: Path) -> dict[str, Callable[[], Any]]:
    return {
        "dyad stories (first 50)": lambda: db.stories(limit=50),
        f"dyad stories --dyad {dyad}": lambda: db.stories(dyad, limit=50),
        "dyad figures (first 50)": lambda: db.figures(limit=50),
        "dyad contradictions (first 50)": lambda: db.contradictions(limit=50),
        "dyad sources": lambda: db.sources(),
        f"dyad sources --dyad {dyad}": lambda: db.sources(dyad),
        "dyad events --limit 50": lambda: db.events(limit=50),
        "dyad actors (first 50)": lambda: db.actors(limit=50),
        f"dyad brief --dyad {dyad} (Markdown and its chart)": lambda: db.brief(dyad, output=out),
    }


def extraction_seconds(n_docs: int, words_per_doc: float) -> tuple[float, float]:
    """Seconds the real pipeline takes to extract `n_docs` documents of `words_per_doc` words, one process,
    measured on VOA stories; also the measured words per second."""
    from dyad.extract.common.nlp import load_pipeline
    from dyad.extract.pipeline import extract_many
    from dyad.ingest.normalize import document_id, normalize_text
    from dyad.records import Document
    from dyad.settings import load_settings

    stories = read_stories(VOA)[:40]
    nlp = load_pipeline(tuple(load_settings().models))
    docs = [Document(id=document_id(normalize_text(s["text"])), text=normalize_text(s["text"])) for s in stories]
    words = sum(len(d.text.split()) for d in docs)
    t = time.perf_counter()
    for _ in extract_many(docs, nlp):
        pass
    rate = words / (time.perf_counter() - t)
    return n_docs * words_per_doc / rate, rate


def incremental(store_path: Path, world: World, n_docs: int, tmp: Path) -> dict[str, float]:
    """Fuse NEW_DOCS new documents into a copy of the store, WRITE_BATCH at a time."""
    from dyad.fuse.actor_tables import resolve_stored
    from dyad.fuse.check import problems
    from dyad.fuse.update import fuse_documents
    from dyad.store import open_store

    copy = tmp / "incremental.duckdb"
    shutil.copy(store_path, copy)
    docs = new_documents(world, NEW_DOCS, n_docs)
    words = sum(row["n_words"] for row, _ in docs) / len(docs)
    with open_store(copy) as store:
        fuse_s = 0.0
        unfused: list[str] = []
        for k in range(0, len(docs), WRITE_BATCH):
            unfused += write_batch(store, docs[k : k + WRITE_BATCH], tmp / f"new{k}")
            if len(unfused) >= FUSE_BATCH or k + WRITE_BATCH >= len(docs):
                t = time.perf_counter()
                fuse_documents(store, unfused)
                fuse_s += time.perf_counter() - t
                unfused = []
        t = time.perf_counter()
        resolve_stored(store)
        actors_s = time.perf_counter() - t
        found = problems(store)
    return {"fuse_s": fuse_s, "actors_s": actors_s, "words_per_doc": words, "problems": float(len(found))}


def busiest_dyad(db: Any) -> str:
    row = db.dyads(limit=1)[0]
    return str(row.dyad).replace("~", "-")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--store", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-write", action="store_true", help="print, do not write BENCHMARKS.md")
    args = parser.parse_args()
    store = args.store or Path(tempfile.gettempdir()) / "dyad-bench" / f"store-{args.docs // 1000}k.duckdb"

    import dyad

    built = generate(store, args.docs, args.seed)
    if built["write_s"]:
        print(f"built {store}: {built}", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="dyad-bench-") as tmp_name:
        tmp = Path(tmp_name)
        with dyad.open(store, read_only=True) as db:
            dyad_name = busiest_dyad(db)
            counts = {c.what: c.count for c in db.summary()}
            n_stories, n_figures = db.story_count(background=None), db.figure_count()
            n_contradictions = db.contradiction_count()
            rows = []
            for name, fn in queries(db, dyad_name, tmp / "brief.md").items():
                first, median, worst = latency(fn, args.runs)
                rows.append([name, f"{first:,.0f}", f"{median:,.0f}", f"{worst:,.0f}"])
                print(rows[-1], file=sys.stderr)
        days = max(30, args.docs // 137)
        world = World.make(args.seed, days)
        world.rng.seed(args.seed + 1)  # new documents, of the same world
        inc = incremental(store, world, args.docs, tmp)
    extract_s, rate = extraction_seconds(NEW_DOCS, inc["words_per_doc"])
    share = (inc["fuse_s"] + inc["actors_s"]) / extract_s
    size = store.stat().st_size / 2**20
    body = f"""## Fusion at scale (bench/fusion.py)

{machine()}

A generated store (bench/generate_fusion_store.py, reused between runs): {args.docs:,} documents,
{counts.get('events (realis)', 0) + counts.get('events (irrealis)', 0):,} events, {counts.get('claims', 0):,}
claims, {counts.get('relations', 0):,} relations, {counts.get('actors', 0):,} document actors; fused into
{n_stories:,} stories, {n_figures:,} figures and {n_contradictions:,} contradictions; DuckDB file {size:,.0f} MiB.
{"Built in " + f"{built['write_s']:.0f} s (bulk write) + {built['fuse_s']:.0f} s (fusion) + {built['actors_s']:.0f} s (actors)." if built['write_s'] else "Built by an earlier run."}

Latency of what the commands run, through the library (the CLI adds its start-up), on the busiest
dyad {dyad_name}: first (cold) run and median and worst of {args.runs} more. Goal: each well under
a second.

{table(["query", "first ms", "median ms", "worst ms"], rows)}

Incremental fusion: {NEW_DOCS:,} new documents ({inc['words_per_doc']:,.0f} words each on average)
written {WRITE_BATCH} at a time and fused {FUSE_BATCH} at a time as `dyad ingest` does, then actors
resolved once: {inc['fuse_s']:.1f} s + {inc['actors_s']:.1f} s. Extracting {NEW_DOCS:,} documents of that
length takes {extract_s:,.0f} s in one process ({rate:,.0f} words/s, measured here on VOA stories).
Fusion costs {share:.1%} of extraction (goal: under 10%). `dyad fuse --check` on the result:
{int(inc['problems'])} problem(s).
"""
    print(body)
    if not args.no_write:
        write_section("fusion", body)


if __name__ == "__main__":
    main()
