"""Group and crowd actors: a state's officials and lawmakers, crowds placed in the state the text puts
them in, fighters of a named armed group, a state's security bodies named without the state.
Sentences written for these tests."""

from __future__ import annotations

from conftest import by_name


def groups(ctx) -> dict[str, object]:
    return {a.name: a for a in ctx.result.actors if a.kind == "group"}


def test_a_states_officials_authorities_and_leaders_are_one_group(actors_of):
    ctx = actors_of("Chinese officials said the law was legal, and Chinese leaders agreed. Chinese authorities fined them.")
    officials = by_name(ctx, "Chinese officials")
    assert (officials.kind, officials.country, officials.sector, officials.code) == ("group", "CHN", "GOV", "CHNGOV")
    assert {"Chinese leaders", "Chinese authorities"} <= set(officials.aliases)


def test_the_leaders_of_two_states_are_the_states(actors_of):
    ctx = actors_of("Russian and Iranian leaders signed a treaty.")
    assert not groups(ctx)


def test_lawmakers_of_a_named_legislature_are_that_legislature(actors_of):
    ctx = actors_of("U.S. lawmakers criticized Ankara, and the U.S. Congress passed a bill.")
    assert "U.S. lawmakers" in by_name(ctx, "U.S. Congress").aliases
    ctx = actors_of("British lawmakers criticized the plan.")
    assert (by_name(ctx, "British lawmakers").country, by_name(ctx, "British lawmakers").sector) == ("GBR", "LEG")


def test_crowds_are_placed_where_the_text_puts_them(actors_of):
    ctx = actors_of("A U.S. strike killed militants in Syria on Monday. In Mali, rebels seized a town.")
    assert (by_name(ctx, "militants in Syria").country, by_name(ctx, "militants in Syria").code) == ("SYR", "SYRREB")
    assert by_name(ctx, "rebels").country == "MLI"


def test_crowds_of_the_state_a_story_is_about(actors_of):
    ctx = actors_of(
        "Myanmar's generals seized power. Myanmar's courts are silent. Across Myanmar, anger grew. "
        "Police fired on protesters on Sunday, and security forces arrested dozens."
    )
    assert by_name(ctx, "protesters").country == "MMR"
    assert (by_name(ctx, "Myanmar Police").country, by_name(ctx, "Myanmar Police").sector) == ("MMR", "COP")
    assert by_name(ctx, "Myanmar security forces").code == "MMRMIL"


def test_bare_security_bodies_refer_to_the_named_one(actors_of):
    ctx = actors_of("Somalia's army attacked a camp. Later the army said government soldiers held the town.")
    army = by_name(ctx, "Somalia's army")
    assert {"army", "government soldiers"} <= set(army.aliases)


def test_fighters_of_a_named_armed_group_are_the_group(actors_of):
    ctx = actors_of("Al-Shabab militants stormed a hotel in Somalia, and the militants held it for hours.")
    assert not groups(ctx)
    assert "Al-Shabab militants" in by_name(ctx, "Al-Shabab").aliases


def test_demonstrators_of_a_people_are_that_people(actors_of):
    ctx = actors_of("The Palestinians rejected the plan, and police fired at Palestinian demonstrators.")
    assert "Palestinian demonstrators" in by_name(ctx, "Palestinians").aliases


def test_bodies_of_a_state_named_by_their_head(actors_of):
    ctx = actors_of(
        "A Turkish court ruling angered Washington, and China's U.N. mission objected. "
        "The ball is now in Russia's court, the White House said."
    )
    assert (by_name(ctx, "Turkish court").country, by_name(ctx, "Turkish court").sector) == ("TUR", "JUD")
    assert by_name(ctx, "China's U.N. mission").country == "CHN"
    assert (by_name(ctx, "White House").kind, by_name(ctx, "White House").country) == ("organization", "USA")
    assert not [a for a in ctx.result.actors if "court" in a.name and a.country == "RUS"]


def test_a_workplace_inside_a_description_is_no_actor(actors_of):
    ctx = actors_of("The court jailed Ali Demir, a local U.S. consulate employee, on Friday.")
    assert not [a for a in ctx.result.actors if "consulate" in a.name]


def test_a_faith_is_a_group_only_when_it_acts(actors_of):
    ctx = actors_of("The hill is known to Jews as the Temple Mount. Shiites marched in Baghdad on Friday.")
    assert set(groups(ctx)) == {"Shiites"}


def test_a_states_people_is_the_state(actors_of):
    ctx = actors_of("The president thanked the American people for their patience.")
    assert not groups(ctx)


def test_a_body_of_an_international_body_has_no_country(actors_of):
    ctx = actors_of("The U.N. Human Rights Council in Geneva voted, and the U.N. Commission on Narcotic Drugs agreed.")
    council = by_name(ctx, "UN Human Rights Council")
    assert (council.country, council.code) == (None, "IGOUNOHRI")
    commission = by_name(ctx, "U.N. Commission on Narcotic Drugs")
    assert (commission.country, commission.sector, commission.code) == (None, "IGO", "IGOUNO")


def test_a_listed_non_state_actor_keeps_its_home(actors_of):
    ctx = actors_of("Islamic State in Iraq lost ground, and the Islamic State claimed the attack.", published="2024-01-01")
    assert by_name(ctx, "Islamic State").country is None


def test_an_armed_crowd_after_a_name_is_that_armed_group(actors_of):
    ctx = actors_of("In Chad, Muslim-led Tora rebels fought Christian anti-Kolo militias, and 7R rebels raided villages.")
    tora = by_name(ctx, "Tora")
    assert (tora.kind, tora.country, tora.sector, tora.code) == ("organization", "TCD", "REB", "TCDREB")
    assert by_name(ctx, "7R").kind == "organization"
    assert [a for a in ctx.result.actors if "anti-Kolo" in a.name]
    ctx = actors_of("In Somalia, 50 militants were killed.")
    assert not [a for a in ctx.result.actors if a.name == "50"]


def test_an_acronym_before_fighters_is_the_group_spelled_out(actors_of):
    ctx = actors_of("The Northern Liberation Army said NLA rebels had withdrawn.")
    assert "NLA rebels" in by_name(ctx, "Northern Liberation Army").aliases


def test_officials_of_an_international_body(actors_of):
    ctx = actors_of("EU officials said the tariffs were unjustified.")
    officials = by_name(ctx, "EU officials")
    assert (officials.country, officials.sector, officials.code) == (None, "IGO", "IGOEUREEC")


def test_a_chamber_named_before_its_full_name_and_its_committee(actors_of):
    ctx = actors_of("The Senate voted on Monday. Later the U.S. Senate passed the bill, and a U.S. Senate committee met.")
    senate = by_name(ctx, "U.S. Senate")
    assert senate.country == "USA" and [a.name for a in ctx.result.actors if "Senate" in a.name] == ["U.S. Senate"]


def test_a_states_officials_somewhere_are_still_its_officials(actors_of):
    ctx = actors_of("Ukrainian officials met U.S. envoys. Ukrainian officials in Jeddah agreed.")
    assert [a.name for a in ctx.result.actors if a.kind == "group"] == ["Ukrainian officials"]
