"""Regression tests: inputs that once made extraction fail, crawl or mislay offsets (issue 16)."""

from __future__ import annotations

import datetime as dt

import pytest

from dyad.extract.common import parse as parse_module
from dyad.extract.common.parse import MAX_RUN, parse, pieces, tokenizer_text
from dyad.extract.events.dates import resolve
from dyad.extract.pipeline import extract, extract_many
from dyad.records import DocExtraction, Document, ExtractionFailure


def doc(text: str, published: dt.date | None = None, doc_id: str = "r") -> Document:
    return Document(id=doc_id, text=text, published=published)


def assert_offsets_hold(document: Document, result: DocExtraction) -> None:
    """Every entity and mention repeats the document's own words at its offsets."""
    for item in [*result.entities, *result.mentions]:
        assert document.text[item.evidence.start : item.evidence.end] == item.text


def test_the_tokenizer_text_keeps_every_offset() -> None:
    for text in ['"' * 10_000, "a" * 300_000, "x \udfff y", "(" * 5000 + "Chile" + ")" * 5000, "plain words"]:
        seen = tokenizer_text(text)
        assert len(seen) == len(text)
        assert max((len(w) for w in seen.split()), default=0) <= MAX_RUN
        assert all(a == b or b in " \ufffd" for a, b in zip(text, seen, strict=True))
    assert tokenizer_text("no long runs here") == "no long runs here"


def test_ten_thousand_quotation_marks_are_extracted(nlp) -> None:
    # the tokenizer once took ~50 s on this: it now sees runs of at most MAX_RUN characters
    document = doc('Norway met Chile. ' + '"' * 10_000 + " Japan protested.")
    result = extract(document, nlp)
    assert_offsets_hold(document, result)
    assert {e.text for e in result.entities} >= {"Norway", "Chile", "Japan"}


def test_pieces_cut_at_paragraphs_and_cover_the_text() -> None:
    text = ("Norway met Chile on Monday. " * 20 + "\n\n") * 50
    cuts = list(pieces(text, 2000))
    assert "".join(text[a:b] for a, b in cuts) == text
    assert all(b - a <= 2000 for a, b in cuts) and all(text[:b].endswith("\n\n") for _, b in cuts[:-1])
    assert list(pieces("x" * 2500, 1000)) == [(0, 1000), (1000, 2000), (2000, 2500)]  # no break: hard cuts


def test_a_text_over_the_model_limit_is_parsed_in_pieces_with_exact_offsets(nlp, monkeypatch) -> None:
    # the same mechanism as a 1,200,000-character article against spaCy's 1,000,000 (E088), at a small scale
    monkeypatch.setattr(nlp, "max_length", 3000)
    monkeypatch.setattr(parse_module, "CHUNK_CHARS", 2000)
    paragraph = "Japan and Peru signed a fishing pact in Lima on Monday. Chile protested the deal.\n\n"
    document = doc(paragraph * 60)
    assert len(document.text) > nlp.max_length
    with pytest.raises(ValueError, match="E088"):
        nlp(document.text)
    parsed = parse(nlp, document.text)
    assert parsed.text == document.text
    result = extract(document, nlp)
    assert_offsets_hold(document, result)
    assert sum(e.text == "Lima" for e in result.entities) == 60


def test_a_document_spacy_refuses_fails_alone(nlp, monkeypatch) -> None:
    monkeypatch.setattr(nlp, "max_length", 200)
    docs = [doc("Norway met Chile.", doc_id="a"), doc("Peru met Japan. " * 20, doc_id="b"), doc("Chad met Mali.", doc_id="c")]
    out = {d.id: x for d, x in extract_many(docs, nlp)}
    assert isinstance(out["a"], DocExtraction) and isinstance(out["c"], DocExtraction)
    failed = out["b"]
    assert isinstance(failed, ExtractionFailure) and failed.stage == "parse" and "E088" in failed.reason


@pytest.mark.parametrize("text", [
    "Peru and Chile met \udfff in Lima on Monday.",  # a lone surrogate from a JSON escape
    "Nor\x00way and Ch\x00ile signed a pact.\x00",
    "Ki\u200dm Ho-sung met \u202eNorway\u202c officials; \u2066Chile\u2069 agreed.",
    "Trade rose by 1e400 tonnes, or " + "9" * 400 + " dollars, officials said.",
    "(" * 3000 + "Norway met Chile" + ")" * 3000,
    "Mr. A " * 2000,
])
def test_hostile_text_is_extracted_without_error(nlp, text: str) -> None:
    result = extract(doc(text), nlp)
    assert all(c.value == c.value and abs(c.value) != float("inf") for c in result.claims)


@pytest.mark.parametrize("day", [dt.date.max, dt.date.min, dt.date(9999, 12, 27), dt.date(1, 1, 2)])
def test_relative_dates_against_extreme_publication_days(nlp, day: dt.date) -> None:
    for phrase in ("tomorrow", "yesterday", "next week", "last weekend", "next Monday", "three weeks ago"):
        resolve(phrase, day, "future")
        resolve(phrase, day, "past")
    text = "Japan will meet Chile tomorrow and next Monday. Peru met Chad yesterday and last weekend."
    extract(doc(text, published=day), nlp)
