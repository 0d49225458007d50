"""Hangs and blow-ups of issue 16 that live in source reading, one test per class.

Each input is sized so that the old quadratic or exponential code would run for minutes to hours
while linear code needs well under a second; the time budget is only a hang guard (no timing is
asserted: `bench/ingest_linear.py` measures the growth).
"""

from __future__ import annotations

import importlib
import os
import re

import pytest

from dyad.ingest import lines
from dyad.ingest.items import RawText
from dyad.ingest.sources import to_document
from dyad.records import Document
from ingest_strategies import time_budget

BUDGET = 60
ARTICLE = ("Valdoria and Kestrel signed a grain agreement in Amsel on Monday after talks that lasted a week, "
           "and both governments said the deal would hold. ")


def cleaned(text: str, html: bool = False) -> Document:
    with time_budget(BUDGET):
        doc = to_document(RawText(source="hostile", text=text, html=html))
    assert isinstance(doc, Document), doc
    return doc


def test_byline_regex_of_412_bytes_was_exponential():
    line = "By A" + " and" * 100 + " !"  # each "and" matched two branches: 2**100 paths before failing
    with time_budget(BUDGET):
        assert lines._BYLINE.match(line) is None
        assert not lines.is_byline(line)
        assert lines._BYLINE.match("By Ana Lind and Tomas Greve")


@pytest.mark.parametrize("name, text", [
    ("a line of dots", ARTICLE + "." * 200_000),
    ("Mr. A repeated", ARTICLE + "Mr. A " * 20_000),
    ("one 300 KB word", ARTICLE + "x" * 300_000),
    ("a 300 KB word then @", ARTICLE + "x" * 300_000 + "@"),
    ("initials", ARTICLE + "A. " * 30_000),
    ("sentences glued together", ARTICLE + "ab.Cd" * 30_000),
    ("20,000 broken lines", ARTICLE + "\n" + "and it went on without an end\n" * 20_000),
    ("a last paragraph of sign-offs", ARTICLE + "Subscribe now. " * 10_000),
    ("10,000 straight quotes", ARTICLE + '"' * 10_000),
    ("10,000 curly quotes", ARTICLE + "“" * 10_000),
    ("a URL of brackets", ARTICLE + "\n\nhttp://" + ")" * 300_000 + "x"),
    ("a phone label and spaces", ARTICLE + "\n\ntel" + " :" * 100_000),
    ("commas", ARTICLE + "," * 300_000),
    # found by fuzzing: lines ending in a dash are joined one by one onto a long paragraph
    ("dash lines joined one by one", ARTICLE + "By A " * 6_000 + "\n---" * 10_000),
])
def test_clean_up_is_linear(name: str, text: str):
    assert cleaned(text).text


@pytest.mark.parametrize("name, body, kept", [
    ("10,000 sibling divs", "<div>Kestrel</div>" * 10_000, 0),
    # trafilatura's own extractor grows with the square of the children of one element
    ("20,000 links in one paragraph", "<p>" + "<a href='/k'>Kestrel</a> " * 20_000 + "</p>", 20_000),
    ("16,000 images in one paragraph", "<p>" + "<img src='k.png'> Kestrel " * 16_000 + "</p>", 16_000),
    # and its fallback extractors with the square of a page's blocks
    ("8,000 tables", "<div>" + "<table><tr><td>Kestrel</td></tr></table>" * 8_000 + "</div>", 0),
])
def test_crowded_html(name: str, body: str, kept: int):
    page = f"<html><body><article><p>{ARTICLE}</p>{body}<p>{ARTICLE}</p></article></body></html>"
    text = cleaned(page, html=True).text
    assert "grain agreement" in text and text.count("Kestrel") >= kept


def test_deeply_nested_html_and_json_ld():
    script = "<script type='application/ld+json'>" + "[" * 50_000 + "]" * 50_000 + "</script>"
    page = f"<html><head>{script}</head><body>{'<div>' * 200}<p>{ARTICLE}</p>{'</div>' * 200}</body></html>"
    assert "grain agreement" in cleaned(page, html=True).text
    # past the parser's depth limit the text is lost: one clear line, not a RecursionError
    page = f"<html><body>{'<div>' * 5000}<p>{ARTICLE}</p>{'</div>' * 5000}</body></html>"
    with time_budget(BUDGET):
        assert to_document(RawText(source="deep.html", text=page, html=True)).problem == "no article text found in the HTML"


def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    found: dict[int, tuple[str, re.Pattern[str]]] = {}
    for module in ("lines", "furniture", "normalize", "html", "markdown", "meta", "urls", "nearcopy", "structured"):
        for name, value in vars(importlib.import_module(f"dyad.ingest.{module}")).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found.setdefault(id(value), (f"{module}.{name}", value))
    return list(found.values())


# `make fuzz` runs every pattern on 50,000-character runs (a few minutes); `make test` on runs short
# enough for seconds yet long enough that a quadratic pattern would blow the budget
RUN_CHARS = 50_000 if os.environ.get("DYAD_FUZZ") == "full" else 5_000


def test_every_ingest_pattern_is_linear_on_runs():
    """Long runs of each character and pair of characters a pattern mentions, then an ending that
    makes it fail: the shapes that make backtracking patterns quadratic or worse."""
    for _name, pattern in _patterns():
        alphabet = sorted({c for c in pattern.pattern if not c.isalnum()} | set("aA1 .,_-'\"“”@:/()*\n"))
        units = alphabet + ["".join(p) for p in zip(alphabet, alphabet[1:] + alphabet[:1], strict=False)]
        units += ["the ", "and ", "by ", "Mr. ", "tel ", "jan", "http://", "www.", "this ", "A. "]
        with time_budget(10 * BUDGET):  # a Hang names the pattern in the traceback
            for unit in units:
                for ending in ("", "!", "\n", "x"):
                    text = unit * (RUN_CHARS // len(unit)) + ending
                    pattern.search(text), pattern.match(text), pattern.findall(text), pattern.sub("", text)
