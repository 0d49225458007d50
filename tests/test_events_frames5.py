"""Events layer: measures weighed, settlements made for others, a subject taken for an object, each shown on
sentences written here."""

from __future__ import annotations


def coded(extraction) -> dict[tuple[str | None, str | None, str], bool]:
    """(source, target, code) -> realis of each event."""
    return {(e.source, e.target, e.code): e.realis for e in extraction.events}


def test_measures_a_subject_discusses_are_its_own_and_not_yet_taken(run_extract):
    result = coded(run_extract("The Kenyan ministers discussed sanctions on Uganda and additional support for Rwanda.",
                               "2024-03-15"))
    assert result.get(("KEN", "UGA", "163")) is False
    assert result.get(("KEN", "RWA", "070")) is False


def test_a_measure_considered_by_two_states_is_each_ones(run_extract):
    result = coded(run_extract("Norway and Sweden considered further aid to Kenya.", "2024-03-15"))
    assert result.get(("NOR", "KEN", "070")) is False
    assert result.get(("SWE", "KEN", "070")) is False


def test_a_measure_with_an_owner_stays_the_owners(run_extract):
    result = coded(run_extract("Brazil discussed Argentina's support for Chile.", "2024-03-15"))
    assert ("BRA", "CHL", "051") not in result and ("BRA", "CHL", "070") not in result
    assert result.get(("ARG", "CHL", "051")) is True  # discussing it does not make it hypothetical


def test_more_support_for_a_state_is_aid(run_extract):
    result = coded(run_extract("Norway's foreign minister said Oslo would consider additional support for Kenya.",
                               "2024-03-15"))
    assert ("NOR", "KEN", "070") in result
    assert not any(code == "051" for _, _, code in result)


def test_a_name_after_said_is_the_subject_of_the_clause_that_follows(run_extract):
    text = "A diplomatic source said Lima in the last few years imposed onerous controls on Chilean operations."
    assert ("PER", "CHL", "163") in coded(run_extract(text, "2024-03-15"))
    text = "An aide said Oslo over the past decade imposed strict limits on Swedish fishing in the fjord."
    assert any(s == "NOR" and t == "SWE" for s, t, _ in coded(run_extract(text, "2024-03-15")))


def test_a_hyphen_after_an_abbreviation_splits_before_a_lower_case_word_only(nlp):
    words = [t.text for t in nlp("They accepted a U.S.-proposed truce and a U.N.-backed plan.")]
    assert words[3:6] == ["U.S.", "-", "proposed"] and words[9:12] == ["U.N.", "-", "backed"]
    assert "U.S.-Japan" in [t.text for t in nlp("The U.S.-Japan NEXT Alliance Initiative met.")]


def test_a_state_that_proposed_a_ceasefire_mediates_with_each_side_of_the_war(run_extract):
    text = "Norway urged Ethiopia to accept a Kenyan-brokered truce in the Ethiopia-Eritrea conflict."
    result = coded(run_extract(text, "2024-03-15"))
    assert result.get(("KEN", "ETH", "045")) is True  # brokered: done, whatever Ethiopia is urged to do
    assert result.get(("KEN", "ERI", "045")) is True
    assert ("ETH", "ERI", "045") not in result and ("ERI", "ETH", "045") not in result


def test_a_brokered_truce_between_two_states_is_mediation_with_each(run_extract):
    result = coded(run_extract("Peru welcomed the U.S.-brokered truce between Ecuador and Chile.", "2024-03-15"))
    assert ("USA", "ECU", "045") in result and ("USA", "CHL", "045") in result
    assert ("USA", "PER", "045") not in result  # who welcomes it received no mediation


def test_mediating_between_two_states_is_no_mediation_between_them(run_extract):
    result = coded(run_extract("Brazil mediated between Bolivia and Chile.", "2024-03-15"))
    assert ("BRA", "BOL", "045") in result and ("BRA", "CHL", "045") in result
    assert ("BOL", "CHL", "045") not in result


def test_a_measure_on_imports_is_taken_by_the_state_they_go_to(run_extract):
    result = coded(run_extract("The vote follows tariff hikes on Chinese steel imports to Peru and Chile.", "2024-03-15"))
    assert ("PER", "CHN", "163") in result and ("CHL", "CHN", "163") in result
    result = coded(run_extract("A ban on Russian oil imports into Norway took effect.", "2024-03-15"))
    assert ("NOR", "RUS", "163") in result
    assert ("RUS", "NOR", "163") not in result


def test_a_thing_backed_in_a_relative_clause_is_the_noun_it_follows(run_extract):
    result = coded(run_extract("Peru endorsed the Brazilian plan, which is also backed by Chile.", "2024-03-15"))
    assert ("CHL", "BRA", "051") in result
    text = "All the ministers agree with the Brazilian proposal of a ceasefire that is supported by Chile."
    assert ("CHL", "BRA", "051") in coded(run_extract(text, "2024-03-15"))
