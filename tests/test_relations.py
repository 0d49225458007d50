"""Standing relations between states: types, polarity, direction, on sentences written for these tests."""

from __future__ import annotations

import pytest

from dyad.extract.relations.words import relation_words


def relations(run_extract, text: str) -> set[tuple[str, str, str, str]]:
    return {(r.a, r.b, r.type, r.polarity) for r in run_extract(text).relations}


def has(found: set[tuple[str, str, str, str]], a: str, b: str, kind: str, polarity: str = "+") -> bool:
    """Symmetric types match in either order."""
    if (a, b, kind, polarity) in found:
        return True
    return kind in ("ally", "partner", "rival") and (b, a, kind, polarity) in found


def test_relation_data_is_read() -> None:
    words = relation_words()
    assert words.cues["ally"].type == "ally"
    assert words.cues["rely"].preps == ("on", "upon")  # quoted in YAML, not booleans
    assert "not" in words.negations and "no" in words.negations


@pytest.mark.parametrize(
    ("text", "a", "b", "kind"),
    [
        ("Australia is an ally of New Zealand.", "AUS", "NZL", "ally"),
        ("Canada, a close U.S. ally, sent a delegation to the talks.", "CAN", "USA", "ally"),
        ("Poland's alliance with Germany has deep roots.", "POL", "DEU", "ally"),
        ("China is Brazil's largest trading partner.", "CHN", "BRA", "partner"),
        ("A territorial dispute between Vietnam and China flared again.", "VNM", "CHN", "rival"),
        ("Relations between Greece and Turkey have deteriorated.", "GRC", "TUR", "rival"),
        ("Germany relies on Norway for much of its gas.", "DEU", "NOR", "depends_on"),
        ("France supports Ukraine and sends it artillery.", "FRA", "UKR", "supports"),
        ("Iran's military support for Syria has grown.", "IRN", "SYR", "supports"),
        ("Some 2,500 American troops are stationed in Australia.", "USA", "AUS", "supports"),
    ],
)
def test_relation_patterns(run_extract, text: str, a: str, b: str, kind: str) -> None:
    found = relations(run_extract, text)
    assert has(found, a, b, kind), found


def test_directed_relation_keeps_its_direction(run_extract) -> None:
    found = relations(run_extract, "Germany relies on Norway for much of its gas.")
    assert ("NOR", "DEU", "depends_on", "+") not in found


def test_negated_relation_has_minus_polarity(run_extract) -> None:
    found = relations(run_extract, "India and Pakistan are not allies.")
    assert has(found, "IND", "PAK", "ally", "-")
    assert not has(found, "IND", "PAK", "ally", "+")


def test_conjoined_subjects_expand_to_pairs(run_extract) -> None:
    found = relations(run_extract, "Japan and the Philippines are allies of the United States.")
    assert has(found, "JPN", "USA", "ally") and has(found, "PHL", "USA", "ally")


def test_balance_between_two_states_is_neutral(run_extract) -> None:
    found = relations(run_extract, "Switzerland keeps a careful balance between Russia and Ukraine.")
    assert ("CHE", "RUS", "neutral", "+") in found and ("CHE", "UKR", "neutral", "+") in found


def test_refusing_to_take_sides_is_neutral(run_extract) -> None:
    found = relations(run_extract, "Indonesia will not take sides in the dispute between India and China.")
    assert ("IDN", "IND", "neutral", "+") in found and ("IDN", "CHN", "neutral", "+") in found


def test_treats_as_partners_and_adversaries(run_extract) -> None:
    found = relations(run_extract, "Moscow treats Belarus as a partner and Poland as an adversary.")
    assert has(found, "RUS", "BLR", "partner") and has(found, "RUS", "POL", "rival")
    assert not has(found, "RUS", "POL", "partner")


def test_relation_is_stored_once_per_document(run_extract) -> None:
    result = run_extract("Australia is an ally of New Zealand. New Zealand is an ally of Australia.")
    assert len([r for r in result.relations if r.type == "ally"]) == 1


def test_evidence_points_at_the_words(run_extract) -> None:
    text = "Australia is an ally of New Zealand."
    result = run_extract(text)
    rel = result.relations[0]
    assert "ally" in text[rel.evidence.start : rel.evidence.end]


def test_single_events_are_not_standing_relations(run_extract) -> None:
    assert relations(run_extract, "The foreign minister of Chile visited Argentina on Monday.") == set()


def test_supporting_a_proposal_is_not_supporting_its_author(run_extract) -> None:
    found = relations(run_extract, "Turkey supports the U.S. ceasefire proposal with reservations.")
    assert not any(kind == "supports" for _a, _b, kind, _p in found)


def test_a_denied_condemnation_does_not_deny_the_relation(run_extract) -> None:
    found = relations(run_extract, "Brazil has never condemned Russia's invasion of Ukraine.")
    assert has(found, "RUS", "UKR", "rival", "+") and not has(found, "RUS", "UKR", "rival", "-")


def test_not_seen_as_a_partner(run_extract) -> None:
    found = relations(run_extract, "Turkey does not regard Russia as a reliable partner.")
    assert has(found, "TUR", "RUS", "partner", "-")


def test_relative_clause_pairs_each_antecedent_with_the_modifier(run_extract) -> None:
    found = relations(run_extract, "He visited Norway and Denmark, which are close U.S. allies.")
    assert has(found, "NOR", "USA", "ally") and has(found, "DNK", "USA", "ally")
    assert not has(found, "NOR", "DNK", "ally")


def test_relative_clause_with_no_other_side_pairs_the_antecedents(run_extract) -> None:
    found = relations(run_extract, "The talks brought together Chile, Peru and Bolivia, who are all close partners.")
    assert has(found, "CHL", "PER", "partner") and has(found, "PER", "BOL", "partner")


def test_conjoined_descriptions_in_an_apposition(run_extract) -> None:
    found = relations(run_extract, "Tariffs hit Mexico, a close ally and Canada's third-largest trading partner.")
    assert has(found, "MEX", "CAN", "partner")


def test_cue_as_a_title_of_a_state(run_extract) -> None:
    found = relations(run_extract, "Cairo signed a gas deal with Turkey's rival Greece last year.")
    assert has(found, "TUR", "GRC", "rival")


def test_strained_relations_in_a_sentence_about_two_states(run_extract) -> None:
    text = "Chilean President Ana Rojas will meet Peruvian leader Luis Quispe to mend strained relations."
    assert has(relations(run_extract, text), "CHL", "PER", "rival")
    lone = "Ties had cooled under the former Chilean president Ana Rojas."
    assert relations(run_extract, lone) == set()


def test_relations_with_one_named_side_do_not_borrow_another_state(run_extract) -> None:
    text = "Relations with Chile have cooled, fueled by disputes over Bolivia."
    assert not any(kind == "rival" and {a, b} == {"CHL", "BOL"} for a, b, kind, _p in relations(run_extract, text))


def test_support_to_a_demonym_group_is_not_support_to_the_state(run_extract) -> None:
    text = "The United States gives military support to Chinese rivals across Asia."
    found = relations(run_extract, text)
    assert ("USA", "CHN", "supports", "+") not in found and not has(found, "USA", "CHN", "rival")


def test_fronted_co_subject(run_extract) -> None:
    found = relations(run_extract, "Aside from Russia, China is Iran's biggest supporter.")
    assert ("CHN", "IRN", "supports", "+") in found and ("RUS", "IRN", "supports", "+") in found
    found = relations(run_extract, "Like Norway, Denmark is an ally of Canada.")
    assert has(found, "NOR", "CAN", "ally") and has(found, "DNK", "CAN", "ally")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Colombia is at odds with Venezuela over the border.", ("COL", "VEN", "rival", "+")),
        ("The trade war between the United States and China dragged on.", ("USA", "CHN", "rival", "+")),
        ("Norway's military aid to Ukraine rose sharply.", ("NOR", "UKR", "supports", "+")),
        ("Ukraine is backed by Poland.", ("POL", "UKR", "supports", "+")),
        ("Israel is Ethiopia's main arms supplier.", ("ISR", "ETH", "supports", "+")),
        ("Austria has stayed neutral in the conflict between Armenia and Azerbaijan.", ("AUT", "AZE", "neutral", "+")),
    ],
)
def test_more_cues(run_extract, text: str, expected: tuple[str, str, str, str]) -> None:
    found = relations(run_extract, text)
    a, b, kind, polarity = expected
    assert has(found, a, b, kind, polarity), found


def test_a_cue_in_a_reported_clause_does_not_take_the_reporter_as_a_side(run_extract) -> None:
    text = "Chile said it was hard to believe that the war in Ukraine would end soon."
    assert relations(run_extract, text) == set()


def test_hyphenated_pair_read_with_the_documents_own_names(run_extract) -> None:
    text = "The U.S. and China met in Geneva. Analysts call it U.S.-China competition at its sharpest."
    assert has(relations(run_extract, text), "USA", "CHN", "rival")
