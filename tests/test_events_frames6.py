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


def test_their_next_meeting_is_between_the_pair_the_sentence_before_coded(run_extract):
    text = ("Norway's prime minister met with Kenya's president for the first time at a summit in June 2018. "
            "Their second summit was in February 2019 in Nairobi.")
    events = [e for e in run_extract(text, "2024-03-15").events if e.code[:2] == "04"]
    assert [(e.source, e.target) for e in events] == [("NOR", "KEN"), ("NOR", "KEN")]
    assert events[1].trigger == "summit"


def test_their_meeting_said_of_the_one_just_told_or_after_several_pairs_is_no_new_one(run_extract):
    text = "Norway's prime minister visited Kenya on Monday. This is their second summit since May."
    assert len([e for e in run_extract(text, "2024-03-15").events if e.code[:2] == "04"]) == 1
    text = "Norway criticized Kenya and praised Peru on Monday. Their second meeting was brief."
    assert not any(code[:2] == "04" for _, _, code in coded(run_extract(text, "2024-03-15")))


def test_two_threats_that_name_different_things_are_two_threats(run_extract):
    text = ("Peru threatened retaliation against Chile. In past disputes, Peru has threatened to close its border "
            "with Chile.")
    assert len([e for e in run_extract(text, "2024-03-15").events if e.code == "131"]) == 2


def test_a_threat_told_again_with_the_same_thing_is_one_threat(run_extract):
    text = "Peru threatened sanctions against Chile. Later, Peru again threatened sanctions against Chile."
    assert len([e for e in run_extract(text, "2024-03-15").events if e.code[:2] == "13"]) == 1


def test_a_decision_disclosed_or_announced_at_home_is_a_statement(run_extract):
    text = "A Peruvian government spokesman disclosed the decision to a local radio station late on Tuesday."
    assert coded(run_extract(text, "2024-03-15")).get(("PER", "PER", "010")) is True
    text = "Kenya's defense minister announced the activation of a reserve battalion on Monday."
    assert ("KEN", "KEN", "010") in coded(run_extract(text, "2024-03-15"))


def test_announcing_a_measure_on_another_state_is_the_measure_alone(run_extract):
    result = coded(run_extract("Peru announced sanctions on Chile.", "2024-03-15"))
    assert ("PER", "CHL", "163") in result
    assert not any(code == "010" for _, _, code in result)


def test_conjoined_nationality_adjectives_on_a_measure_are_each_a_target(run_extract):
    result = coded(run_extract("Beijing hinted that it could retaliate with tariffs on German and Italian vehicles.",
                               "2024-03-15"))
    assert ("CHN", "DEU", "163") in result and ("CHN", "ITA", "163") in result


def test_calling_for_war_against_a_state_threatens_force(run_extract):
    result = coded(run_extract("Peru's president called for a total war against Chile.", "2024-03-15"))
    assert ("PER", "CHL", "138") in result and ("PER", "CHL", "100") not in result
    assert ("PER", "CHL", "026") in coded(run_extract("Peru called for talks with Chile.", "2024-03-15"))
