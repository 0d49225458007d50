"""Actors read with the reference tables: dated office holders, heads of international bodies,
non-state actors with dated roles, and the full CAMEO codes they carry. Sentences written for these tests."""

from __future__ import annotations

from conftest import by_name


def test_a_past_leader_named_alone_is_placed_by_the_dated_office_holders(actors_of):
    ctx = actors_of("Obama praised the agreement on Monday, and the United States welcomed it.", published="2024-05-01")
    obama = by_name(ctx, "Obama")
    assert (obama.country, obama.role) == ("USA", "head of state")
    assert "office holders list" in (obama.why or "")


def test_a_title_and_a_surname_shared_by_two_holders_of_one_state(actors_of):
    ctx = actors_of("President Bush met the Saudi delegation in Washington.", published="2024-05-01")
    assert by_name(ctx, "Bush").country == "USA"


def test_a_pope_or_king_is_known_by_title_and_one_word_only(actors_of):
    ctx = actors_of("Pope Francis urged peace. Francis Kim, a historian, disagreed.", published="2024-05-01")
    assert by_name(ctx, "Francis").country == "VAT"
    assert by_name(ctx, "Francis Kim").country is None
    ctx = actors_of("King Salman received the envoy. Salman, a shopkeeper, watched.", published="2024-05-01")
    assert by_name(ctx, "Salman").country == "SAU"


def test_the_term_in_office_on_the_publication_date_wins(actors_of):
    later = by_name(actors_of("Mark Rutte said the alliance would respond.", published="2025-03-01"), "Mark Rutte")
    assert (later.country, later.sector, later.code) == (None, "IGO", "IGOWSTNAT")
    earlier = by_name(actors_of("Mark Rutte said the coalition would hold.", published="2020-03-01"), "Mark Rutte")
    assert (earlier.country, earlier.role) == ("NLD", "head of government")


def test_a_term_that_begins_after_publication_is_not_used(actors_of):
    ctx = actors_of("Keir Starmer met voters in Leeds on Friday.", published="2019-05-01")
    assert by_name(ctx, "Keir Starmer").role is None


def test_foreign_ministers_are_a_dated_fallback_too(actors_of):
    ctx = actors_of("Sergey Lavrov said Moscow would reply.", published="2024-05-01")
    lavrov = by_name(ctx, "Sergey Lavrov")
    assert (lavrov.country, lavrov.role) == ("RUS", "minister")


def test_the_text_wins_over_the_office_holders(actors_of):
    ctx = actors_of("Canadian lawmaker Joe Biden wrote to the paper.", published="2024-05-01")
    assert (by_name(ctx, "Joe Biden").country, by_name(ctx, "Joe Biden").role) == ("CAN", "legislature")


def test_a_non_state_actor_takes_the_role_of_its_period(actors_of):
    before = by_name(actors_of("The Taliban seized the district.", published="2019-05-01"), "Taliban")
    after = by_name(actors_of("The Taliban issued a decree.", published="2023-05-01"), "Taliban")
    assert (before.sector, before.code) == ("REB", "AFGREBTAL")
    assert (after.sector, after.code) == ("GOV", "AFGGOVTAL")


def test_armed_groups_carry_their_country_and_code(actors_of):
    ctx = actors_of("Hamas fired rockets and Hezbollah answered.", published="2024-05-01")
    assert (by_name(ctx, "Hamas").country, by_name(ctx, "Hamas").code) == ("PSE", "PSEREBHMS")
    assert by_name(ctx, "Hezbollah").code == "LBNREBHEZ"


def test_a_spokesman_for_an_armed_group_carries_its_code(actors_of):
    ctx = actors_of("Hamas spokesman Omar Saleh denied the report.", published="2024-05-01")
    saleh = by_name(ctx, "Omar Saleh")
    assert (saleh.country, saleh.code) == ("PSE", "PSEREBHMS")


def test_a_listed_organisation_is_named_as_the_text_writes_it(actors_of):
    ctx = actors_of("Al-Shabab fighters attacked a base, and al-Shabab later claimed it.", published="2024-05-01")
    shabab = by_name(ctx, "Al-Shabab")
    assert shabab.key == "org:alshabaab" and shabab.country == "SOM"


def test_international_bodies_carry_their_cameo_codes(actors_of):
    ctx = actors_of("The UN refugee agency and the World Food Programme asked NATO for help.")
    assert by_name(ctx, "World Food Programme").code == "IGOUNOWFP"
    assert by_name(ctx, "NATO").code == "IGOWSTNAT"


def test_peoples_and_communities_are_groups_with_their_codes(actors_of):
    ctx = actors_of("The Palestinians rejected the plan. Iraqi Kurds and Shiites voted, and Jewish settlers protested.")
    palestinians = by_name(ctx, "Palestinians")
    assert (palestinians.kind, palestinians.country, palestinians.code) == ("group", "PSE", "PSE")
    assert (by_name(ctx, "Iraqi Kurds").country, by_name(ctx, "Iraqi Kurds").code) == ("IRQ", "IRQKUR")
    assert (by_name(ctx, "Shiites").country, by_name(ctx, "Shiites").code) == (None, "MOSSHI")
    assert by_name(ctx, "Jewish settlers").country == "ISR"


def test_groupings_that_are_no_body_are_actors_to_expand(actors_of):
    ctx = actors_of("The P5 and the Nordic countries backed the plan, while Quad leaders met in Tokyo.")
    p5 = by_name(ctx, "P5")
    assert (p5.key, p5.kind, p5.country) == ("grouping:P5", "organization", None)
    assert by_name(ctx, "Nordic countries").kind == "group"
    assert by_name(ctx, "Quad").key == "igo:QUAD"


def test_grouping_members_follow_the_date():
    import datetime as dt

    from dyad.codes import members_on

    assert "RUS" in members_on("G8", dt.date(2010, 1, 1)) and not members_on("G8", dt.date(2020, 1, 1))
    assert "SWE" not in members_on("NATO", dt.date(2023, 1, 1)) and "SWE" in members_on("NATO", dt.date(2024, 6, 1))


def test_a_typographic_apostrophe_does_not_change_the_state(actors_of):
    ctx = actors_of("The People’s Republic of China rejected the claim, and the Democratic People’s Republic of Korea agreed.")
    assert {a.country for a in ctx.result.actors if a.kind == "state"} == {"CHN", "PRK"}


def test_north_korean_bodies_are_north_korean(actors_of):
    ctx = actors_of(
        "The Korean Central News Agency reported that the Workers’ Party of Korea met. "
        "Pyongyang's foreign ministry also issued a statement, KCNA said."
    )
    bodies = {a.name: a.country for a in ctx.result.actors if a.kind == "organization"}
    assert bodies and set(bodies.values()) == {"PRK"}, bodies
