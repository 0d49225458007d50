"""Claim rules found on unseen articles: hyphenated spans, "for almost a year", larger spelled
counts, and designations after capitals. Sentences written for these tests."""

from __future__ import annotations

import pytest


def found(run_extract, text: str) -> set[tuple[float, str, bool]]:
    return {(c.value, c.unit, c.approx) for c in run_extract(text).claims}


@pytest.mark.parametrize(
    ("text", "value", "unit", "approx"),
    [
        ("The navy began a three-day drill off the coast.", 3, "days", False),
        ("Both sides accepted a 45-day truce on Sunday.", 45, "days", False),
        ("The two capitals have argued over the river for almost a year.", 1, "years", True),
        ("The ministers signed seven accords in the capital.", 7, "accords", False),
        ("A year ago the talks collapsed.", 1, "years", False),  # numbered intervals are claims (FORMAT.md)
    ],
)
def test_spans_and_counts_are_claims(run_extract, text: str, value: float, unit: str, approx: bool) -> None:
    assert (value, unit, approx) in found(run_extract, text)


@pytest.mark.parametrize(
    "text",
    [
        "The 12-year-old boy was found safe.",  # an age
        "The air force wants to buy the MK 29 jet.",  # a designation
        "The delegates held two meetings on Friday.",  # a small spelled count that only describes
    ],
)
def test_not_claims(run_extract, text: str) -> None:
    assert found(run_extract, text) == set()
