"""Events layer: frames and implicit parties found on development text, each shown on sentences written here."""

from __future__ import annotations


def triples(extraction) -> set[tuple[str | None, str | None, str]]:
    return {(e.source, e.target, e.code) for e in extraction.events}


def test_looking_to_repair_ties_is_an_intent_to_cooperate(run_extract):
    result = run_extract("Lima had been looking to repair strained relations with Santiago.", "2024-03-15")
    assert ("PER", "CHL", "030") in triples(result)
    result = run_extract("Norway is seeking to rebuild trust with Sweden.", "2024-03-15")
    assert ("NOR", "SWE", "030") in triples(result)


def test_prioritizing_ties_is_an_intent_to_cooperate(run_extract):
    result = run_extract("Brazil is prioritizing closer ties with Argentina.", "2024-03-15")
    assert ("BRA", "ARG", "030") in triples(result)


def test_looking_to_do_something_else_is_no_intent_to_cooperate(run_extract):
    result = run_extract("Lima is looking to buy more grain from Santiago.", "2024-03-15")
    assert not any(e.code == "030" for e in result.events)


def test_dismissing_something_as_doing_wrong_is_criticism(run_extract):
    result = run_extract("Kyiv dismissed Moscow's reply as deliberately stalling the talks.", "2024-03-15")
    assert ("UKR", "RUS", "111") in triples(result)
    assert not any(e.code == "120" for e in result.events)


def test_having_yet_to_comment_is_declining_to_comment(run_extract):
    result = run_extract("Peruvian officials have yet to comment on the Chilean claims.", "2024-03-15")
    assert ("PER", "CHL", "011") in triples(result)
    result = run_extract("Peru has yet to receive the Chilean delegation.", "2024-03-15")
    assert not any(e.code == "011" for e in result.events)


def test_people_counted_by_age_are_still_the_people_acted_on(run_extract):
    # the parser makes "girls" a compound of "ages": the ban is still on girls, and inside the state
    result = run_extract("Afghan authorities have barred girls ages 12 and older from attending school.", "2024-03-15")
    assert ("AFG", "AFG", "172") in triples(result)


def test_an_em_dash_against_a_quotation_mark_splits_the_words(nlp):
    doc = nlp('Peru "respects the border treaty"\u2014the one signed in 1929.')
    words = [t.text for t in doc]
    assert "treaty" in words and "\u2014" in words and '"' in words
    assert nlp("Lima\u2014not Quito\u2014signed it.")[1].text == "\u2014"


def test_an_act_before_an_em_dash_keeps_its_object(run_extract):
    text = 'Peru\'s foreign minister said the country "respects the One China policy"\u2014a long-held stance.'
    assert ("PER", "CHN", "054") in triples(run_extract(text, "2024-03-15"))


def test_economic_ties_with_a_state_are_economic_cooperation(run_extract):
    result = run_extract("Analysts noted Norway's growing economic relationship with Kenya.", "2024-03-15")
    assert ("NOR", "KEN", "061") in triples(result)
    result = run_extract("Peru's commercial ties with Chile are growing.", "2024-03-15")
    assert ("PER", "CHL", "061") in triples(result)


def test_ties_of_no_economic_kind_are_no_economic_cooperation(run_extract):
    result = run_extract("Peru's historic ties with Chile are complicated.", "2024-03-15")
    assert not any(e.code == "061" for e in result.events)


def test_a_hyphenated_pair_the_parser_reads_as_noun_modifiers_names_both_sides(run_extract):
    result = run_extract("Peru-Chile economic relations are in good condition.", "2024-03-15")
    assert ("PER", "CHL", "061") in triples(result)


def test_the_of_phrase_of_a_visit_is_who_travels(run_extract):
    result = run_extract("The visit of Peru's president to Chile was a success.", "2024-03-15")
    assert ("PER", "CHL", "042") in triples(result)


def test_the_of_phrase_of_an_attack_is_still_its_target(run_extract):
    result = run_extract("Chile's bombing of a Peruvian base drew protests.", "2024-03-15")
    assert any((e.source, e.target) == ("CHL", "PER") for e in result.events)


def test_a_reaction_drawn_from_a_state_answers_whoever_drew_it(run_extract):
    text = "North Korea fired a missile on Monday, drawing condemnation from South Korea and Japan."
    found = triples(run_extract(text, "2024-03-15"))
    assert {("KOR", "PRK", "111"), ("JPN", "PRK", "111")} <= found
    assert ("GRC", "TUR", "111") in triples(run_extract("Turkey's move drew criticism from Greece.", "2024-03-15"))
    assert ("CHL", "PER", "051") in triples(run_extract("Peru's new law won praise from Chile.", "2024-03-15"))


def test_a_reaction_with_no_one_who_drew_it_has_no_target(run_extract):
    result = run_extract("The report drew criticism from Greece.", "2024-03-15")
    assert not any(e.root == "11" and e.target not in (None, "GRC") for e in result.events)


def test_a_move_condemned_beside_its_clause_is_condemned_to_its_doer(run_extract):
    text = "Washington imposed sanctions on Iranian officials, a move Tehran condemned."
    assert ("IRN", "USA", "111") in triples(run_extract(text, "2024-03-15"))
    text = "Peru expelled Chile's ambassador, a decision Bolivia welcomed."
    assert ("BOL", "PER", "051") in triples(run_extract(text, "2024-03-15"))


def test_the_move_of_the_sentence_before_is_its_doers(run_extract):
    text = "Peru expelled Chile's ambassador on Monday. Chile condemned the move."
    assert ("CHL", "PER", "111") in triples(run_extract(text, "2024-03-15"))


def test_the_move_is_nobodys_when_the_sentence_before_has_two_doers(run_extract):
    text = "Peru criticized Chile, while Bolivia praised Ecuador. Argentina condemned the move."
    assert not any(e.source == "ARG" for e in run_extract(text, "2024-03-15").events)


def test_criticism_of_a_coercive_act_is_held_against_its_doer_not_its_victim(run_extract):
    assert not any(e.target == "IRN" and e.root == "11" for e in
                   run_extract("Russia and China have criticized Western sanctions on Iran.", "2024-03-15").events)
    assert ("RUS", "USA", "111") in triples(run_extract("Russia criticized U.S. sanctions on Iran.", "2024-03-15"))
    assert ("PER", "CHL", "111") in triples(run_extract("Peru condemned Chile's attack on Bolivia.", "2024-03-15"))


def test_concern_over_another_states_build_up_still_targets_it(run_extract):
    text = "Tokyo and Washington shared concerns over China's rapid expansion of its arsenal."
    assert ("JPN", "CHN", "111") in triples(run_extract(text, "2024-03-15"))


def test_calling_an_act_something_is_no_appeal(run_extract):
    result = run_extract("Germany's chancellor called the attack on Israel barbaric.", "2024-03-15")
    assert not any(e.root == "02" for e in result.events)
    assert ("DEU", "ISR", "025") in triples(run_extract("Germany called on Israel to halt the strikes.", "2024-03-15"))


def test_vowing_revenge_is_a_threat_not_a_pledge_to_cooperate(run_extract):
    found = triples(run_extract("Iran's supreme leader vowed revenge against Israel.", "2024-03-15"))
    assert ("IRN", "ISR", "130") in found and not any(code.startswith("03") for _, _, code in found)


def test_the_object_of_an_accusation_did_what_its_gerund_says(run_extract):
    found = triples(run_extract("Seoul's spy agency accused Pyongyang of sending troops to Russia.", "2024-03-15"))
    assert ("KOR", "PRK", "112") in found
    assert not any(s == "KOR" and t == "RUS" for s, t, _ in found)
    found = triples(run_extract("Peru criticized Chile for imposing tariffs on Bolivia.", "2024-03-15"))
    assert ("CHL", "BOL", "163") in found


def test_violating_airspace_is_a_show_of_force_like_an_incursion(run_extract):
    assert ("CHN", "TWN", "150") in triples(run_extract("Chinese jets violated Taiwan's airspace on Monday.", "2024-03-15"))
    assert ("RUS", "NOR", "128") in triples(run_extract("Russia violated the treaty with Norway.", "2024-03-15"))


def test_a_readiness_adjective_carries_its_subject_into_its_gerund_as_an_intent(run_extract):
    result = run_extract("Washington remains committed to defending South Korea.", "2024-03-15")
    found = [e for e in result.events if (e.source, e.target) == ("USA", "KOR")]
    assert found and not any(e.realis for e in found)


def test_opposition_to_an_act_names_no_doer_of_it(run_extract):
    result = run_extract("Peru is opposed to imposing sanctions on Chile.", "2024-03-15")
    assert not any(e.root == "16" for e in result.events)


def test_a_guest_hosted_on_a_visit_makes_the_visit(run_extract):
    # the host's object travels to the host, with the hosting's modality and date
    result = run_extract("Peru's president will host Chile's president on a state visit beginning Monday.", "2024-03-15")
    visit = [e for e in result.events if e.code == "042"]
    assert [(e.source, e.target, e.realis, e.when) for e in visit] == [("CHL", "PER", False, "2024-03-18")]
    result = run_extract("The Peruvian leader hosted his Chilean counterpart for an official visit last week.", "2024-03-15")
    assert ("CHL", "PER", "042") in triples(result) and ("PER", "CHL", "043") in triples(result)


def test_a_visit_under_another_verb_names_no_guest(run_extract):
    result = run_extract("Peru hosted a summit on the visit of the pope.", "2024-03-15")
    assert not any(e.code == "042" for e in result.events)


def test_talks_only_expected_during_a_planned_visit_are_its_agenda(run_extract):
    host = "Peru's President Ana Ruiz will host Chile's President Tomas Vidal on a state visit beginning Monday."
    result = run_extract(host + " Analysts say Ruiz and Vidal may discuss trade.", "2024-03-15")
    assert not any(e.code[:2] == "04" and e.code not in ("042", "043") for e in result.events)
    # meeting someone else during the visit is another meeting
    result = run_extract(host + " Ruiz plans to meet Chile's foreign minister Luis Mora too.", "2024-03-15")
    assert [e.code for e in result.events if e.code == "040"] == ["040"]


def test_expected_talks_without_a_planned_visit_are_still_coded(run_extract):
    result = run_extract("Peru's president will meet Chile's president on Monday. The two leaders may also discuss trade.", "2024-03-15")
    assert [e.code for e in result.events if e.code[:2] == "04"] == ["040", "040"]
