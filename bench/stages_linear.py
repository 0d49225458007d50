"""Extraction time against a document's length: the same text as many short documents and as one long one.

    python bench/stages_linear.py [--words 5000,10000,20000,40000] [--repeats 3] [--corpus FILE.jsonl|.parquet]

For each size, the first stories holding that many words are extracted twice
in one process: as the separate stories, and joined into one document. Only
the stages after the parse are timed (the parse is spaCy's and is done before
the clock), each measurement repeated and its fastest run kept (the machine may
be shared). Time that grows linearly with the text keeps the long document's
milliseconds per thousand words flat as the size doubles. Writes the
"stages_linear" section of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time

from _common import corpus_path, machine, read_stories, story_words, table, take_words, write_section


def stage_seconds(nlp, texts: list[str]) -> dict[str, float]:
    """Seconds each extraction stage takes over these texts, each text one document, parse excluded."""
    from dyad.extract.common.context import DocContext
    from dyad.extract.pipeline import build_pipeline
    from dyad.records import DocExtraction, Document

    components = build_pipeline().components
    spent = {c.name: 0.0 for c in components}
    for n, doc in enumerate(nlp.pipe(texts, batch_size=16)):
        document = Document(id=f"bench-{n}", text=doc.text)
        ctx = DocContext(document=document, doc=doc, result=DocExtraction(doc_id=document.id, model="bench"))
        for comp in components:
            t = time.perf_counter()
            comp.run(ctx)
            spent[comp.name] += time.perf_counter() - t
    return spent


def fastest(nlp, texts: list[str], repeats: int) -> dict[str, float]:
    """Each stage's fastest time over several runs (a fresh parse each time, so no cache carries over)."""
    runs = []
    for _ in range(max(1, repeats)):
        gc.collect()  # start each run with the garbage of the last one gone
        runs.append(stage_seconds(nlp, texts))
    return {name: min(run[name] for run in runs) for name in runs[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", default="5000,10000,20000,40000", help="comma-separated sizes in words")
    parser.add_argument("--repeats", type=int, default=3, help="runs per measurement; the fastest is kept")
    parser.add_argument("--corpus", help="JSONL or Parquet file of stories with a `text` field (default: VOA)")
    args = parser.parse_args()
    path = corpus_path(args.corpus)
    if path is None:
        print(f"stages_linear: corpus not found ({args.corpus or 'VOA stories under ../shared'}); skipped")
        return
    from dyad.extract.common.nlp import load_pipeline
    from dyad.settings import Settings

    nlp = load_pipeline(tuple(Settings().models))
    stories = read_stories(path)
    header = machine()
    print(header, file=sys.stderr)
    stage_seconds(nlp, [stories[0]["text"]])  # warm up: matchers and data files are built once per process
    rows, per_stage = [], []
    for size in (int(w) for w in args.words.split(",")):
        chosen = take_words(stories, size)
        texts = [s["text"].strip() for s in chosen]
        words = story_words(chosen)
        joined = "\n\n".join(texts)
        nlp.max_length = max(nlp.max_length, len(joined) + 1)
        short = fastest(nlp, texts, args.repeats)
        long = fastest(nlp, [joined], args.repeats)
        s_total, l_total = sum(short.values()), sum(long.values())
        rows.append([
            f"{words:,}", len(texts), f"{s_total:.2f}", f"{1e6 * s_total / words:.0f}",
            f"{l_total:.2f}", f"{1e6 * l_total / words:.0f}", f"{l_total / s_total:.2f}x",
        ])
        per_stage.append([f"{words:,}", *(f"{long[name]:.2f} ({short[name]:.2f})" for name in long)])
        print(f"{words} words: {len(texts)} documents {s_total:.2f} s, one document {l_total:.2f} s", file=sys.stderr)
    names = list(long)
    body = [
        "## Extraction against document length (bench/stages_linear.py)",
        "",
        header,
        "",
        f"Corpus: the first stories of {path.name} holding each size, extracted in one process as separate "
        "documents and joined into one document. Seconds are the extraction stages' alone (the parse is "
        f"done before the clock), the fastest of {args.repeats} runs; ms/1k words staying flat as the size "
        "doubles means linear time.",
        "",
        table(["words", "stories", "as stories: s", "ms/1k words", "as one document: s", "ms/1k words", "one doc / stories"], rows),
        "",
        "Each stage on the one long document, in seconds (in brackets: the same text as separate stories):",
        "",
        table(["words", *names], per_stage),
    ]
    write_section("stages_linear", "\n".join(body))


if __name__ == "__main__":
    main()
