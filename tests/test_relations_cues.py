"""Relation cues and frames added for unseen articles: sentences written for these tests."""

from __future__ import annotations

import pytest


def found(run_extract, text: str) -> set[tuple[str, str, str, str]]:
    return {(r.a, r.type, r.polarity, r.b) for r in run_extract(text).relations}


def has(run_extract, text: str, a: str, kind: str, b: str, polarity: str = "+") -> bool:
    rels = found(run_extract, text)
    return (a, kind, polarity, b) in rels or (kind in ("ally", "partner", "rival") and (b, kind, polarity, a) in rels)


@pytest.mark.parametrize(
    ("text", "a", "kind", "b"),
    [
        ("Kyiv has the backing of Poland.", "POL", "supports", "UKR"),
        ("Japan faces North Korea's nuclear threat.", "JPN", "rival", "PRK"),
        ("Iran poses a threat to Israel.", "IRN", "rival", "ISR"),
        ("India is China's main competitor in the region.", "IND", "rival", "CHN"),
        ("Laos owes China billions of dollars.", "LAO", "depends_on", "CHN"),
        ("Estonia and Latvia look to Washington for protection.", "LVA", "depends_on", "USA"),
        ("Pakistan has close ties with China.", "PAK", "partner", "CHN"),
        ("Australia vowed to protect Papua New Guinea.", "AUS", "supports", "PNG"),
        ("Western diplomats called on Iran to end its support for Russia's war.", "IRN", "supports", "RUS"),
        ("India faced off against Pakistan along the border.", "IND", "rival", "PAK"),
        ("Serbian-Croatian relations are full of mistrust and tensions.", "SRB", "rival", "HRV"),
        ("Washington will keep up its pressure on Caracas.", "USA", "rival", "VEN"),
    ],
)
def test_cues(run_extract, text: str, a: str, kind: str, b: str) -> None:
    assert has(run_extract, text, a, kind, b), found(run_extract, text)


def test_conjoined_subjects_contest_the_owner_of_the_object_not_each_other(run_extract) -> None:
    rels = found(run_extract, "Vietnam, the Philippines and Brunei contest China's claims in the sea.")
    assert {("VNM", "rival", "+", "CHN"), ("PHL", "rival", "+", "CHN"), ("BRN", "rival", "+", "CHN")} <= rels
    assert not any({a, b} <= {"VNM", "PHL", "BRN"} for a, _k, _p, b in rels)


def test_looking_to_without_what_for_is_no_dependence(run_extract) -> None:
    assert found(run_extract, "Estonia looks to the United States and sees a model.") == set()


@pytest.mark.parametrize(
    "text",
    [
        "The minister dismissed talk of a rivalry between Canada and Mexico.",
        "Officials in Caracas denied reports of an alliance between Iran and Venezuela.",
        "Ukraine accused Belarus of arming Russia.",
        "Officials discussed friend-shoring with the United States and Japan.",
        "Analysts doubt that Peru and Chile will become allies.",
    ],
)
def test_what_the_author_does_not_assert_is_no_relation(run_extract, text: str) -> None:
    assert found(run_extract, text) == set()


def test_an_alliance_partner_is_an_ally_and_suppliers_relied_on_are_no_support(run_extract) -> None:
    assert found(run_extract, "Japan is a key U.S. alliance partner.") == {("USA", "ally", "+", "JPN")}
    assert found(run_extract, "Germany relies on Chinese suppliers for solar panels.") == {("DEU", "depends_on", "+", "CHN")}
    assert ("CHN", "supports", "+", "RUS") in found(run_extract, "China is Russia's main supplier of drones.")


def test_a_headline_tension_and_a_row_with(run_extract) -> None:
    assert has(run_extract, "India-Pakistan tension rises after a border clash.", "IND", "rival", "PAK")
    assert has(run_extract, "Seoul's row with Tokyo continues.", "KOR", "rival", "JPN")


def test_working_together_is_a_partnership_unless_the_pair_is_allied_or_one_backs_the_other(run_extract) -> None:
    assert has(run_extract, "Chile's growing cooperation with Peru worries its neighbours.", "CHL", "partner", "PER")
    allied = "Norway and Denmark are allies. Norway's cooperation with Denmark has grown."
    assert {k for _a, k, _p, _b in found(run_extract, allied)} == {"ally"}
    backed = "Iran supports Syria. Syria's cooperation with Iran has deepened."
    assert not any(k == "partner" for _a, k, _p, _b in found(run_extract, backed))


def test_defence_cooperation_is_an_alliance_at_work(run_extract) -> None:
    assert has(run_extract, "Australia's closer defence cooperation with the United States drew criticism.", "AUS", "ally", "USA")


def test_cooperation_only_pledged_is_not_yet_a_partnership(run_extract) -> None:
    assert not any(k == "partner" for _a, k, _p, _b in found(run_extract, "Chile and Peru pledged to increase cooperation."))
    assert has(run_extract, "Chile and Peru vowed to deepen their alliance.", "CHL", "ally", "PER")


def test_a_preposition_yaml_reads_as_a_boolean_is_an_error() -> None:
    from dyad.extract.relations.words import _preps

    assert _preps(["on", "With"], "cue x") == ("on", "with")
    with pytest.raises(ValueError, match="quote"):
        _preps(["with", True], "cue pressure")


def test_relations_marked_by_two_things_are_both(run_extract) -> None:
    rels = found(run_extract, "Serbian-Croatian relations are characterized by rivalry and cooperation.")
    assert {k for _a, k, _p, _b in rels} == {"rival", "partner"}


def test_a_head_of_state_stands_for_the_state_and_an_economist_does_not(run_extract) -> None:
    leader = "Rafael Moreno, Brazil's president, arrived in Lima on Monday. Moreno has been waging a trade fight with Argentina."
    assert has(run_extract, leader, "BRA", "rival", "ARG")
    expert = "Rafael Moreno, a Brazilian economist, arrived in Lima on Monday. Moreno has been waging a trade fight with Argentina."
    assert found(run_extract, expert) == set()


def test_a_phrase_after_the_other_side_adds_to_it(run_extract) -> None:
    text = "Norway faces threats from Iran and Syria in addition to Libya."
    assert all(has(run_extract, text, "NOR", "rival", other) for other in ("IRN", "SYR", "LBY"))


@pytest.mark.parametrize(
    ("text", "polarity"),
    [
        ("Peru and Ecuador have a long-running border dispute.", "+"),
        ("Peru and Ecuador are locked in a dispute over fishing rights.", "+"),
        ("Peru and Ecuador have long been at loggerheads over the river.", "+"),
        ("Peru and Ecuador do not have a border dispute.", "-"),
        ("Peru and Ecuador are no longer at odds over the river.", "-"),
    ],
)
def test_states_that_have_or_are_in_a_relation_are_its_pair(run_extract, text: str, polarity: str) -> None:
    assert found(run_extract, text) in ({("PER", "rival", polarity, "ECU")}, {("ECU", "rival", polarity, "PER")})


def test_talking_about_a_relation_is_not_having_it(run_extract) -> None:
    assert found(run_extract, "Peru and Ecuador discussed tensions in the region.") == set()


def test_a_possessor_speaks_for_each_noun_of_a_list(run_extract) -> None:
    rels = found(run_extract, "France is Chad's closest ally and main arms supplier.")
    assert ("FRA", "supports", "+", "TCD") in rels


def test_a_verb_cue_reads_its_preposition_where_the_parse_hung_it_on_the_object(run_extract) -> None:
    assert has(run_extract, "Beijing contests a chain of islets with Japan.", "CHN", "rival", "JPN")


def test_a_list_described_by_one_states_allies_pairs_each_with_that_state(run_extract) -> None:
    for text in ("Chile and Peru are both U.S. allies.", "Chile and Peru are America's allies."):
        rels = {tuple(sorted((a, b))) for a, k, _p, b in found(run_extract, text) if k == "ally"}
        assert rels == {("CHL", "USA"), ("PER", "USA")}, text


def test_its_in_an_as_frame_is_the_subjects(run_extract) -> None:
    assert has(run_extract, "Ankara views Athens as its main regional competitor.", "TUR", "rival", "GRC")


@pytest.mark.parametrize(
    ("text", "a", "kind", "b"),
    [
        ("Israel is Iran's archenemy.", "ISR", "rival", "IRN"),
        ("The stalemate between Iran and Iraq dragged on.", "IRN", "rival", "IRQ"),
        ("Egypt and Ethiopia have been feuding over the dam for years.", "EGY", "rival", "ETH"),
        ("Washington is Manila's security guarantor.", "USA", "supports", "PHL"),
        ("Japan is Ukraine's largest donor in Asia.", "JPN", "supports", "UKR"),
        ("Japan and the Philippines deepened their security ties.", "JPN", "partner", "PHL"),
    ],
)
def test_more_relation_words(run_extract, text: str, a: str, kind: str, b: str) -> None:
    assert has(run_extract, text, a, kind, b), found(run_extract, text)


def test_ties_with_several_states_pair_the_owner_with_each(run_extract) -> None:
    assert found(run_extract, "Kenya deepened its ties with Uganda and Rwanda.") == {
        ("KEN", "partner", "+", "UGA"), ("KEN", "partner", "+", "RWA")}


def test_ties_only_wished_to_change_are_no_relation(run_extract) -> None:
    assert found(run_extract, "Kenya wants to deepen its ties with Uganda.") == set()
    assert found(run_extract, "Beijing hopes to strengthen its relationship with Hanoi.") == set()


def test_a_description_in_apposition_is_not_a_member_of_the_list(run_extract) -> None:
    rels = found(run_extract, "Beijing deepened its relationship with Hanoi, a key U.S. ally but also a nation with large interests.")
    assert {("CHN", "partner", "+", "VNM"), ("USA", "ally", "+", "VNM")} <= rels
    assert not any({a, b} == {"CHN", "USA"} for a, _k, _p, b in rels)


@pytest.mark.parametrize(
    "text",
    ["Poland has been one of Ukraine's staunchest backers.", "Poland, one of Ukraine's staunchest backers, sent tanks.",
     "Poland is among Ukraine's staunchest backers."],
)
def test_one_of_and_among_describe_the_subject(run_extract, text: str) -> None:
    assert found(run_extract, text) == {("POL", "supports", "+", "UKR")}


def test_a_denial_after_the_cue_denies_what_follows_it(run_extract) -> None:
    rels = found(run_extract, "Peru sees Chile as a partner, not a rival.")
    assert ("PER", "partner", "+", "CHL") in rels and ("PER", "partner", "-", "CHL") not in rels


def test_a_clause_joined_after_a_denied_copula_leaves_the_denial(run_extract) -> None:
    text = "Chile and Peru are not natural allies, and the summit did not change that."
    assert found(run_extract, text) == {("CHL", "ally", "-", "PER")}


def test_refusing_to_do_what_a_verb_cue_says_denies_it(run_extract) -> None:
    rels = found(run_extract, "Ecuador refuses to take sides between Peru and Colombia.")
    assert {("ECU", "neutral", "+", "PER"), ("ECU", "neutral", "+", "COL")} <= rels
    assert found(run_extract, "Ecuador declined to back Peru.") == {("ECU", "supports", "-", "PER")}


@pytest.mark.parametrize(
    "text",
    ["The move angered Belgrade, which considers Kosovo part of its territory.",
     "Serbia claims Kosovo as its own territory.",
     "Kosovo is the young state that Serbia considers its own territory."],
)
def test_a_claim_to_another_states_land_is_a_rivalry(run_extract, text: str) -> None:
    assert has(run_extract, text, "SRB", "rival", "XKX"), found(run_extract, text)


def test_a_claim_denied_and_a_claim_to_no_state(run_extract) -> None:
    assert found(run_extract, "Serbia does not regard Kosovo as its territory.") == {("SRB", "rival", "-", "XKX")}
    assert found(run_extract, "The ministry considers the park its territory.") == set()


@pytest.mark.parametrize(
    ("text", "a", "kind", "b"),
    [
        ("Norway hosts about 1,000 American troops.", "USA", "supports", "NOR"),
        ("Hanoi has sparred with Beijing over the sea.", "VNM", "rival", "CHN"),
        ("China is North Korea's main economic lifeline.", "CHN", "supports", "PRK"),
        ("The United States and its allies, including Japan and Australia, condemned the launch.", "USA", "ally", "AUS"),
    ],
)
def test_hosting_sparring_lifelines_and_allies_including(run_extract, text: str, a: str, kind: str, b: str) -> None:
    assert has(run_extract, text, a, kind, b), found(run_extract, text)


def test_ties_only_sought_are_no_partnership(run_extract) -> None:
    assert found(run_extract, "Tokyo has sought to improve ties with Beijing.") == set()


def test_the_other_side_is_not_the_owner_again(run_extract) -> None:
    assert has(run_extract, "Japan's reliance on its alliance with the U.S. is growing.", "JPN", "depends_on", "USA")


def test_an_apposition_to_a_list_speaks_of_the_list(run_extract) -> None:
    assert found(run_extract, "Peru and Chile, longtime rivals, met on Monday.") in (
        {("PER", "rival", "+", "CHL")}, {("CHL", "rival", "+", "PER")})
    assert found(run_extract, "Peru and Chile, both allies of Brazil, met on Monday.") == {
        ("PER", "ally", "+", "BRA"), ("CHL", "ally", "+", "BRA")}


def test_a_shared_rival_is_a_third_state(run_extract) -> None:
    assert found(run_extract, "Peru and Chile face their shared rival, Bolivia.") == {
        ("PER", "rival", "+", "BOL"), ("CHL", "rival", "+", "BOL")}
    assert found(run_extract, "Peru and Chile united against their common enemy.") == set()
    assert has(run_extract, "Peru and Chile deepened their alliance.", "PER", "ally", "CHL")


@pytest.mark.parametrize(
    ("text", "a", "kind", "b"),
    [
        ("Greece remains deeply suspicious of Turkey.", "GRC", "rival", "TUR"),
        ("Vietnam is wary of China.", "VNM", "rival", "CHN"),
        ("Uganda is Kenya's top export market.", "UGA", "partner", "KEN"),
    ],
)
def test_wariness_and_markets(run_extract, text: str, a: str, kind: str, b: str) -> None:
    assert has(run_extract, text, a, kind, b), found(run_extract, text)


def test_an_alliance_of_states_pairs_its_members(run_extract) -> None:
    text = "The Chinese and Russian publics are unhappy with this alliance of their governments."
    assert found(run_extract, text) in ({("CHN", "ally", "+", "RUS")}, {("RUS", "ally", "+", "CHN")})
    rels = found(run_extract, "Australia is an ally of the United States and Japan.")
    assert not any({a, b} == {"USA", "JPN"} for a, _k, _p, b in rels)
