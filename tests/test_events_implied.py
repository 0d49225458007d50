"""Events layer: parties the text implies (a giver named on the gift, an object shared by alternatives), each
shown on sentences written for these tests."""

from __future__ import annotations


def triples(extraction) -> set[tuple[str | None, str | None, str]]:
    return {(e.source, e.target, e.root) for e in extraction.events}


def test_state_named_on_what_is_received_gave_it(run_extract):
    found = triples(run_extract("Ghana accepted Japanese loans for its railways last year.", "2024-03-15"))
    assert ("JPN", "GHA", "07") in found
    assert ("GHA", "JPN", "07") not in found


def test_a_from_phrase_still_names_the_giver(run_extract):
    found = triples(run_extract("Kenya received military aid from Germany.", "2024-03-15"))
    assert ("DEU", "KEN", "07") in found


def test_alternatives_share_their_object(run_extract):
    found = triples(run_extract("Egypt has threatened to shut or suspend Sudanese consulates.", "2024-03-15"))
    assert ("EGY", "SDN", "13") in found


def test_a_verb_joined_by_and_keeps_no_object_of_the_next(run_extract):
    text = "Officials in Lima saw how Chile's measures backfired and fueled anti-Peru sentiment."
    assert not [e for e in run_extract(text, "2024-03-15").events if e.root == "16"]


def test_strikes_on_targets_are_on_the_state_they_are_placed_in(run_extract):
    found = triples(run_extract("Israel launched strikes on targets in Lebanon on Monday.", "2024-03-15"))
    assert ("ISR", "LBN", "19") in found


def test_airstrikes_against_a_group_abroad_are_on_its_host_state(run_extract):
    text = "French forces carried out a series of airstrikes against jihadists in Mali."
    assert ("FRA", "MLI", "19") in triples(run_extract(text, "2024-03-15"))


def test_an_offer_refused_with_its_is_the_other_sides(run_extract):
    text = "Norway renewed its appeal on Monday, but Sweden rejected its offer of talks."
    found = triples(run_extract(text, "2024-03-15"))
    assert ("SWE", "NOR", "12") in found
    assert ("NOR", "SWE", "03") in found


def test_no_other_side_before_its_offer_names_nobody(run_extract):
    found = triples(run_extract("Brazil has rejected its own proposal for talks.", "2024-03-15"))
    assert not [t for t in found if t[2] in ("03", "12")]


def test_between_on_the_verb_names_the_parties_of_its_event_noun(run_extract):
    text = "Officials expect that a summit will take place between Ghana and Togo next month."
    found = {(e.source, e.target, e.root, e.realis) for e in run_extract(text, "2024-03-15").events}
    assert ("GHA", "TGO", "04", False) in found


def test_an_event_noun_said_to_be_another_is_told_again(run_extract):
    text = ("The Norwegian prime minister will visit Sweden on Monday. "
            "The visit will be the first meeting between Norway and Sweden since 2019.")
    found = triples(run_extract(text, "2024-03-15"))
    assert ("NOR", "SWE", "04") in found
    assert not [t for t in found if t[2] == "04" and t != ("NOR", "SWE", "04")]
    assert len([e for e in run_extract(text, "2024-03-15").events if e.root == "04"]) == 1


def test_some_of_whom_acts_for_the_noun_it_picks_from(run_extract):
    text = "Israeli police fired tear gas at Palestinian demonstrators, some of whom threw rocks at police."
    assert ("PSE", "ISR", "14") in triples(run_extract(text, "2024-03-15"))


def test_a_thing_owned_or_funded_by_a_state_stands_for_it(run_extract):
    found = triples(run_extract("Greek commandos stormed the Blue Star, a Turkish-owned ship.", "2024-03-15"))
    assert ("GRC", "TUR", "19") in found
    found = triples(run_extract("Kenya's government last year froze a Chinese-funded railway project.", "2024-03-15"))
    assert ("KEN", "CHN", "16") in found


def test_an_apposition_lends_only_its_own_modifiers(run_extract):
    text = "Pyongyang said it had tested missiles after recent events, a reference to the U.S. indictment of Maduro."
    assert not [e for e in run_extract(text, "2024-03-15").events if e.target == "USA"]


def test_a_partner_said_of_another_state_praises_it(run_extract):
    text = "\u201cKenya is an important partner for peace in the region,\u201d Ugandan President Yoweri Museveni said."
    assert ("UGA", "KEN", "05") in triples(run_extract(text, "2024-03-15"))


def test_a_goal_told_as_a_clausal_subject_is_its_owners_and_not_done(run_extract):
    text = "Persuading Moscow to lift these restrictions is high on Germany's agenda."
    found = [e for e in run_extract(text, "2024-03-15").events if (e.source, e.target, e.root) == ("DEU", "RUS", "02")]
    assert found and not found[0].realis
    assert found[0].code == "025"


def test_their_collaboration_pairs_the_states_their_stands_for(run_extract):
    text = ("Ministers held a session on challenges posed by Cuba, Iran and Venezuela. "
            "Analysts refer to these three nations as a bloc, describing their growing anti-Western collaboration.")
    found = triples(run_extract(text, "2024-03-15"))
    assert {("CUB", "IRN", "05"), ("CUB", "VEN", "05"), ("IRN", "VEN", "05")} <= found


def test_transferring_components_is_military_aid(run_extract):
    found = triples(run_extract("Belarus transfers components for Russia's drones.", "2024-03-15"))
    assert ("BLR", "RUS", "07") in found


def test_a_sale_criticised_still_goes_to_its_receiver(run_extract):
    found = triples(run_extract("Beijing slammed Washington's arms sale to Taipei.", "2024-03-15"))
    assert {("CHN", "USA", "11"), ("USA", "TWN", "07")} <= found
