"""The actors stage on sentences written for these tests."""

from __future__ import annotations

import pycountry

from conftest import by_name
from dyad.extract.actors import lexicon
from dyad.extract.actors.names import near_spelling, same_full_name
from dyad.extract.common.context import DocContext


def mention_at(ctx: DocContext, surface: str, nth: int = 0):
    start = -1
    for _ in range(nth + 1):
        start = ctx.document.text.index(surface, start + 1)
    return ctx.mention_covering(start, start + len(surface))


# -- data files ------------------------------------------------------------------


def test_gazetteer_covers_un_members_and_three_more():
    states = lexicon.gazetteer().states
    members = [s for s in states.values() if s.un_member]
    assert len(members) == 193
    assert {"TWN", "XKX", "PSE"} <= set(states)
    for iso3 in states:
        if iso3 != "XKX":
            assert pycountry.countries.get(alpha_3=iso3) is not None, iso3


def test_gazetteer_forms_resolve_to_one_state():
    forms = lexicon.gazetteer().forms
    assert forms["U.S."][0] == forms["America"][0] == forms["Oval Office"][0] == "USA"
    assert lexicon.known_orgs()["White House"].country == "USA"  # an office of the government, an organisation
    assert forms["DPRK"][0] == forms["Pyongyang"][0] == "PRK"
    assert forms["ROK"][0] == forms["South Korean"][0] == "KOR"
    assert forms["Kremlin"] == ("RUS", "metonym")
    assert forms["Britain"][0] == forms["Downing Street"][0] == "GBR"


def test_titles_and_heads_are_loaded():
    assert lexicon.titles()["premier"].role == "head of government"
    assert lexicon.titles()["deputy foreign minister"].role == "diplomat"
    assert lexicon.org_heads()["university"].sector == "EDU"
    assert all(t.sector in {"GOV", "MIL", "LEG", "JUD", "COP", "OPP", "REB", "BUS", "MED", "EDU", "NGO", "IGO", "CVL", "ELI"}
               for t in lexicon.titles().values())


# -- states ----------------------------------------------------------------------


def test_states_by_name_demonym_capital_and_seat_are_one_actor_each(actors_of):
    ctx = actors_of(
        "Seoul protested on Friday after a Chinese ban on South Korean films. "
        "South Korea said the Kremlin and the White House were also consulted. "
        "A Russian envoy later flew to Washington."
    )
    keys = [a.key for a in ctx.result.actors]
    assert len(keys) == len(set(keys))
    kor = by_name(ctx, "South Korea")
    assert kor.kind == "state" and kor.country == "KOR" and kor.code == "KORGOV"
    assert {"Seoul", "South Korean", "South Korea"} <= set(kor.aliases)
    assert ctx.state_of(mention_at(ctx, "Chinese").actor_key) == "CHN"
    assert mention_at(ctx, "Chinese").how == "demonym"
    assert ctx.state_of(mention_at(ctx, "Kremlin").actor_key) == "RUS"
    assert mention_at(ctx, "Kremlin").how == "metonym"
    assert ctx.state_of(mention_at(ctx, "White House").actor_key) == "USA"
    assert ctx.state_of(mention_at(ctx, "Washington").actor_key) == "USA"


def test_possessive_is_stripped_from_the_state_mention(actors_of):
    ctx = actors_of("Germany's chancellor spoke to reporters in Berlin.")
    mention = next(m for m in ctx.result.mentions if m.actor_key == "state:DEU")
    assert mention.text == "Germany"
    # the unnamed chancellor is a person of Germany's, named by the whole phrase
    assert ctx.state_of(mention_at(ctx, "chancellor").actor_key) == "DEU"


def test_the_north_means_pyongyang_only_when_both_koreas_are_named(actors_of):
    ctx = actors_of("North Korea and South Korea met at the border. The North later tested a rocket.")
    assert ctx.state_of(mention_at(ctx, "The North").actor_key) == "PRK"
    ctx = actors_of("Voters in the North of England were angry. Labour lost seats there.")
    assert "PRK" not in {a.country for a in ctx.result.actors}


def test_places_languages_and_products_are_not_states(actors_of):
    ctx = actors_of("Veterans of the Korean War gathered on the Korean Peninsula. K-pop fans sang along.")
    assert "KOR" not in {a.country for a in ctx.result.actors if a.kind == "state"}
    ctx = actors_of("The minister spoke in Japanese at the ceremony.")
    assert all(a.country != "JPN" for a in ctx.result.actors)


def test_international_bodies_have_no_country(actors_of):
    ctx = actors_of("The United Nations and NATO urged restraint, and the IAEA sent inspectors.")
    un = by_name(ctx, "United Nations")
    assert un.country is None and un.sector == "IGO" and un.kind == "organization"
    assert by_name(ctx, "NATO").code == "IGOWSTNAT"  # the CAMEO dictionaries spell it in full
    assert by_name(ctx, "IAEA").country is None


# -- people ----------------------------------------------------------------------


def test_title_with_demonym_gives_country_and_role(actors_of):
    ctx = actors_of("Brazilian President Luiz Inacio Lula da Silva met Indian Prime Minister Narendra Modi in Delhi.")
    lula = by_name(ctx, "Luiz Inacio Lula da Silva")
    assert (lula.kind, lula.country, lula.role, lula.code) == ("person", "BRA", "head of state", "BRAGOV")
    modi = by_name(ctx, "Narendra Modi")
    assert (modi.country, modi.role) == ("IND", "head of government")
    # the demonym stays a mention of the state, the name a mention of the person
    assert mention_at(ctx, "Brazilian").actor_key == "state:BRA"
    assert mention_at(ctx, "Narendra Modi").how == "name"


def test_possessive_state_and_comma_title(actors_of):
    ctx = actors_of("Japan's senior deputy foreign minister, Hiroshi Tanaka, arrived in Manila on Monday.")
    tanaka = by_name(ctx, "Hiroshi Tanaka")
    assert (tanaka.country, tanaka.role) == ("JPN", "diplomat")


def test_list_of_appositives_keeps_each_country(actors_of):
    ctx = actors_of(
        "The talks brought together Wu Ming, China's assistant foreign minister, "
        "Kenji Mori, Japan's deputy foreign minister, and Park Ji-hoon, South Korea's deputy foreign minister."
    )
    assert by_name(ctx, "Wu Ming").country == "CHN"
    assert by_name(ctx, "Park Ji-hoon").country == "KOR"
    assert by_name(ctx, "Kenji Mori").country == "JPN"


def test_appositive_professor_takes_the_country_of_the_university(actors_of):
    ctx = actors_of("Yuki Nakamura, a professor of politics at Kyoto University, said the deal was fragile.")
    person = by_name(ctx, "Yuki Nakamura")
    assert (person.role, person.country) == ("analyst", "JPN")
    uni = by_name(ctx, "Kyoto University")
    assert (uni.kind, uni.role, uni.country) == ("organization", "university", "JPN")


def test_fellow_at_a_known_think_tank(actors_of):
    ctx = actors_of("Sarah Whitfield, a senior fellow at the Brookings Institution, expects more sanctions.")
    assert by_name(ctx, "Sarah Whitfield").country == "USA"
    assert by_name(ctx, "Brookings Institution").role == "think tank"


def test_adviser_of_a_leader_shares_the_leader_country(actors_of):
    ctx = actors_of(
        "Mexican President Claudia Sheinbaum flew to Ottawa. "
        "Sheinbaum's chief of staff, Raul Ortega, briefed the press."
    )
    ortega = by_name(ctx, "Raul Ortega")
    assert (ortega.country, ortega.role) == ("MEX", "official")


def test_surname_and_honorific_join_the_full_name(actors_of):
    ctx = actors_of(
        "Choi Dong-hyun, an economist at Yonsei University, warned of a slowdown. "
        "Mr. Choi said exports would fall. Choi added that prices would rise."
    )
    choi = [a for a in ctx.result.actors if a.kind == "person"]
    assert len(choi) == 1 and choi[0].name == "Choi Dong-hyun"
    assert {m.how for m in ctx.result.mentions if m.actor_key == choi[0].key} >= {"name", "surname"}


def test_people_sharing_a_surname_stay_apart(actors_of):
    ctx = actors_of(
        "South Korean President Lee Jae-myung met Chinese Premier Li Qiang in Beijing. "
        "Lee Min-ji, a researcher at the Asan Institute, said the meeting went well. "
        "Lee Jae-myung later thanked his hosts."
    )
    people = {a.name: a for a in ctx.result.actors if a.kind == "person"}
    assert {"Lee Jae-myung", "Li Qiang", "Lee Min-ji"} <= set(people)
    assert people["Li Qiang"].country == "CHN"
    assert people["Lee Min-ji"].role == "analyst"
    assert people["Lee Jae-myung"].key != people["Lee Min-ji"].key


def test_spelling_variants_and_typos_within_a_document(actors_of):
    ctx = actors_of(
        "Japanese Prime Minister Shigeru Ishiba visited Canberra. "
        "Ishiba met business leaders. Later, Ishibba toured a port."
    )
    people = [a for a in ctx.result.actors if a.kind == "person"]
    assert len(people) == 1 and people[0].country == "JPN"


def test_full_name_comparison_keeps_different_people_apart():
    assert same_full_name("Yoon Suk-yeol", "Yoon Suk Yeol")
    assert same_full_name("Yoo Suk Yeol", "Yoon Suk Yeol")
    assert not same_full_name("Kim Jong Un", "Kim Jong Il")
    assert not same_full_name("Lee Jae-myung", "Li Qiang")
    assert near_spelling("takaichi", "takaiichi")
    assert not near_spelling("lee", "li")


def test_title_only_reference_and_pronoun(actors_of):
    ctx = actors_of(
        "Kenyan President William Ruto opened the summit in Nairobi. "
        "He urged donors to act quickly. The president also met farmers."
    )
    ruto = by_name(ctx, "William Ruto")
    hows = {m.how: m.text for m in ctx.result.mentions if m.actor_key == ruto.key}
    assert hows.get("pronoun") == "He"
    assert hows.get("title") == "The president"


def test_pronoun_is_left_alone_when_two_people_compete(actors_of):
    ctx = actors_of("Finnish President Alexander Stubb met Swedish Prime Minister Ulf Kristersson. He spoke first.")
    assert not [m for m in ctx.result.mentions if m.how == "pronoun"]


def test_fallback_leaders_list_only_when_the_text_is_silent(actors_of):
    ctx = actors_of("Vladimir Putin spoke by phone with officials in Minsk.", published="2025-03-01")
    putin = by_name(ctx, "Vladimir Putin")
    assert (putin.country, putin.role) == ("RUS", "head of state")
    assert "office holders list" in (putin.why or "")


# -- organisations and groups ----------------------------------------------------


def test_described_organisations_of_a_state(actors_of):
    ctx = actors_of("The Japanese navy escorted the ship while Seoul's foreign ministry issued a protest.")
    navy = by_name(ctx, "Japanese navy")
    assert (navy.kind, navy.country, navy.role, navy.code) == ("organization", "JPN", "military", "JPNMIL")
    ministry = by_name(ctx, "Seoul's foreign ministry")
    assert (ministry.country, ministry.role) == ("KOR", "government")


def test_descriptor_and_known_outlet(actors_of):
    ctx = actors_of("According to German broadcaster ZDF, the plan stalled. Reuters reported the same on Monday.")
    zdf = by_name(ctx, "ZDF")
    assert (zdf.country, zdf.role) == ("DEU", "media")
    assert by_name(ctx, "Reuters").country == "GBR"


def test_group_with_a_nationality(actors_of):
    ctx = actors_of("Filipino workers in Dubai rallied outside the consulate on Sunday.")
    group = [a for a in ctx.result.actors if a.kind == "group"]
    assert group and group[0].country == "PHL"
    assert group[0].name.startswith("Filipino workers")


def test_anonymous_official_and_later_reference(actors_of):
    ctx = actors_of(
        "A senior Indian government official said the border was calm. "
        "The official asked not to be named."
    )
    person = by_name(ctx, "senior Indian government official")
    assert (person.kind, person.country, person.role) == ("person", "IND", "official")
    assert any(m.how == "title" and m.actor_key == person.key for m in ctx.result.mentions)


def test_dates_numbers_and_languages_make_no_actors(actors_of):
    ctx = actors_of("On Monday, 2,000 people learned Korean in 2024.")
    assert not [a for a in ctx.result.actors if a.kind in {"person", "organization"}]


def test_every_mention_points_at_its_words(actors_of):
    ctx = actors_of(
        "Thai Prime Minister Paetongtarn Shinawatra met Cambodian officials in Phnom Penh. "
        "Bangkok said the talks were useful."
    )
    text = ctx.document.text
    keys = {a.key for a in ctx.result.actors}
    for m in ctx.result.mentions:
        assert text[m.evidence.start : m.evidence.end] == m.text
        assert m.actor_key in keys


def test_title_reference_with_a_nationality_picks_that_country(actors_of):
    ctx = actors_of(
        "Vietnamese Prime Minister Pham Minh Chinh met Thai Prime Minister Srettha Thavisin in Hanoi. "
        "Afterwards the Vietnamese prime minister visited a school."
    )
    chinh = by_name(ctx, "Pham Minh Chinh")
    mention = mention_at(ctx, "the Vietnamese prime minister")
    assert mention.actor_key == chinh.key and mention.how == "title"
    # every token of the phrase now leads to the person, whose country is Vietnam
    assert ctx.state_of(ctx.mention_covering(mention.evidence.start, mention.evidence.start + 3).actor_key) == "VNM"


def test_mentions_between_lists_overlapping_mentions_in_order(actors_of):
    ctx = actors_of("Egyptian President Abdel Fattah el-Sisi met Qatari officials in Doha.")
    text = ctx.document.text
    found = ctx.mentions_between(0, len(text))
    assert [m.evidence.start for m in found] == sorted(m.evidence.start for m in found)
    assert len(found) == len(ctx.result.mentions)
    assert ctx.actor_at(ctx.doc[0]).country == "EGY"


def test_people_of_international_bodies_and_name_particles(actors_of):
    ctx = actors_of("NATO Secretary-General Mark Rutte met Dutch King Willem-Alexander and Charles de Gaulle's grandson.")
    rutte = by_name(ctx, "Mark Rutte")
    assert (rutte.country, rutte.sector, rutte.code) == (None, "IGO", "IGOWSTNAT")
    assert any(a.name == "Charles de Gaulle" for a in ctx.result.actors)


def test_known_groups_are_organisations_not_people(actors_of):
    ctx = actors_of("Boko Haram fighters attacked a village in northern Nigeria on Sunday.")
    group = by_name(ctx, "Boko Haram")
    assert (group.kind, group.country, group.sector) == ("organization", "NGA", "REB")


def test_lone_surname_of_a_listed_leader_needs_the_country_in_the_text(actors_of):
    ctx = actors_of("Macron told reporters that France would host the talks.", published="2025-06-01")
    assert (by_name(ctx, "Macron").country, by_name(ctx, "Macron").role) == ("FRA", "head of state")
    ctx = actors_of("Macron told reporters that the talks would go ahead.", published="2025-06-01")
    assert by_name(ctx, "Macron").country is None


def test_department_titles_known_bodies_and_envoys_of_international_bodies(actors_of):
    ctx = actors_of(
        "U.S. Commerce Department Secretary Howard Lutnick spoke first. "
        "Hamas spokesman Hazem Qassem replied on Monday. "
        "Marta Jensen, the U.N. special envoy for Yemen, urged calm."
    )
    assert (by_name(ctx, "Howard Lutnick").country, by_name(ctx, "Howard Lutnick").role) == ("USA", "minister")
    assert by_name(ctx, "Hazem Qassem").country == "PSE"
    envoy = by_name(ctx, "Marta Jensen")
    assert (envoy.country, envoy.role, envoy.code) == (None, "diplomat", "IGOUNO")


def test_states_inside_dashed_compounds(actors_of):
    ctx = actors_of("Analysts watched the U.S.-Japan-Philippines alignment and the Australia–New Zealand talks.")
    countries = {ctx.state_of(m.actor_key) for m in ctx.result.mentions}
    assert {"USA", "JPN", "PHL", "AUS", "NZL"} <= countries
    for m in ctx.result.mentions:
        assert ctx.document.text[m.evidence.start : m.evidence.end] == m.text


def test_untagged_surname_of_a_named_person(actors_of):
    ctx = actors_of(
        "Indonesian Foreign Minister Sugiono Wibowo met his hosts. Wibowo told reporters the talks went well."
    )
    person = [a for a in ctx.result.actors if a.kind == "person"]
    assert len(person) == 1
    assert len([m for m in ctx.result.mentions if m.actor_key == person[0].key]) >= 2


def test_relatives_and_spokespeople_of_bodies(actors_of):
    ctx = actors_of(
        "Ri Sol Ju, the wife of North Korean leader Kim Jong Un, attended the show. "
        "Russian Foreign Ministry spokeswoman Anna Petrova called it a provocation."
    )
    assert by_name(ctx, "Ri Sol Ju").country == "PRK"
    petrova = by_name(ctx, "Anna Petrova")
    assert (petrova.country, petrova.role) == ("RUS", "official")


def test_office_holder_without_country_takes_the_main_state_only_when_clear(actors_of):
    text = (
        "Pakistan said the attack in Quetta was planned abroad. Pakistan closed the border. "
        "Prime Minister Imran Qadir said Pakistan would respond. Islamabad summoned envoys."
    )
    ctx = actors_of(text)
    assert by_name(ctx, "Imran Qadir").country == "PAK"
    assert "main state" in (by_name(ctx, "Imran Qadir").why or "")
    ctx = actors_of("India and Pakistan traded fire. Prime Minister Imran Qadir said India and Pakistan must talk.")
    assert by_name(ctx, "Imran Qadir").country is None


def test_a_name_found_once_is_found_where_it_repeats(actors_of):
    ctx = actors_of(
        "The study came from the Lantern Policy Institute in Manila.\n\n"
        "Lantern Policy Institute researchers met officials."
    )
    org = by_name(ctx, "Lantern Policy Institute")
    assert len([m for m in ctx.result.mentions if m.actor_key == org.key]) == 2


def test_administrations_of_two_leaders_are_two_bodies(actors_of):
    ctx = actors_of(
        "Chilean President Ana Rojas replaced former Chilean President Pedro Soto in March. "
        "The Rojas administration reversed rules the Soto administration had made."
    )
    bodies = [a for a in ctx.result.actors if a.kind == "organization"]
    assert len({a.key for a in bodies}) == 2 and all(a.country == "CHL" for a in bodies)


def test_places_taken_for_people_or_bodies_are_dropped(actors_of):
    ctx = actors_of(
        "Thousands live in Ngoleni. Ngoleni residents fear the closure. "
        "The UN Refugee Agency said aid to Ngoleni camp would continue."
    )
    assert "Ngoleni" not in {a.name for a in ctx.result.actors if a.kind in {"person", "organization"}}
    assert any(a.key == "igo:UNHCR" for a in ctx.result.actors)


def test_its_refers_to_the_subject_and_names_do_not_end_on_for(actors_of):
    ctx = actors_of(
        "Manila said it could meet a Chinese blockade of Taiwan with its coast guard. "
        "Ana Cruz of the Manila Institute for Ocean Law disagreed."
    )
    guard = [a for a in ctx.result.actors if a.role == "military"]
    assert guard and guard[0].country == "PHL"
    assert any(a.name == "Manila Institute for Ocean Law" and a.country == "PHL" for a in ctx.result.actors)


def test_only_a_titled_list_shares_a_country(actors_of):
    ctx = actors_of(
        "Chilean Foreign Minister Rosa Vidal met Peruvian President Luis Ortega and Marta Quispe, "
        "the head of Peru's top legislative body, in Lima. Vidal and Ortega then held talks."
    )
    assert by_name(ctx, "Marta Quispe").country == "PER"
    assert by_name(ctx, "Marta Quispe").role == "legislature"
    assert by_name(ctx, "Luis Ortega").country == "PER"
    assert by_name(ctx, "Rosa Vidal").country == "CHL"


def test_crowds_that_act_are_groups(actors_of):
    ctx = actors_of("Protesters in Bangkok clashed with police on Sunday. Separately, militants attacked a base.")
    groups = {a.name: a for a in ctx.result.actors if a.kind == "group"}
    assert groups["Protesters in Bangkok"].country == "THA"
    assert groups["militants"].country is None and groups["militants"].sector == "REB"


def test_data_tables_have_no_duplicate_keys():
    from dyad.extract.actors.lexicon import rows

    for name, column in [("titles.tsv", "title"), ("titles_orgs.tsv", "head"), ("titles_groups.tsv", "noun"),
                         ("igos.tsv", "key"), ("gazetteer.tsv", "iso3"), ("gazetteer_cities.tsv", "city")]:
        keys = [r[column].lower() for r in rows(name)]
        assert len(keys) == len(set(keys)), f"{name}: duplicate {column}"


def test_gazetteer_holds_pycountry_names():
    states = lexicon.gazetteer().states
    forms = lexicon.gazetteer().forms
    for iso3 in states:
        country = pycountry.countries.get(alpha_3=iso3)
        if country is None:
            continue
        for attr in ("name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in value and "(" not in value:
                assert lexicon.strip_article(value) in forms, f"{iso3}: {value!r} missing"


def test_counterpart_and_an_organisation_placed_after_its_name(actors_of):
    ctx = actors_of(
        "Chilean President Rosa Vidal met her Peruvian counterpart, Luis Ortega, in Lima. "
        "Tomas Ruiz, an economist at the Andes Trade Foundation in Lima, called it overdue."
    )
    assert by_name(ctx, "Luis Ortega").country == "PER"
    assert by_name(ctx, "Andes Trade Foundation").country == "PER"
    assert by_name(ctx, "Tomas Ruiz").country == "PER"
