"""Group and implicit parties of relations, read through the shared party resolver (extract/parties): sentences written for these tests."""

from __future__ import annotations


def found(run_extract, text: str, published: str | None = "2025-03-01") -> set[tuple[str, str, str, str]]:
    return {(r.a, r.type, r.polarity, r.b) for r in run_extract(text, published).relations}


def test_a_grouping_that_speaks_of_its_members_stands_for_them(run_extract) -> None:
    rels = found(run_extract, "The G7 countries affirmed their unwavering support for Moldova.")
    members = {"CAN", "FRA", "DEU", "ITA", "JPN", "GBR", "USA"}
    assert {a for a, kind, _p, b in rels if kind == "supports" and b == "MDA"} == members


def test_a_body_named_alone_or_a_large_grouping_is_not_its_members(run_extract) -> None:
    assert found(run_extract, "NATO reaffirmed its support for Moldova.") == set()
    assert not any(b == "MDA" for _a, _k, _p, b in found(run_extract, "NATO members affirmed their support for Moldova."))


def test_a_counted_reference_stands_for_the_states_named_last(run_extract) -> None:
    text = (
        "Officials from Chile, Peru and Bolivia met in Lima on Monday. "
        "The three neighbours are close partners, the ministers said."
    )
    rels = found(run_extract, text)
    assert {("BOL", "PER"), ("CHL", "PER"), ("BOL", "CHL")} <= {tuple(sorted((a, b))) for a, k, _p, b in rels if k == "partner"}
    wrong = "Officials from Chile, Peru, Bolivia and Ecuador met in Lima. The three neighbours are close partners."
    assert not any(k == "partner" for _a, k, _p, _b in found(run_extract, wrong))


def test_their_is_the_plural_subject_of_its_clause(run_extract) -> None:
    rels = found(run_extract, "Estonia and Latvia repeated their support for Moldova.")
    assert {("EST", "supports", "+", "MDA"), ("LVA", "supports", "+", "MDA")} <= rels


def test_their_after_a_counted_group_in_the_same_sentence(run_extract) -> None:
    text = ("Chile, Peru and Bolivia signed a water accord. "
            "Observers call these three nations a bloc, describing their growing collaboration.")
    pairs = {tuple(sorted((a, b))) for a, k, p, b in found(run_extract, text) if k == "partner" and p == "+"}
    assert {("BOL", "PER"), ("CHL", "PER"), ("BOL", "CHL")} <= pairs


def test_the_two_belligerents_are_rivals(run_extract) -> None:
    rels = found(run_extract, "Sudan and South Sudan met on Monday. The two belligerents agreed to swap prisoners.")
    assert {tuple(sorted((a, b))) for a, k, p, b in rels if k == "rival" and p == "+"} == {("SDN", "SSD")}
