"""Whom a person acts for, read from the words around the name: title phrases, appositives without a
known title, delegations, owners, envoys to international bodies. Sentences written for these tests."""

from __future__ import annotations

from conftest import by_name


def country(ctx, name: str) -> str | None:
    return by_name(ctx, name).country


def test_a_spokesperson_for_a_states_ministry_speaks_for_the_state(actors_of):
    assert country(actors_of("Lin Wei, a spokesperson for China's foreign ministry, said the talks went well."), "Lin Wei") == "CHN"
    ctx = actors_of("A spokesperson for China's foreign ministry, Lin Wei, said the talks went well.")
    assert country(ctx, "Lin Wei") == "CHN"


def test_an_official_at_a_ministry_and_a_minister_of_a_possessive_state(actors_of):
    ctx = actors_of("Kenji Sato, an official at Japan's defense ministry, declined to comment.")
    assert country(ctx, "Kenji Sato") == "JPN"
    ctx = actors_of("Pierre Ndomo, Gabon's territorial administration minister, visited the villages.")
    assert (country(ctx, "Pierre Ndomo"), by_name(ctx, "Pierre Ndomo").role) == ("GAB", "minister")


def test_a_delegation_leader_acts_for_the_delegations_state(actors_of):
    ctx = actors_of("Olena Marchenko led the Ukrainian delegation at the talks in Geneva.")
    marchenko = by_name(ctx, "Olena Marchenko")
    assert (marchenko.country, marchenko.role) == ("UKR", "diplomat")


def test_a_demonym_in_a_description_without_a_known_title(actors_of):
    ctx = actors_of("Park Min-ho, a North Korean defector, and Emma Stone, an American college student, spoke.")
    assert (country(ctx, "Park Min-ho"), country(ctx, "Emma Stone")) == ("PRK", "USA")
    ctx = actors_of("The court jailed Ali Demir, a local U.S. consulate employee, on Friday.")
    assert country(ctx, "Ali Demir") == "USA"


def test_a_post_named_after_a_field_is_no_nationality(actors_of):
    ctx = actors_of("Tom Reed, the Japan chair at the Brookings Institution, disagreed.")
    assert country(ctx, "Tom Reed") != "JPN"
    ctx = actors_of("Jane Holt, a North Korean expert at a California institute, disagreed.")
    assert country(ctx, "Jane Holt") != "PRK"


def test_long_modifiers_with_possessives_and_and_before_a_title(actors_of):
    ctx = actors_of("Mia Kato, senior associate politics and international studies professor at Waseda University in Tokyo, spoke.")
    assert country(ctx, "Mia Kato") == "JPN"


def test_an_envoy_to_an_international_body_speaks_for_the_state_before_the_title(actors_of):
    ctx = actors_of("British Deputy U.N. Ambassador Tom Reid told reporters the vote would go ahead.")
    reid = by_name(ctx, "Tom Reid")
    assert (reid.country, reid.role) == ("GBR", "diplomat")
    envoy = by_name(actors_of("U.N. envoy Sara Lind urged calm."), "Sara Lind")
    assert (envoy.country, envoy.sector) == (None, "IGO")


def test_two_titles_joined_by_and(actors_of):
    ctx = actors_of("French leader and Emperor Louis Martin lost the battle.")
    assert country(ctx, "Louis Martin") == "FRA"


def test_a_spokesman_of_the_head_of_a_body_serves_the_body(actors_of):
    ctx = actors_of(
        "U.N. Secretary-General Antonio Guterres condemned the raids. Guterres' spokesman, Paul Weber, "
        "told reporters in Myanmar that Myanmar's army and Myanmar's police and Myanmar's leaders must stop."
    )
    weber = by_name(ctx, "Paul Weber")
    assert (weber.country, weber.sector, weber.code) == (None, "IGO", "IGOUNO")


def test_a_with_phrase_of_a_states_clause(actors_of):
    ctx = actors_of(
        "The United States voiced concern over the clashes, with National Security Advisor Tim Cole "
        "speaking by phone with his Israeli counterpart."
    )
    assert country(ctx, "Tim Cole") == "USA"


def test_an_officer_of_a_think_tank_is_its_analyst(actors_of):
    ctx = actors_of(
        "North Korea fired a missile on Monday. Dan Ross, vice president at the Carnegie Endowment for "
        "International Peace, said talks were unlikely."
    )
    ross = by_name(ctx, "Dan Ross")
    assert (ross.country, ross.role) == ("USA", "analyst")


def test_based_in_a_state(actors_of):
    ctx = actors_of("The group is led by Omar Jama, who has been based in Somalia since 2019.")
    assert country(ctx, "Omar Jama") == "SOM"


def test_a_leaders_administration_is_a_body_of_the_leaders_state(actors_of):
    ctx = actors_of("The first Trump administration pulled out of the deal, and Iran protested.", published="2025-03-01")
    body = by_name(ctx, "Trump administration")
    assert (body.kind, body.country, body.role) == ("organization", "USA", "government")
    assert "Trump" not in {a.name for a in ctx.result.actors}  # named only inside the body's name
    ctx = actors_of("The Biden administration urged restraint. Biden later called Tehran.", published="2024-03-01")
    assert country(ctx, "Biden administration") == "USA" and country(ctx, "Biden") == "USA"


def test_a_named_body_after_a_lower_case_part_of_it(actors_of):
    ctx = actors_of("The standing committee of the National People's Congress voted to amend the law.")
    assert country(ctx, "National People's Congress") == "CHN"


def test_an_unnamed_office_holder_of_a_state_is_an_actor(actors_of):
    ctx = actors_of("Iran’s U.N. ambassador attended the meeting, but the talks broke up early.")
    envoy = by_name(ctx, "Iran’s U.N. ambassador")
    assert (envoy.kind, envoy.country, envoy.role) == ("person", "IRN", "diplomat")


def test_contributors_listed_together_and_hyphenated_given_names(actors_of):
    ctx = actors_of("Park Joen and Ahn So-young contributed to this report.")
    assert by_name(ctx, "Ahn So-young").role == "media"


def test_one_person_also_known_by_another_name(actors_of):
    ctx = actors_of("Iraqi officials said that Ahmed Saleh al-Tamimi, also known as Abu Hamza, ran the cell.")
    assert "Abu Hamza" in by_name(ctx, "Ahmed Saleh al-Tamimi").aliases
    assert "Abu Hamza" not in {a.name for a in ctx.result.actors}


def test_the_body_an_unnamed_programme_belongs_to_gives_the_country(actors_of):
    ctx = actors_of("Dana Lee, director of the U.S.-Korea policy program at the Council on Foreign Relations, disagreed.")
    assert (country(ctx, "Dana Lee"), by_name(ctx, "Dana Lee").role) == ("USA", "analyst")


def test_a_nonresident_post_is_not_where_the_person_is(actors_of):
    ctx = actors_of(
        "Kenji Mori, a nonresident senior fellow at the Atlantic Council's Asia Initiative and an associate "
        "professor at Waseda University in Tokyo, said so."
    )
    assert country(ctx, "Kenji Mori") == "JPN"


def test_a_fronted_description_with_an_employer(actors_of):
    ctx = actors_of(
        "Omar Haddad, a sociologist, spoke first. A media analyst at the University of Southern California’s "
        "Annenberg School for Communication and Journalism, Haddad also noted the risks."
    )
    assert country(ctx, "Omar Haddad") == "USA"
    assert country(ctx, "University of Southern California") == "USA"
    assert country(ctx, "Annenberg School for Communication and Journalism") == "USA"


def test_a_national_branch_named_after_its_body(actors_of):
    ctx = actors_of(
        "Tom Hale works at the Hanover Peace Foundation USA. The Hanover Peace Foundation's Hale said talks would resume."
    )
    assert country(ctx, "Hanover Peace Foundation USA") == "USA"
    assert "Hanover Peace Foundation" in by_name(ctx, "Hanover Peace Foundation USA").aliases
