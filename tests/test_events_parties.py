"""Events with groups, implicit parties, every kind of party, restatements and the matching gaps, on
sentences of our own (issue 11)."""

from __future__ import annotations

import pytest


def coded(result, *, all_parties: bool = False) -> set[tuple]:
    """(source, target, code) of the events; only those with a state on both sides unless `all_parties`."""
    return {(e.source, e.target, e.code) for e in result.events if all_parties or (e.source and e.target)}


def shown(result) -> list[tuple]:
    return [(e.source, e.target, e.code, e.trigger, e.source_actor, e.target_actor) for e in result.events]


# -- groups and plurals ----------------------------------------------------------------------


def test_a_conjunct_list_of_any_length_meets_pairwise_first_named_first(run_extract) -> None:
    result = run_extract("Brazil, Chile, Peru and Uruguay met in Lima.", "2024-03-15")
    assert coded(result) == {("BRA", "CHL", "040"), ("BRA", "PER", "040"), ("BRA", "URY", "040"),
                             ("CHL", "PER", "040"), ("CHL", "URY", "040"), ("PER", "URY", "040")}


def test_a_forums_act_is_one_event_per_member(run_extract) -> None:
    result = run_extract("G7 foreign ministers urged Iran to release the detainees.", "2024-03-15")
    assert {s for s, t, c in coded(result) if t == "IRN" and c == "025"} == {
        "CAN", "DEU", "FRA", "GBR", "ITA", "JPN", "USA"}
    assert {e.source_actor for e in result.events} == {"igo:G7"}


def test_they_and_the_group_carry_a_grouping_into_the_next_sentences(run_extract) -> None:
    text = ("Quad foreign ministers met in Tokyo on Monday. They called on Beijing to respect the ruling. "
            "The grouping also criticized North Korea.")
    found = coded(run_extract(text, "2024-03-15"))
    assert {s for s, t, c in found if t == "CHN" and c.startswith("02")} == {"AUS", "IND", "JPN", "USA"}
    assert {s for s, t, c in found if t == "PRK" and c == "111"} == {"AUS", "IND", "JPN", "USA"}


def test_a_body_on_one_side_is_stored_without_a_state_there(run_extract) -> None:
    result = run_extract("The EU imposed sanctions on Belarus.", "2024-03-15")
    assert coded(result, all_parties=True) == {(None, "BLR", "163")}
    assert result.events[0].source_actor == "igo:EU"


def test_both_countries_doing_a_one_way_act_do_it_to_each_other(run_extract) -> None:
    text = "Chile and Peru traded accusations on Monday. Both countries withdrew their ambassadors."
    assert {("CHL", "PER", "161"), ("PER", "CHL", "161")} <= coded(run_extract(text, "2024-03-15"))


def test_a_symmetric_event_is_never_stored_twice(run_extract) -> None:
    text = "Brazil and Argentina held talks. The talks between Argentina and Brazil were friendly."
    result = run_extract(text, "2024-03-15")
    assert [(e.source, e.target) for e in result.events if e.root == "04"] == [("BRA", "ARG")]


def test_a_restated_event_is_one_event(run_extract) -> None:
    text = "Russia's invasion of Ukraine began in 2022. Analysts said the invasion of Ukraine by Russia changed Europe."
    assert [(e.source, e.target, e.code) for e in run_extract(text, "2024-03-15").events] == [("RUS", "UKR", "190")]


def test_two_dated_mentions_are_two_events(run_extract) -> None:
    text = "Kenyan President William Ruto visited Uganda in May 2023. He visited Uganda again in June 2024."
    assert [e.when for e in run_extract(text, "2024-07-01").events if e.code == "042"] == ["2023-05", "2024-06"]


# -- implicit parties --------------------------------------------------------------------------


def test_a_plural_pronoun_carries_both_subjects(run_extract) -> None:
    result = run_extract("Chile and Peru said they would sign a trade pact with Bolivia.", "2024-03-15")
    assert {("CHL", "BOL", "057"), ("PER", "BOL", "057")} <= coded(result)
    assert all(not e.realis for e in result.events if e.code == "057")


def test_a_description_points_back_to_the_state_it_describes(run_extract) -> None:
    text = "China sent warships toward Taiwan. Beijing warned the island against independence."
    assert ("CHN", "TWN", "130") in coded(run_extract(text, "2024-03-15"))


def test_an_event_noun_reads_its_possessor_across_a_date(run_extract) -> None:
    result = run_extract("Hamas's Oct. 7 attack on Israel killed hundreds.", "2024-03-15")
    assert [(e.source, e.target, e.root) for e in result.events] == [("PSE", "ISR", "19")]  # the killing is the attack


def test_a_meeting_among_several_pairs_them_all(run_extract) -> None:
    result = run_extract("Putin held a meeting among Russian, Chinese and Iranian envoys.", "2024-03-15")
    assert {("CHN", "IRN", "040"), ("RUS", "CHN", "040"), ("RUS", "IRN", "040")} <= coded(result)


# -- inside one state ---------------------------------------------------------------------------


@pytest.mark.parametrize("text,code", [
    # an armed group's force on villages is unconventional violence (180); a state's forces fight (190)
    ("Rebels attacked villages in northern Mali on Sunday.", "180"),
    ("Police in Kenya arrested dozens of protesters in Nairobi.", "173"),
    ("Government forces in Mali attacked rebels near the border.", "190"),
])
def test_events_inside_one_state_are_coded_to_it(run_extract, text, code) -> None:
    state = "MLI" if "Mali" in text else "KEN"
    assert (state, state, code) in coded(run_extract(text, "2024-03-15")), shown(run_extract(text, "2024-03-15"))


def test_a_state_acting_on_its_own_officials_is_not_an_event(run_extract) -> None:
    assert not run_extract("Kenya's president met Kenya's foreign minister.", "2024-03-15").events


def test_killing_militants_with_no_place_is_left_out(run_extract) -> None:
    assert not coded(run_extract("The army killed 20 militants on Sunday.", "2024-03-15"))


# -- matching gaps ------------------------------------------------------------------------------


@pytest.mark.parametrize("text,source,target,code", [
    ("Peru recalled its ambassador from Chile on Monday.", "PER", "CHL", "161"),
    ("Kenya received a delegation from Uganda.", "KEN", "UGA", "043"),
    ("Ethiopia pulled its troops from Somalia last year.", "ETH", "SOM", "087"),
    ("Bolivia withdrew from the talks with Paraguay.", "BOL", "PRY", "164"),
    ("Iran walked out of the talks with France.", "IRN", "FRA", "164"),
    ("Qatar brokered a ceasefire between Armenia and Azerbaijan.", "QAT", "AZE", "045"),
    ("Lebanon complained to the United Nations over Israel's strikes.", "LBN", "ISR", "114"),
    ("Turkey carried out airstrikes in Iraq on Tuesday.", "TUR", "IRQ", "195"),
    ("Japan is concerned about China's military buildup.", "JPN", "CHN", "111"),
    ("Chile and Peru told Argentina in phone calls that they backed the plan.", "PER", "ARG", "041"),
    ("Norway forgave Ghana's debt.", "NOR", "GHA", "071"),
    ("Qatar threatened to end its mediation between Egypt and Sudan.", "QAT", "SDN", "135"),
    ("Kenya held Somalia responsible for the attack.", "KEN", "SOM", "112"),
    ("China called Japan's decision a serious provocation.", "CHN", "JPN", "111"),
    ("Japan's prime minister spoke by phone with Joe Biden.", "JPN", "USA", "041"),
])
def test_matching_gaps(run_extract, text, source, target, code) -> None:
    result = run_extract(text, "2024-03-15")
    assert (source, target, code) in coded(result), shown(result)


def test_a_word_that_ends_what_it_absorbs_cancels_it(run_extract) -> None:
    for text in ("Qatar suspended its mediation between Egypt and Sudan.",
                 "Qatar threatened to end its mediation between Egypt and Sudan."):
        assert not any(e.code == "045" for e in run_extract(text, "2024-03-15").events), text


def test_an_actor_valued_slot(run_extract) -> None:
    assert ("FRA", "RUS", "041") in coded(run_extract("French President Emmanuel Macron called Vladimir Putin on Friday.",
                                                      "2024-03-15"))
    assert not any(e.code == "041" for e in run_extract("France called the plan a mistake.", "2024-03-15").events)


def test_a_hoped_for_appeal_is_irrealis(run_extract) -> None:
    result = run_extract("Japan hoped to persuade China to lift the ban.", "2024-03-15")
    assert [(e.code[:2], e.realis) for e in result.events if e.target == "CHN"][:1] == [("02", False)]


# -- realis -------------------------------------------------------------------------------------


def test_what_is_only_discussed_did_not_happen(run_extract) -> None:
    result = run_extract("Canada and Mexico discussed imposing new tariffs on Cuba.", "2024-03-15")
    assert [(e.source, e.realis, e.modality) for e in result.events if e.root == "16"] == [
        ("CAN", False, "hypothetical"), ("MEX", False, "hypothetical")]


def test_what_a_modal_verb_of_evidence_says_leaves_its_subject_a_fact(run_extract) -> None:
    text = "Beijing's engagement in talks with Seoul may suggest a shift."
    assert [(e.code, e.realis) for e in run_extract(text, "2024-03-15").events] == [("040", True)]


def test_a_dated_past_decision_was_carried_out_a_pending_one_was_not(run_extract) -> None:
    past = run_extract("Peru's 2016 decision to host Chile's president angered Bolivia.", "2024-03-15")
    pending = run_extract("Peru's decision to host Chile's president angered Bolivia.", "2024-03-15")
    assert [e.realis for e in past.events if e.code == "043"] == [True]
    assert [e.realis for e in pending.events if e.code == "043"] == [False]


def test_a_modifier_of_an_event_noun_is_no_side(run_extract) -> None:
    text = ("US troops have been stationed in South Korea in case of a North Korean attack, and last year the "
            "two sides agreed to cooperate on building submarines.")
    assert ("USA", "KOR", "031") in coded(run_extract(text, "2024-03-15"))


def test_a_hyphenated_pair_before_a_noun_names_both_sides(run_extract) -> None:
    assert ("RUS", "UKR", "190") in coded(run_extract("The Russia-Ukraine war entered its third year.", "2024-03-15"))


def test_a_demonym_the_actor_stage_passed_over_still_names_its_state(run_extract) -> None:
    result = run_extract("An unofficial ban imposed by Beijing on Korean pop culture is on the agenda.", "2024-03-15")
    assert ("CHN", "KOR", "163") in coded(result)


def test_a_capitalised_subheading_noun_is_still_a_trigger(run_extract) -> None:
    text = "Border talks Negotiations between Chile and Peru have gone on for years."
    assert ("CHL", "PER", "046") in coded(run_extract(text, "2024-03-15"))


def test_a_suggested_armed_response_is_a_threat_of_force(run_extract) -> None:
    text = ("Japanese Prime Minister Sanae Takaichi suggested that Tokyo could respond with force in the event "
            "of a Chinese attack on Taiwan.")
    found = coded(run_extract(text, "2024-03-15"))
    assert {("JPN", "CHN", "138"), ("JPN", "CHN", "190")} <= found


def test_a_group_placed_once_in_the_document_stays_placed(run_extract) -> None:
    text = "Al-Shabab fighters attacked a hotel in Somalia on Monday. Al-Shabab claimed responsibility for the attack."
    assert {("SOM", "SOM", "180"), ("SOM", "SOM", "015")} <= coded(run_extract(text, "2024-03-15"))


def test_a_repressive_act_placed_at_home_is_inside(run_extract) -> None:
    text = "Security forces in Myanmar arrested dozens of protesters. The junta imposed martial law on six townships in Yangon."
    assert {("MMR", "MMR", "173"), ("MMR", "MMR", "172")} <= coded(run_extract(text, "2024-03-15"))


def test_near_a_border_is_not_inside_the_neighbour(run_extract) -> None:
    result = run_extract("Rebels attacked villages in northern Mali, near the Niger border.", "2024-03-15")
    assert ("MLI", "MLI", "180") in coded(result) and not any(e.source == "NER" for e in result.events)


def test_a_meeting_convened_at_home_is_hosting(run_extract) -> None:
    home = coded(run_extract("Kenya will convene a meeting in Nairobi with Uganda and Tanzania.", "2024-03-15"))
    away = coded(run_extract("Kenya will convene a meeting in Geneva with Uganda and Tanzania.", "2024-03-15"))
    assert ("KEN", "UGA", "043") in home and ("KEN", "UGA", "044") in away


def test_retaliating_with_tariffs_is_a_sanction(run_extract) -> None:
    result = run_extract("Beijing said it could retaliate with tariffs on German cars.", "2024-03-15")
    assert ("CHN", "DEU", "163") in coded(result)


def test_a_grouping_among_itself_pairs_only_the_members_its_sentence_names(run_extract) -> None:
    assert not run_extract("Quad leaders met in Tokyo on Monday.", "2024-03-15").events
    named = run_extract("The Quad talks brought together ministers from Japan, India, Australia and the United States.",
                        "2024-03-15")
    assert len({(e.source, e.target) for e in named.events if e.root == "04"}) == 6


def test_a_grouping_meeting_told_twice_is_one_meeting(run_extract) -> None:
    text = ("The G7 talks brought together ministers from Britain, Canada, France, Germany, Italy, Japan and the "
            "United States. The G7 meeting ended with a joint statement.")
    pairs = [(e.source, e.target) for e in run_extract(text, "2024-03-15").events if e.root == "04"]
    assert len(pairs) == 21 and all(a != b for a, b in pairs)


def test_a_state_arresting_militants_with_no_other_state_named_is_inside(run_extract) -> None:
    result = run_extract("Kenyan officials said they arrested seven militants on Monday.", "2024-03-15")
    assert ("KEN", "KEN", "173") in coded(result), shown(result)
    result = run_extract("Kenyan forces killed seven militants in Somalia on Monday.", "2024-03-15")
    assert ("KEN", "KEN", "190") not in coded(result), shown(result)


def test_two_sides_agreeing_together_intend_it_toward_each_other(run_extract) -> None:
    result = run_extract("Peru and Chile agreed to strengthen deterrence.", "2024-03-15")
    assert ("PER", "CHL", "030") in coded(result), shown(result)


def test_he_stands_for_the_person_named_before_not_the_last_one_in_the_text(run_extract) -> None:
    text = ("Chilean President Gabriel Boric spoke on Monday. He criticized Peru over the border. "
            "Maria Lopez of Spain contributed to this report.")
    result = run_extract(text, "2024-03-15")
    assert [(e.source, e.target, e.source_actor) for e in result.events if e.trigger == "criticized"] == [
        ("CHL", "PER", "person:gabrielboric")], shown(result)
