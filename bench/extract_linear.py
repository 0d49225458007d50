"""Extraction time against hostile length: runs of quotation marks, and one long document parsed in pieces.

    python bench/extract_linear.py [--quick]

For each size: the seconds spaCy's tokenizer takes on the raw text (the
quadratic behaviour dyad avoids; skipped past 4,000 marks), on the text dyad
gives it (`tokenizer_text`), and dyad's whole extraction; then the parse of one
long document (`parse`, in pieces past CHUNK_CHARS) by its length. Linear means
the seconds per 1,000 characters stay flat down a column. Writes the
"extract-linear" section of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

from _common import machine, table, write_section
from dyad.extract.common.nlp import load_pipeline
from dyad.extract.common.parse import CHUNK_CHARS, parse, tokenizer_text
from dyad.extract.pipeline import extract
from dyad.records import Document
from dyad.settings import load_settings

PARAGRAPH = ("Norway and Kenya signed a trade pact in Nairobi on Tuesday. \"We will not accept this,\" the "
             "foreign minister of Chile said. About 3,000 jobs depend on the deal, the ministry said.\n\n")


def seconds(work: Callable[[], Any]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def per_k(secs: float, chars: int) -> str:
    return f"{1000 * secs / chars:.4f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    args = parser.parse_args()
    nlp = load_pipeline(tuple(load_settings().models))
    marks = [1000, 2000, 4000] if args.quick else [1000, 2000, 4000, 8000, 16000, 32000]
    rows = []
    for n in marks:
        text = "Norway met Chile. " + '"' * n + " Japan protested."
        raw = seconds(lambda t=text: nlp.tokenizer(t)) if n <= 4000 else None
        safe = seconds(lambda t=text: nlp.tokenizer(tokenizer_text(t)))
        whole = seconds(lambda t=text: extract(Document(id="q", text=t), nlp))
        rows.append([f"{n:,}", f"{raw:.2f}" if raw is not None else "-", f"{safe:.3f}", f"{whole:.2f}",
                     per_k(whole, len(text))])
    quotes = table(["quotation marks in a row", "raw tokenizer s", "dyad's tokenizer text s",
                    "whole extraction s", "extraction s per 1,000 chars"], rows)
    sizes = [50_000, 100_000, 200_000] if args.quick else [50_000, 100_000, 200_000, 400_000, 800_000, 1_200_000]
    rows = []
    for size in sizes:
        text = (PARAGRAPH * (size // len(PARAGRAPH) + 1))[:size]
        secs = seconds(lambda t=text: parse(nlp, t))
        rows.append([f"{size:,}", "yes" if size > CHUNK_CHARS else "no", f"{secs:.2f}", per_k(secs, size)])
    long = table(["characters", "in pieces", "parse s", "parse s per 1,000 chars"], rows)
    body = (
        "## Hostile length at extraction (bench/extract_linear.py)\n\n"
        f"{machine()}\n\n"
        "A run of straight quotation marks inside one sentence: spaCy's tokenizer on the raw text grows with\n"
        "the square of the run; on the text dyad gives it (a space every 100 characters of a run, offsets\n"
        "kept) it is linear, and so is the whole extraction.\n\n"
        f"{quotes}\n\n"
        f"One long document: parsed whole up to {CHUNK_CHARS:,} characters, in pieces cut at paragraph\n"
        "breaks past that (spaCy refuses more than 1,000,000 at once).\n\n"
        f"{long}\n"
    )
    write_section("extract-linear", body)
    print(body)


if __name__ == "__main__":
    main()
