"""Events: frames and parties found on full stories (issue 11, second round), each on sentences of our own."""

from __future__ import annotations

import pytest


def coded(result) -> set[tuple]:
    """(source, target, root) of the events with a state on both sides."""
    return {(e.source, e.target, e.root) for e in result.events if e.source and e.target}


def shown(result) -> list[tuple]:
    return [(e.source, e.target, e.code, e.realis, e.trigger) for e in result.events]


@pytest.mark.parametrize("text,triple", [
    # what an object's participle or relative clause is done to is the target of what is done to the object
    ("Canada said it would lift the sanctions it imposed on Iran.", ("CAN", "IRN", "08")),
    ("Peru lifted the tariffs imposed on Chilean wine.", ("PER", "CHL", "08")),
    # an event noun inside "a series of", "a wave of" is the light verb's object
    ("French jets carried out a series of airstrikes against Islamic State fighters in Syria.", ("FRA", "SYR", "19")),
    ("Russia launched a wave of attacks on Ukraine overnight.", ("RUS", "UKR", "19")),
])
def test_parties_reached_through_the_object(run_extract, text, triple) -> None:
    result = run_extract(text, "2024-03-15")
    assert triple in coded(result), shown(result)


@pytest.mark.parametrize("text,triple", [
    ("Japan's remarks angered Chinese officials.", ("CHN", "JPN", "11")),
    ("Chinese officials were angered by Japan's remarks.", ("CHN", "JPN", "11")),
    ("Turkish warships sailed near the island, irritating Greece each time.", ("GRC", "TUR", "11")),
])
def test_who_is_angered_disapproves_of_who_angered_it(run_extract, text, triple) -> None:
    result = run_extract(text, "2024-03-15")
    assert triple in coded(result), shown(result)
    assert triple[1::-1] + ("11",) not in coded(result), shown(result)


@pytest.mark.parametrize("text,triple", [
    # drawing closer to another state is an intent to cooperate (FORMAT.md: "move closer to Beijing")
    ("Hungary has continued to move closer to Moscow.", ("HUN", "RUS", "03")),
    ("Lawmakers worried about Ankara's shift toward Moscow.", ("TUR", "RUS", "03")),
    ("Serbia has tilted toward Beijing in recent years.", ("SRB", "CHN", "03")),
    # a harder line toward another state is disapproval
    ("Vietnam is expected to harden its stance toward China.", ("VNM", "CHN", "11")),
    ("Norway's new premier will be tough on Russia's fishing fleet.", ("NOR", "RUS", "11")),
    ("The president is sending a signal to Russia that it is paying attention.", None),
    # states that create a union together form it with each other
    ("Mali and Niger left the bloc and created a confederation of their own.", ("MLI", "NER", "05")),
    ("Washington is punishing Beijing over trade.", ("USA", "CHN", "16")),
    ("Britain will pay Mauritius $100 million a year for the lease.", ("GBR", "MUS", "06")),
])
def test_general_senses(run_extract, text, triple) -> None:
    result = run_extract(text, "2024-03-15")
    if triple is None:  # "the president" names no state: the signal is sent, but by nobody the text names
        assert not coded(result), shown(result)
        return
    assert triple in coded(result), shown(result)


def test_a_signal_sent_to_another_state_warns_it(run_extract) -> None:
    result = run_extract("Japan is sending a signal to Russia that it is paying attention.", "2024-03-15")
    assert ("JPN", "RUS", "13") in coded(result), shown(result)


@pytest.mark.parametrize("text,triple", [
    # a state appealing to, or acting on, its own people or places with no other state named: inside it
    ("Kenyan officials pleaded with residents to return to their villages.", ("KEN", "KEN", "02")),
    ("Ugandan security forces have occupied two hospitals.", ("UGA", "UGA", "17")),
    ("Somalia's intelligence agency said it closed 12 media outlets.", ("SOM", "SOM", "17")),
])
def test_acts_on_a_states_own_people_and_places(run_extract, text, triple) -> None:
    result = run_extract(text, "2024-03-15")
    assert triple in coded(result), shown(result)


def test_a_charge_rejected_in_a_relative_clause_is_rejected_to_whoever_made_it(run_extract) -> None:
    text = "Chile accused Peru of spying, a charge Lima quickly rejected."
    result = run_extract(text, "2024-03-15")
    assert ("PER", "CHL", "12") in coded(result), shown(result)


def test_ceasing_aid_to_a_state_reduces_it(run_extract) -> None:
    result = run_extract("Norway said it would cease military aid to Sudan.", "2024-03-15")
    assert ("NOR", "SDN", "16") in coded(result), shown(result)


def test_the_possessor_of_a_release_or_an_arrest_is_who_undergoes_it(run_extract) -> None:
    # "Ortega's release" is Ortega released, not Ortega releasing anyone
    result = run_extract("Spain called for Daniel Ortega's immediate release.", "2024-03-15")
    assert not [e for e in result.events if e.root == "08"], shown(result)
    result = run_extract("Nicaragua's release of two Spanish priests was welcomed.", "2024-03-15")
    assert ("NIC", "ESP", "08") in coded(result), shown(result)


def test_welcoming_an_announcement_welcomes_the_state_that_made_the_move(run_extract) -> None:
    text = "Chilean lawmakers welcomed the announcement that Peru had agreed to a ceasefire."
    assert ("CHL", "PER", "05") in coded(run_extract(text, "2024-03-15"))


@pytest.mark.parametrize("text,triple", [
    ("U.S. Secretary of State Marco Rubio led eight hours of talks with Ukrainian officials.", ("USA", "UKR", "04")),
    ("The Taliban said it had taken 30 Pakistani soldiers hostage.", ("AFG", "PAK", "18")),
    ("The United States has been waging a tariff war with Canada.", ("USA", "CAN", "16")),
])
def test_more_general_senses(run_extract, text, triple) -> None:
    result = run_extract(text, "2024-03-15")
    assert triple in coded(result), shown(result)


def test_a_pledge_of_support_for_a_state_is_made_to_it(run_extract) -> None:
    # pledging support is one-way: "for Kenya" is the one it is pledged to, not a topic
    result = run_extract("Sweden and Norway pledged more support for Kenya.", "2024-03-15")
    assert {("SWE", "KEN", "03"), ("NOR", "KEN", "03")} <= coded(result), shown(result)
    assert ("SWE", "NOR", "03") not in coded(result), shown(result)


@pytest.mark.parametrize("text", [
    "Peru rejected Chile's invitation on Monday.",
    "Peru has so far rejected Chile's outreach efforts.",
])
def test_an_offer_refused_by_another_was_made_to_it(run_extract, text) -> None:
    result = run_extract(text, "2024-03-15")
    assert {("PER", "CHL", "12"), ("CHL", "PER", "03")} <= coded(result), shown(result)


def test_an_offer_withdrawn_by_its_own_maker_is_no_offer(run_extract) -> None:
    result = run_extract("Peru withdrew its invitation to Chile.", "2024-03-15")
    assert ("PER", "CHL", "03") not in coded(result), shown(result)


@pytest.mark.parametrize("text,triple", [
    # a passive complement with no subject of its own: the subject above undergoes it
    ("Norwegian lawmakers are likely to be angered by a Russian court ruling.", ("NOR", "RUS", "11")),
    ("Peru attacked Chile and was condemned by Bolivia.", ("BOL", "PER", "11")),
    ("Peru is expected to be invited by Chile.", ("CHL", "PER", "03")),
])
def test_a_passive_complement_is_undergone_by_the_subject_above(run_extract, text, triple) -> None:
    result = run_extract(text, "2024-03-15")
    assert triple in coded(result), shown(result)


def test_saying_one_will_keep_up_pressure_is_a_threat(run_extract) -> None:
    # the event noun's light verb carries the act the saying threatens
    result = run_extract("Chile warned that it will keep up pressure on Peru.", "2024-03-15")
    assert {("CHL", "PER", "17"), ("CHL", "PER", "13")} <= coded(result), shown(result)


def test_saying_ones_own_talks_must_go_on_is_an_intent_to_talk(run_extract) -> None:
    result = run_extract("Peru's president said talks with Chile must continue.", "2024-03-15")
    assert [(e.code, e.realis) for e in result.events if (e.source, e.target) == ("PER", "CHL")] == [("036", True)]
    # another's talks said to be needed stay a demand on them
    result = run_extract("Peru said Chile must hold talks with Bolivia.", "2024-03-15")
    assert [(e.code, e.realis) for e in result.events if (e.source, e.target) == ("CHL", "BOL")] == [("040", False)]


@pytest.mark.parametrize("text,triple", [
    # disapproval of a body's report or resolution about a state is about that state
    ("Britain is concerned about the latest IAEA report about Iran's nuclear program.", ("GBR", "IRN", "11")),
    ("Chile criticized the UN report about Peru's mines.", ("CHL", "PER", "11")),
])
def test_disapproval_reaches_the_state_a_phrase_is_about(run_extract, text, triple) -> None:
    result = run_extract(text, "2024-03-15")
    assert triple in coded(result), shown(result)
    assert not [e for e in result.events if e.target is None], shown(result)


def test_occupying_buildings_seizes_property_occupying_land_takes_territory(run_extract) -> None:
    assert ("MMR", "MMR", "17") in coded(run_extract("Security forces in Myanmar occupied dozens of hospitals.", "2024-03-15"))
    assert ("RUS", "UKR", "19") in coded(run_extract("Russian forces occupied the Ukrainian town.", "2024-03-15"))


@pytest.mark.parametrize("text", [
    "Hundreds of Turkish protesters massed in front of Israel's consulate in Istanbul.",
    "Turkish protesters gathered outside the Israeli embassy in Ankara.",
])
def test_where_a_protest_gathers_names_whom_it_is_against(run_extract, text) -> None:
    result = run_extract(text, "2024-03-15")
    assert ("TUR", "ISR", "14") in coded(result), shown(result)


def test_barring_people_of_ones_own_from_something_restricts_them(run_extract) -> None:
    result = run_extract("Afghan authorities have barred girls from attending school.", "2024-03-15")
    assert ("AFG", "AFG", "17") in coded(result), shown(result)


def test_an_offer_whose_maker_the_pronoun_leaves_open_is_not_read(run_extract) -> None:
    text = ("Chilean President Gabriel Boric will ask Peruvian President Dina Boluarte to help restart talks with "
            "Bolivia, which has ignored his offers of talks.")
    result = run_extract(text, "2024-03-15")
    assert not [e for e in result.events if e.trigger == "offers"], shown(result)


def test_aid_received_from_a_state_is_given_by_it(run_extract) -> None:
    result = run_extract("Ukraine received military aid from Germany.", "2024-03-15")
    assert ("DEU", "UKR", "07") in coded(result), shown(result)
    assert ("UKR", "DEU", "07") not in coded(result), shown(result)
