"""Throughput: bare spaCy, dyad's extraction alone, and dyad end to end, each in a fresh process.

    python bench/throughput.py [--words 200000] [--corpus FILE.jsonl|.parquet] [--quick] [--repeat 3]

Writes the "throughput" section of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import (
    PeakRSS,
    corpus_path,
    documents,
    machine,
    mib,
    read_stories,
    repeats_for,
    run_child,
    story_words,
    table,
    take_words,
    write_section,
)

SCRIPT = Path(__file__).resolve()

# parsed (and, for dyad's rows, extracted) once before the clock in every configuration, so that one-time
# loading (the model's lazy parts, dyad's modules and data files) is left out of the throughput as the
# model's own loading is
WARM_UP = ("The foreign minister of Norway met the Kenyan president in Nairobi on Tuesday and said that trade "
           "between the two countries grew by 5% in 2023. \u201cWe will work together,\u201d she told reporters.")

# (label, kind, engine, workers); ratios compare a row with the bare row of the same process count
CONFIGS = [
    ("bare nlp.pipe", "bare", "local", 1),
    ("bare nlp.pipe n_process=2", "bare", "local", 2),
    ("extraction alone (stages after the parse)", "extract", "local", 1),
    ("end to end --workers 1", "e2e", "local", 1),
    ("end to end --workers 2", "e2e", "local", 2),
    ("end to end, nlp.pipe n_process=2 + extract in main", "e2e", "spacy-pipe", 2),
    ("end to end --engine dask, 1 worker", "e2e", "dask", 1),
    ("end to end --engine dask, 2 workers", "e2e", "dask", 2),
]


def child(cfg: dict[str, Any]) -> dict[str, Any]:
    from dyad.extract.common.nlp import load_pipeline
    from dyad.settings import Settings

    settings = Settings()
    models = tuple(settings.models)
    nlp = load_pipeline(models)  # loaded before the clock in every configuration
    warm_up(nlp, cfg["kind"], settings.batch_size)
    stories = take_words(read_stories(Path(cfg["corpus"])), cfg.get("base_words"))
    docs = documents(stories, cfg["repeats"])
    out: dict[str, Any] = {}
    with PeakRSS() as peak:
        t0 = time.perf_counter()
        if cfg["kind"] == "bare":
            n_docs = n_sents = 0
            for doc in nlp.pipe((d.text for d in docs), batch_size=settings.batch_size, n_process=cfg["workers"]):
                n_docs += 1
                n_sents += sum(1 for _ in doc.sents)
        elif cfg["kind"] == "extract":
            n_docs, n_sents, out["stages"], out["extract_s"] = profile(nlp, docs, settings.batch_size)
        else:
            n_docs, n_sents = end_to_end(settings, cfg, docs)
        elapsed = time.perf_counter() - t0
    return {**out, "docs": n_docs, "sentences": n_sents, "seconds": elapsed, "peak_rss": peak.peak}


def warm_up(nlp, kind: str, batch_size: int) -> None:
    """One short text through what the configuration runs (bare: the parse; dyad: the parse, the stages
    and the modules the run imports), before the clock."""
    if kind == "bare":
        list(nlp.pipe([WARM_UP]))
        return
    import dyad.run  # noqa: F401 - the store, fusion and scale modules the run uses
    from dyad.extract.pipeline import build_pipeline, extract_many
    from dyad.records import Document

    list(extract_many([Document(id="warm-up", text=WARM_UP)], nlp, batch_size, build_pipeline()))


def profile(nlp, docs, batch_size: int) -> tuple[int, int, dict[str, float], float]:
    """Parse in one process and time each extraction stage separately."""
    from dyad.extract.common.context import DocContext
    from dyad.extract.common.nlp import pipeline_name
    from dyad.extract.pipeline import build_pipeline
    from dyad.records import DocExtraction

    model = pipeline_name(nlp)
    components = build_pipeline().components
    spent: dict[str, float] = {c.name: 0.0 for c in components}
    n_docs = n_sents = 0
    for doc, document in nlp.pipe(((d.text, d) for d in docs), as_tuples=True, batch_size=batch_size):
        ctx = DocContext(document=document, doc=doc, result=DocExtraction(doc_id=document.id, model=model))
        for comp in components:
            t = time.perf_counter()
            comp.run(ctx)
            spent[comp.name] += time.perf_counter() - t
        n_docs += 1
        n_sents += len(ctx.result.sentences)
    return n_docs, n_sents, spent, sum(spent.values())


def end_to_end(settings, cfg: dict[str, Any], docs) -> tuple[int, int]:
    from dyad.run import ingest_documents
    from dyad.scale import extractor_for
    from dyad.scale.procs import spacy_pipe_extractor
    from dyad.store import open_store

    if cfg["engine"] == "spacy-pipe":
        extractor = spacy_pipe_extractor(tuple(settings.models), cfg["workers"], settings.batch_size)
    else:
        extractor = extractor_for(settings, cfg["workers"], cfg["engine"])
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "bench.duckdb") as store:
        report = ingest_documents(docs, store, extractor)
        return len(report.stored), store.count("sentences")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=200_000, help="repeat the corpus to at least this many words")
    parser.add_argument("--corpus", help="JSONL or Parquet file of stories with a `text` field (default: VOA)")
    parser.add_argument("--quick", action="store_true", help="30k words: a smoke run")
    parser.add_argument("--only", help="comma-separated config numbers to run (1-based)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run every configuration this many times, in turn, and keep the fastest of each")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(json.loads(args.child))))
        return
    path = corpus_path(args.corpus)
    if path is None:
        print(f"throughput: corpus not found ({args.corpus or 'VOA stories under ../shared'}); skipped")
        return
    stories = read_stories(path)
    words_min = 30_000 if args.quick else args.words
    repeats = repeats_for(stories, words_min)
    words = story_words(stories) * repeats
    chosen = [CONFIGS[int(i) - 1] for i in args.only.split(",")] if args.only else CONFIGS
    header = machine()
    print(header, file=sys.stderr)
    # Rounds go through every configuration in turn, so that a slow spell of a shared machine falls on all of
    # them alike; each keeps its fastest run, as timeit does, since interference only ever slows a run down.
    best: dict[int, dict[str, Any]] = {}
    for round_no in range(1, max(1, args.repeat) + 1):
        for n, (label, kind, engine, workers) in enumerate(chosen):
            cfg = {"corpus": str(path), "repeats": repeats, "kind": kind, "engine": engine, "workers": workers}
            res = run_child(SCRIPT, cfg)
            secs = _seconds(kind, res)
            print(f"round {round_no}, {label}: {words / secs:,.0f} words/s, peak {mib(res['peak_rss'])} MiB",
                  file=sys.stderr)
            if n not in best or secs < _seconds(kind, best[n]):
                best[n] = res
    results = [(label, kind, engine, workers, best[n]) for n, (label, kind, engine, workers) in enumerate(chosen)]
    write_section("throughput", report(header, path, len(stories) * repeats, words, repeats, results, args.repeat))


def _seconds(kind: str, result: dict[str, Any]) -> float:
    """What a row's throughput divides by: the stages' own time for the extraction-alone row."""
    return float(result["extract_s"] if kind == "extract" else result["seconds"])


def report(header: str, path: Path, n_docs: int, words: int, repeats: int, results: list, rounds: int = 1) -> str:
    bare = {w: r["seconds"] for _, kind, _, w, r in results if kind == "bare"}
    rows = []
    for label, kind, _, workers, r in results:
        secs = _seconds(kind, r)
        base = bare.get(workers)
        ratio = f"{base / secs:.2f}x" if base and kind != "extract" else "-"
        rows.append([
            label, f"{r['docs'] / secs:,.1f}", f"{r['sentences'] / secs:,.0f}", f"{words / secs:,.0f}",
            ratio, mib(r["peak_rss"]), f"{secs:,.1f}",
        ])
    parts = [
        "## Throughput (bench/throughput.py)",
        "",
        header,
        "",
        f"Corpus: {path.name}, repeated {repeats}x: {n_docs:,} documents, {words:,} words. Each row is a fresh "
        "process; the model is loaded and one short warm-up text is parsed (and for dyad's rows extracted) before "
        "the clock, so one-time loading is outside it; worker start-up (forked worker processes, Dask cluster) is "
        "inside it. Peak RSS is the peak of the summed resident memory of the process and its children. "
        "The ratio is the row's throughput over the bare nlp.pipe row with the same number of processes "
        "(goal for end to end: at least 0.8x); the extraction-alone row counts only the stages' time. "
        + (f"Every configuration ran {rounds} times, in turn, and each row is its fastest run."
           if rounds > 1 else "Each row is one run."),
        "",
        table(["configuration", "docs/s", "sentences/s", "words/s", "ratio to bare", "peak RSS MiB", "seconds"], rows),
    ]
    parts += ["", *speedups(results, words)]
    prof = next((r for _, kind, _, _, r in results if kind == "extract"), None)
    if prof:
        total = prof["seconds"]
        stage_rows = [[name, f"{s:,.2f}", f"{100 * s / total:.1f}%"] for name, s in prof["stages"].items()]
        stage_rows.append(["parse (nlp.pipe) and the rest", f"{total - prof['extract_s']:,.2f}",
                           f"{100 * (total - prof['extract_s']) / total:.1f}%"])
        parse = total - prof["extract_s"]
        parts += ["", "Where one process spends its time (extraction alone row). dyad's own stages cost "
                  f"{100 * prof['extract_s'] / parse:.1f}% of the parse time (goal: at most 25%).", "",
                  table(["stage", "seconds", "share"], stage_rows)]
    return "\n".join(parts)


def speedups(results: list, words: int) -> list[str]:
    """Two processes over one, for each design measured with both."""
    rate = {(kind, engine, w): words / r["seconds"] for _, kind, engine, w, r in results}
    lines = []
    for label, key1, key2, goal in [
        ("bare nlp.pipe, n_process=2 over 1", ("bare", "local", 1), ("bare", "local", 2), ""),
        ("end to end, --workers 2 over --workers 1", ("e2e", "local", 1), ("e2e", "local", 2), ""),
        ("end to end, Dask 2 workers over 1", ("e2e", "dask", 1), ("e2e", "dask", 2), " (goal: at least 1.6x)"),
    ]:
        if key1 in rate and key2 in rate:
            lines.append(f"- {label}: {rate[key2] / rate[key1]:.2f}x{goal}")
    return lines


if __name__ == "__main__":
    main()
