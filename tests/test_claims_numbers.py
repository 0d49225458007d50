"""Number words, articles, multiples, ranges, hyphenated adjectives, qualifiers and bounds, and the
way figures are shown: sentences written for these tests."""

from __future__ import annotations

import math

import pytest

from dyad.figures import figure_text, format_value, unit_plural, unit_singular


def found(run_extract, text: str) -> list[tuple[float, str, bool, str | None]]:
    return [(c.value, c.unit, c.approx, c.bound) for c in run_extract(text).claims]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The army sent one hundred forty engineers to the valley.", 140, "engineers"),
        ("Some two thousand five hundred refugees crossed on foot.", 2500, "refugees"),
        ("The strike lasted twenty-four hours.", 24, "hours"),
        ("The talks dragged on for an hour.", 1, "hours"),
        ("The ceasefire collapsed a week later.", 1, "weeks"),
        ("Close to a million voters stayed at home.", 1_000_000, "voters"),
        ("Exports to the island tripled.", 3, "times"),
        ("Imports grew twice as fast as expected.", 2, "times"),
        ("The region saw an almost tenfold rise in attacks.", 10, "times"),
        ("The bloc unveiled a 23-point plan for the harbour.", 23, "points"),
        ("Ministers held a four-hour meeting in the port.", 4, "hours"),
        ("The 27-nation bloc voted on Friday.", 27, "nations"),
        ("The lake covers a 3.5 million-square-kilometer basin.", 3_500_000, "square kilometers"),
        ("A gap of four years separated the two votes.", 4, "years"),
        ("Fuel prices rose in the past month across the north.", 1, "months"),
        ("The fighting has worsened over the last couple of weeks.", 2, "weeks"),
        ("The islands ended a yearlong quarrel over fishing rights.", 1, "years"),
        ("Police arrested seven men, including two women, in the raid.", 2, "women"),
        ("The port will cost $3bn to rebuild.", 3_000_000_000, "USD"),
        ("Half a million people fled the city.", 500_000, "people"),
        ("One in five adults in the province is unemployed.", 0.2, "share"),
    ],
)
def test_numbers_in_words_articles_and_adjectives(run_extract, text: str, value: float, unit: str) -> None:
    assert any(v == pytest.approx(value, rel=0.01) and u == unit for v, u, _a, _b in found(run_extract, text))


def test_a_range_is_a_lower_and_an_upper_bound_with_the_unit_of_the_second(run_extract) -> None:
    text = "Analysts put the number of rebel fighters in the hills at between 1,500 and 3,000."
    assert found(run_extract, text) == [(1500, "fighters", True, "lower"), (3000, "fighters", True, "upper")]
    assert found(run_extract, "Officials expect 10 to 12 ships to dock this week.")[:2] == [
        (10, "ships", True, "lower"),
        (12, "ships", True, "upper"),
    ]


@pytest.mark.parametrize(
    ("text", "bound"),
    [
        ("More than 10 agreements were signed.", "lower"),
        ("At least 50 militants were killed in the raids.", "lower"),
        ("Up to 10,000 civilians fled the town.", "upper"),
        ("Nearly 4,000 soldiers crossed the river.", None),
    ],
)
def test_qualifiers_say_which_bound(run_extract, text: str, bound: str | None) -> None:
    (claim,) = run_extract(text).claims
    assert claim.approx and claim.bound == bound


def test_an_expected_figure_is_marked(run_extract) -> None:
    (claim,) = run_extract("Trade between the islands is expected to reach $5 billion next year.").claims
    assert claim.expected
    (reported,) = run_extract("Trade between the islands reached $5 billion last year.").claims
    assert not reported.expected


def test_numbered_intervals_and_small_counts_are_claims_but_references_and_names_are_not(run_extract) -> None:
    assert (2, "days", False, None) in found(run_extract, "The envoy resigned two days after the vote.")
    assert (1, "years", False, None) in found(run_extract, "A year ago the talks collapsed.")
    assert found(run_extract, "The two leaders met again, and these three ministers left.") == []
    assert found(run_extract, "She wrote the book Zero Sum on markets.") == []
    assert (4, "nations", False, None) in found(run_extract, "Analysts call these four nations an axis.")


def test_a_repeated_figure_is_one_claim_unless_it_is_another_estimate(run_extract) -> None:
    text = "At least 50 militants were killed. Officials said 50 militants died."
    assert found(run_extract, text) == [(50, "militants", True, "lower")]
    text = "Up to 10,000 civilians were displaced. About 10,000 civilians are hiding in the bush."
    assert [c[3] for c in found(run_extract, text)] == ["upper", None]


def test_huge_numbers_are_no_figure_rather_than_infinity(run_extract) -> None:
    text = "The fund holds " + "9" * 400 + " dollars and a trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion tons."
    assert all(math.isfinite(c.value) for c in run_extract(text).claims)


def test_units_through_a_dictionary_of_nouns() -> None:
    assert unit_singular("countries") == "country" and unit_singular("crises") == "crisis"
    assert unit_singular("analysis") == "analysis" and unit_singular("USD") == "USD"
    assert unit_plural("country") == "countries" and unit_plural("countries") == "countries"


def test_figures_keep_their_qualifier_and_never_an_exponent() -> None:
    assert figure_text(10, "agreements", "more than") == "more than 10 agreements"
    assert figure_text(1500, "fighters", None, "lower") == "at least 1,500 fighters"
    assert figure_text(0.2, "share", "up to") == "up to 20%"
    assert format_value(2_000_000) == "2,000,000" and "e" not in format_value(2.5e12)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The army received 12 U.S.-made long-range air defense missile systems last year.", 12, "systems"),
        ("Officials said 300 highly trained North Korean special forces troops had arrived.", 300, "troops"),
        ("Some 40 newly built Chinese-designed coast guard patrol vessels joined the fleet.", 40, "vessels"),
    ],
)
def test_units_with_long_modifier_chains(run_extract, text: str, value: float, unit: str) -> None:
    (claim,) = run_extract(text).claims
    assert (claim.value, claim.unit) == (value, unit)
    assert text[claim.evidence.start : claim.evidence.end].endswith(unit)
