"""Scaling: dyad end to end over 1x, 5x and 10x the corpus, time and peak memory, each in a fresh process.

    python bench/scaling.py [--workers 2] [--engine local|dask] [--corpus FILE] [--quick]

Writes the "scaling" section of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from _common import corpus_path, machine, mib, read_stories, run_child, story_words, table, take_words, write_section

THROUGHPUT = Path(__file__).resolve().with_name("throughput.py")
MULTIPLES = (1, 5, 10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", help="JSONL or Parquet file of stories with a `text` field (default: VOA)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--engine", choices=["local", "dask"], default="local")
    parser.add_argument("--base-words", type=int, default=None, help="words in 1x (default: the whole corpus)")
    parser.add_argument("--quick", action="store_true", help="1x = about 10k words")
    args = parser.parse_args()
    path = corpus_path(args.corpus)
    if path is None:
        print(f"scaling: corpus not found ({args.corpus or 'VOA stories under ../shared'}); skipped")
        return
    base_words = 10_000 if args.quick and not args.base_words else args.base_words
    stories = take_words(read_stories(path), base_words)
    words = story_words(stories)
    header = machine()
    print(header, file=sys.stderr)
    rows, peaks = [], {}
    for k in MULTIPLES:
        cfg = {"corpus": str(path), "repeats": k, "kind": "e2e", "engine": args.engine,
               "workers": args.workers, "base_words": base_words}
        r = run_child(THROUGHPUT, cfg)
        peaks[k] = r["peak_rss"]
        print(f"{k}x: {r['seconds']:.1f} s, peak {mib(r['peak_rss'])} MiB", file=sys.stderr)
        rows.append([f"{k}x", f"{r['docs']:,}", f"{words * k:,}", f"{r['seconds']:,.1f}",
                     f"{words * k / r['seconds']:,.0f}", mib(r["peak_rss"]), f"{r['peak_rss'] / peaks[1]:.2f}x"])
    body = "\n".join([
        "## Scaling (bench/scaling.py)",
        "",
        header,
        "",
        f"dyad end to end (ingest -> extract -> store into a fresh DuckDB file), engine {args.engine}, "
        f"{args.workers} worker(s); 1x = {len(stories)} stories of {path.name}, {words:,} words. "
        "Peak RSS sums the process and its children. Goal: peak at 10x at most 1.1x the peak at 1x.",
        "",
        table(["corpus", "documents", "words", "seconds", "words/s", "peak RSS MiB", "peak / 1x"], rows),
    ])
    write_section("scaling", body)


if __name__ == "__main__":
    main()
