"""Events layer: parties named only in earlier sentences ("welcomed the deal") or beside a body's name ("their
Joint Council meeting"), each
shown on sentences written here."""

from __future__ import annotations


def coded(extraction) -> dict[tuple[str | None, str | None, str], bool]:
    """(source, target, code) -> realis of each event."""
    return {(e.source, e.target, e.code): e.realis for e in extraction.events}


def test_their_meeting_named_after_a_body_is_the_subjects_meeting(run_extract):
    text = ("In a statement issued at their Joint Trade Council meeting in May, Oslo and Nairobi voiced concern "
            "over Uganda's border policy.")
    result = coded(run_extract(text, "2024-03-15"))
    assert ("NOR", "KEN", "040") in result
    assert ("NOR", "UGA", "012") in result


def test_a_definite_deal_backed_later_is_support_for_both_its_sides(run_extract):
    text = "Brazil signed a trade deal with Chile on Monday. Argentina welcomed the deal."
    result = coded(run_extract(text, "2024-03-15"))
    assert result.get(("ARG", "BRA", "051")) is True
    assert result.get(("ARG", "CHL", "051")) is True


def test_a_deal_with_an_owner_or_never_coded_before_finds_no_sides(run_extract):
    text = "Brazil signed a trade deal with Chile on Monday. Argentina welcomed Peru's deal."
    assert ("ARG", "CHL", "051") not in coded(run_extract(text, "2024-03-15"))
    text = "Brazil held talks with Chile on a deal on Monday. Peru discussed trade. Argentina welcomed the deal."
    assert not any(s == "ARG" for s, _, _ in coded(run_extract(text, "2024-03-15")))
