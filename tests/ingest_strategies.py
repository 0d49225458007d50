"""Hypothesis strategies for hostile input to the source-reading path (used by test_ingest_fuzz.py).

Texts mix invented article sentences with what breaks readers: control and zero-width characters,
right-to-left marks, lone surrogates, NUL bytes, huge numbers, long runs of one character or unit
(10,000 quotation marks, a line of dots, "Mr. A " repeated), deep nesting, and bytes in the wrong
encoding or none at all.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import signal
from collections.abc import Iterator

from hypothesis import strategies as st


class Hang(BaseException):  # not an Exception: no handler in the code under test may swallow it
    """The code under test ran past its time budget."""


@contextlib.contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise Hang in the code under test if it runs past `seconds`: a guard against hangs, not a
    timing assertion (budgets are many times what linear code needs). `re` and lxml are interruptible."""

    def interrupt(signum: int, frame: object) -> None:
        raise Hang(f"no result after {seconds} s")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


SENTENCES = [
    "Valdoria and Kestrel signed a grain agreement in Amsel on Monday.",
    "The foreign minister of Kestrel said the talks would resume next week.",
    "“We will not accept this,” said Ana Lind, a spokeswoman for the ministry.",
    "By Tomas Greve and Ilse Marr",
    "Subscribe to our newsletter for more stories like this.",
    "Photo: Amsel Herald / Staff",
    "Tel: +12 345 678 910",
    "Read more: https://example.org/world/valdoria",
]
CONTROLS = ("\x00\x01\x07\x08\x0b\x0c\x0e\x1b\x7f\x85\x9f\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d"
            "\u202e\u2066\u2067\u2068\u2069\u2028\u2029\ufeff\ufffe\uffff\U0001f600\u0301\u05d0\u0627")
SURROGATES = "\ud800\udbff\udc00\udfff\ud83d\ude00"
UNITS = ['"', "“", "”", "'", ".", "...", "Mr. A ", "and ", "_", ",", "\t", " ", "\n", "\n\n", "a", "ab.Cd",
         "By A ", "tel ", "x@", "http://", ")", "!", "?", "…", "*", "-", "#", ">", "[", "](", "<", "&#", "`", "|",
         "---\n", "A. ", "this ", "jan", "1", "9", "©", "<div>", "</div>", "{", "[[", "\\u", "%", "~"]

# Runs reach 12,000 repeats under `make fuzz`; `make test` keeps its share quick with shorter ones.
MAX_RUN = 12_000 if os.environ.get("DYAD_FUZZ") == "full" else 3_000
runs = st.builds(lambda unit, n: unit * n, st.sampled_from(UNITS), st.integers(1, MAX_RUN))
fragments = st.one_of(
    st.sampled_from(SENTENCES),
    st.text(max_size=80),
    st.text(alphabet=st.sampled_from(CONTROLS + SURROGATES + "aZ .\n"), max_size=40),
    runs,
    st.integers(-(10**40), 10**40).map(str),
)
texts = st.lists(fragments, max_size=8).map("".join)

ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252", "latin-1", "cp1251", "shift_jis", "mixed", "raw"]


@st.composite
def encoded(draw: st.DrawFn, text: st.SearchStrategy[str] = texts) -> bytes:
    """A text as bytes in some encoding, a mix of two, or bytes that are no text at all."""
    how = draw(st.sampled_from(ENCODINGS))
    if how == "raw":
        return draw(st.binary(max_size=3000))
    body = draw(text)
    if how == "mixed":
        return body.encode("utf-8", "surrogatepass") + draw(st.binary(max_size=40)) + body.encode("cp1252", "replace")
    errors = "surrogatepass" if how.startswith("utf") else "replace"
    return body.encode(how, errors)


TAGS = ["div", "p", "article", "span", "section", "script", "style", "h1", "a", "table", "tr", "td", "ul", "li",
        "nav", "footer", "time", "br", "main", "header", "svg", "iframe", "template", "noscript", "title"]
META_KEYS = ["article:published_time", "og:title", "og:site_name", "og:url", "date", "pubdate", "dc.date",
             "content-language", "og:locale"]


@st.composite
def nested_json(draw: st.DrawFn) -> str:
    depth = draw(st.integers(0, 3000))
    opener = draw(st.sampled_from(["[", '{"a":']))
    closer = "]" if opener == "[" else "}"
    return opener * depth + json.dumps(draw(st.text(max_size=20))) + closer * depth


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    parts = ["<!doctype html><html>"] if draw(st.booleans()) else []
    for _ in range(draw(st.integers(0, 12))):
        tag = draw(st.sampled_from(TAGS))
        kind = draw(st.integers(0, 7))
        if kind == 0:
            parts.append(f"<{tag}>{draw(texts)}</{tag}>")
        elif kind == 1:
            parts.append(f"<{tag}>" * draw(st.integers(1, 3000)))
        elif kind == 2:
            parts.append(f"<{tag}>{draw(st.sampled_from(SENTENCES))}</{tag}>" * draw(st.integers(1, MAX_RUN)))
        elif kind == 3:
            parts.append(f"<meta property='{draw(st.sampled_from(META_KEYS))}' content='{draw(texts)[:200]}'>")
        elif kind == 4:
            body = draw(st.one_of(nested_json(), st.text(max_size=60)))
            parts.append(f'<script type="application/ld+json">{{"datePublished": {json.dumps(body)}, "x": {body}}}</script>')
        elif kind == 5:
            parts.append(f"<html lang='{draw(st.text(max_size=12))}'>")
        elif kind == 6:  # one element crowded with children
            child = draw(st.sampled_from(["a", "img", "span", "table", "li", "td", "br", "b", "script", "p"]))
            parts.append(f"<{tag}>" + f"<{child}>Kestrel</{child}> " * draw(st.integers(1, MAX_RUN)) + f"</{tag}>")
        else:
            parts.append(draw(texts))
    return "".join(parts)


YAML_VALUES = ["0000-00-00", "99999-01-01", "2025-13-45", "2025-02-30", "[a, b]", "{a: 1}", "&a x", "*a",
               "!!python/object/apply:os.system ['true']", "!!binary aGVsbG8=", "~", "null", "yes", "1e999",
               "99999999999999999999999", "'unterminated", "|\n  block\n  text", "[" * 200, "- a\n- b",
               '"\\ud83d\\ude00 \\udfff"', "2025-03-14T25:61:00Z", "-1-1-1", "!!timestamp 0000-00-00"]
YAML_KEYS = ["title", "headline", "outlet", "source", "url", "published", "date", "language", "lang", "x"]
BOMB = "".join(f"{k}: &{k} [{', '.join([f'*{p}'] * 9 if p else ['lol'] * 9)}]\n"
               for k, p in zip("abcdefgh", [None, *"abcdefg"], strict=False))


@st.composite
def markdown_files(draw: st.DrawFn) -> str:
    """Markdown with front matter that may be bounded, impossible, deep, an alias bomb or not YAML at all."""
    kind = draw(st.integers(0, 4))
    if kind == 0:
        lines = [f"{draw(st.sampled_from(YAML_KEYS))}: {draw(st.one_of(st.sampled_from(YAML_VALUES), st.text(max_size=30)))}"
                 for _ in range(draw(st.integers(0, 6)))]
        front = "\n".join(lines)
    elif kind == 1:
        front = BOMB
    elif kind == 2:
        front = "title: " + "[" * draw(st.integers(1, 5000)) + "]" * draw(st.integers(0, 5000))
    elif kind == 3:
        front = "a: " + "{b: " * draw(st.integers(1, 3000))
    else:
        front = draw(st.text(max_size=200))
    close = draw(st.sampled_from(["---", "...", ""]))
    return f"---\n{front}\n{close}\n{draw(texts)}"


def _record(draw: st.DrawFn) -> object:
    values = st.one_of(st.none(), st.booleans(), st.integers(-(10**30), 10**30), st.floats(), texts,
                       st.lists(st.text(max_size=10), max_size=3), st.sampled_from(YAML_VALUES))
    record = {key: draw(values) for key in draw(st.lists(st.sampled_from(YAML_KEYS + ["text", "html"]), max_size=6))}
    if draw(st.booleans()):
        record["text"] = draw(texts)
    return record if draw(st.integers(0, 9)) else draw(st.one_of(values, st.lists(values, max_size=3)))


@st.composite
def jsonl_files(draw: st.DrawFn) -> bytes:
    lines: list[bytes] = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.integers(0, 4))
        if kind <= 1:
            lines.append(json.dumps(_record(draw), ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass"))
        elif kind == 2:
            lines.append(f'{{"text": "x", "meta": {draw(nested_json())}}}'.encode())
        elif kind == 3:
            lines.append(draw(encoded()))
        else:
            lines.append(b'{"text": "' + draw(st.sampled_from([b"\\udfff", b"\\ud83d\\ude00", b"\\u0000", b"\\ud83d"])) * 3 + b'"}')
    return b"\n".join(lines) + draw(st.sampled_from([b"", b"\n", b"\r\n"]))


@st.composite
def table_files(draw: st.DrawFn) -> bytes:
    """CSV or TSV: written properly, or mangled (stray quotes, ragged rows, one huge field of commas)."""
    delimiter = draw(st.sampled_from([",", "\t"]))
    header = draw(st.lists(st.sampled_from(["text", "html", "title", "published", "outlet", "x", ""]), max_size=4))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header or ["text"])
    for _ in range(draw(st.integers(0, 5))):
        writer.writerow([draw(texts) for _ in range(draw(st.integers(0, 5)))])
    body = buffer.getvalue()
    if draw(st.booleans()):
        body += draw(st.sampled_from(['"', '""', ",", "\t", "\r", "\n"])) * draw(st.integers(1, 50_000))
    return body.encode(draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"])), "replace")


@st.composite
def manifests(draw: st.DrawFn) -> bytes:
    files = st.one_of(st.sampled_from(["a.txt", "sub/b.md", "../x.txt", "/etc/passwd", "a\x00b", "", ".", "sub"]),
                      st.text(max_size=20), st.lists(st.text(max_size=5), max_size=2), st.integers())
    lines = []
    for _ in range(draw(st.integers(0, 5))):
        record = _record(draw)
        if isinstance(record, dict):
            record["file"] = draw(files)
        lines.append(json.dumps(record).encode("utf-8", "surrogatepass"))
    if draw(st.booleans()):
        lines.append(draw(nested_json()).encode())
    return b"\n".join(lines)
