"""Source reading and clean-up grow linearly: with a document's size, and with its count of quotation marks.

Each row reads one file through `iter_documents` (decode, HTML extraction where it applies,
normalisation, furniture clean-up, hashing): no model, no store. The size doubles from row to
row; the growth column is the time ratio to the row before (2.0 is linear, 4.0 quadratic), and
the exponent is the slope of log(time) over log(size) fitted across the rows (1.0 is linear).
The hostile shapes are the ones that were quadratic or worse before issue 16 (a line of dots,
"Mr. A " repeated, one long word, runs of quotation marks, sibling <div>s).

    python bench/ingest_linear.py [--max-bytes 4000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import psutil

from _common import VOA, cpu_model, read_stories, table, write_section
from dyad.ingest.sources import iter_documents
from dyad.records import Document
from dyad.settings import Settings

INVENTED = (
    "Valdoria and Kestrel signed a grain agreement in Amsel on Monday after a week of talks. "
    "“We will hold to every line of it,” the foreign minister of Kestrel told reporters. "
    "Officials in Tarn said the first shipments could leave the port before the end of the month.\n\n"
)


def prose() -> str:
    """Article text to repeat: the VOA stories when they are beside the repository, else invented text."""
    if VOA.is_file():
        return "\n\n".join(s["text"] for s in read_stories(VOA))
    return INVENTED * 50


def fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def with_quotes(base: str, count: int, mark: str) -> str:
    """`base` with `count` quotation marks spread evenly over its spaces."""
    words = base.split(" ")
    step = max(1, len(words) // max(1, count))
    out, placed = [], 0
    for i, word in enumerate(words):
        if placed < count and i % step == 0:
            word, placed = mark + word, placed + 1
        out.append(word)
    return " ".join(out) + mark * (count - placed)


def seconds_to_read(name: str, data: str, repeat: int) -> float:
    """The fastest of `repeat` reads of one file (the least disturbed by other work on the machine)."""
    best = math.inf
    settings = Settings(max_bytes=20_000_000)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(data, encoding="utf-8")
        for _ in range(repeat):
            start = time.perf_counter()
            items = list(iter_documents([str(path)], settings))
            best = min(best, time.perf_counter() - start)
            if not (items and isinstance(items[0], Document)):
                raise SystemExit(f"{name}: not read as a document: {items[:1]}")
    return best


def exponent(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of log(seconds) over log(n)."""
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(max(t, 1e-6)) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=False)) / sum((x - mx) ** 2 for x in xs)


def family(label: str, name: str, sizes: list[int], make: Callable[[int], str], repeat: int,
           unit: str) -> tuple[list[list[object]], float]:
    rows, points, previous = [], [], None
    for n in sizes:
        data = make(n)
        seconds = seconds_to_read(name, data, repeat)
        points.append((n, seconds))
        growth = f"{seconds / previous:.2f}" if previous else "-"
        rows.append([label, f"{n:,} {unit}", f"{len(data.encode()):,}", f"{seconds:.3f}",
                     f"{seconds * 1e6 / max(1, len(data)) * 1000:.1f}", growth])
        previous = seconds
    return rows, exponent(points)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-bytes", type=int, default=4_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = []
    size = 62_500
    while size <= args.max_bytes:
        sizes.append(size)
        size *= 2
    text = prose()
    base = fill(text, 2_000)
    html_unit = "".join(f"<p>{p}</p>" for p in text.split("\n\n") if p.strip())
    families = [
        ("article text", "story.txt", lambda n: fill(text, n), "bytes"),
        ("article HTML", "story.html", lambda n: "<html><body><article>" + fill(html_unit, n) + "</article></body></html>",
         "bytes"),
        ("a line of dots", "dots.txt", lambda n: base + fill(".", n), "bytes"),
        ('"Mr. A " repeated', "mr.txt", lambda n: base + fill("Mr. A ", n), "bytes"),
        ("one long word", "word.txt", lambda n: base + fill("x", n), "bytes"),
        ("sibling <div>s", "divs.html", lambda n: "<html><body><article><p>" + base + "</p>"
         + fill("<div>Kestrel</div>", n) + "</article></body></html>", "bytes"),
    ]
    counts = [c for c in (4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000) if c * 8 <= args.max_bytes]
    quote_families = [
        ("quoted sentences", "said.txt", lambda n: fill("“We will sign,” the minister said. ", n * 36 // 2), "marks"),
        ("a run of straight quotes", "run.txt", lambda n: base + '"' * n, "marks"),
        ("a run of curly quotes", "curly.txt", lambda n: base + "“" * n, "marks"),
        ("quote marks between words", "mixed.txt", lambda n: base + 'Kestrel " ' * n, "marks"),
    ]
    rows, fits = [], []
    for label, name, make, unit in families:
        found, slope = family(label, name, sizes, make, args.repeat, unit)
        rows += found
        fits.append((label, slope))
        print(f"{label}: exponent {slope:.2f}", flush=True)
    for label, name, make, unit in quote_families:
        found, slope = family(label, name, counts, make, args.repeat, unit)
        rows += found
        fits.append((label, slope))
        print(f"{label}: exponent {slope:.2f}", flush=True)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    body = f"""## Source reading is linear (bench/ingest_linear.py)

Machine: {cpu_model()}, {os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.1f} GiB RAM; Python {platform.python_version()}; load average at the end {load:.1f}.

One file read through `iter_documents` (decode, HTML extraction, normalisation, furniture clean-up, hashing; no model, no store), fastest of {args.repeat} reads. Article text is {'the VOA stories' if VOA.is_file() else 'invented text'} repeated to the size. Each row doubles the one before: growth 2.0 is linear, 4.0 quadratic. The hostile shapes and the runs of quotation marks follow 2 KB of article text; the quoted sentences hold two marks each.

| input | size or count | bytes | seconds | µs per KB | growth |
|---|---|---|---|---|---|
{chr(10).join('| ' + ' | '.join(str(c) for c in row) + ' |' for row in rows)}

Fitted exponent (time ∝ n^k over the rows of each input; 1.0 is linear):

{table(['input', 'k'], [[label, f'{slope:.2f}'] for label, slope in fits])}
"""
    write_section("ingest-linear", body)
    print(body)


if __name__ == "__main__":
    main()
