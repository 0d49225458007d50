"""Numeric claims: values, units, approximation, and numbers that are not claims."""

from __future__ import annotations

import pytest

from dyad.extract.claims.words import number_words, units


def claims(run_extract, text: str):
    return run_extract(text).claims


def one(run_extract, text: str):
    found = claims(run_extract, text)
    assert len(found) == 1, [(c.value, c.unit) for c in found]
    return found[0]


def test_data_files_hold_words_not_yaml_booleans() -> None:
    # YAML reads a bare `no` or `on` as a boolean; the data files must quote them
    nw, un = number_words(), units()
    assert "no" in nw.labels and all(isinstance(w, str) for w in nw.labels)
    assert ("more", "than") in nw.qualifiers
    assert un.currency_symbols["$"] == "USD" and un.currency_words["won"] == "KRW"


@pytest.mark.parametrize(
    ("text", "value", "unit", "approx"),
    [
        ("The governments signed deals worth $12.5 billion last week.", 12_500_000_000, "USD", False),
        ("The province set up a fund of 500 billion won for farmers.", 500_000_000_000, "KRW", False),
        ("Exports to the bloc fell 15 percent in the spring.", 0.15, "share", False),
        ("The region buys nearly half of its wheat from abroad.", 0.5, "share", True),
        ("Tourism makes up about one-third of local income.", 0.333, "share", True),
        ("Officials signed a dozen trade pacts in Hanoi.", 12, "pacts", False),
        ("The embargo has lasted for a decade.", 10, "years", False),
        ("More than 10 memorandums were prepared.", 10, "memorandums", True),
        ("About 4,000 soldiers crossed the river.", 4000, "soldiers", True),
        ("Some 1.5 million people fled the fighting.", 1_500_000, "people", True),
        ("It was his first trip to the island in 17 years.", 17, "years", False),
        ("No leader had visited in more than four years.", 4, "years", True),
        ("The reserve covers 25 square kilometers of forest.", 25, "square kilometers", False),
        ("The budget set aside 42 million rand for clinics.", 42_000_000, "ZAR", False),
    ],
)
def test_figures(run_extract, text: str, value: float, unit: str, approx: bool) -> None:
    claim = one(run_extract, text)
    assert claim.value == pytest.approx(value, rel=0.01)
    assert claim.unit == unit
    assert claim.approx is approx
    if approx:
        assert claim.qualifier


@pytest.mark.parametrize(
    "text",
    [
        "In 2019 the second summit opened on March 3 at 10:30 a.m.",
        "The company will sell its Falcon 720 processors next year.",
        "The two leaders met again, and the three ministers left.",
        "The envoy, who is 64 years old, arrived on Monday.",
        "Call 555-0199 or write to No. 12, Harbour Lane 60.",
        "She joined three-way talks during the 20th century.",
        "Rates of type 2 diabetes are rising.",
    ],
)
def test_numbers_that_are_not_claims(run_extract, text: str) -> None:
    assert claims(run_extract, text) == []


def test_what_is_measured_and_which_states(run_extract) -> None:
    claim = one(run_extract, "About 1,200 Canadian troops are stationed in Latvia.")
    assert claim.about and "troops" in claim.about
    assert "CAN" in claim.actors and "LVA" in claim.actors
    assert claim.asserted_by is None


def test_quoted_figure_is_asserted_by_the_speaker(run_extract) -> None:
    text = '"We have moved 3,000 troops to the border," Defence Minister Tomas Varga said.'
    claim = one(run_extract, text)
    assert claim.value == 3000 and claim.unit == "troops"
    assert claim.asserted_by and "Varga" in claim.asserted_by


def test_a_figure_repeated_in_one_document_is_one_claim(run_extract) -> None:
    text = "The $4 billion loan was signed. Critics said the $4 billion loan came too late."
    found = claims(run_extract, text)
    assert [(c.value, c.unit) for c in found] == [(4_000_000_000, "USD")]
