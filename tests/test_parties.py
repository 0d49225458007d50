"""The party resolver (extract/parties) and the groupings loader, on sentences of our own."""

from __future__ import annotations

import datetime as dt

import pytest

from dyad.extract.common.groupings import grouping, members
from dyad.extract.parties import PartyResolver


def parties_of(actors_of, text: str, word: str, nth: int = 0, published: str = "2024-03-15"):
    """(state, reason) of what the nth use of `word` stands for."""
    ctx = actors_of(text, published)
    tok = [t for t in ctx.doc if t.text == word][nth]
    return [(p.state, p.reason) for p in PartyResolver(ctx).resolve(tok)]


def states_of(actors_of, text: str, word: str, nth: int = 0, published: str = "2024-03-15") -> list[str | None]:
    return [s for s, _ in parties_of(actors_of, text, word, nth, published)]


# -- groupings.yaml ------------------------------------------------------------------------


def test_memberships_follow_their_dates() -> None:
    assert "RUS" not in members("G8", dt.date(2015, 1, 1)) and "RUS" in members("G8", dt.date(2010, 1, 1))
    assert "IRN" in members("BRICS", dt.date(2024, 6, 1)) and "IRN" not in members("BRICS", dt.date(2020, 6, 1))
    assert "GBR" in members("EU", dt.date(2019, 6, 1)) and "GBR" not in members("EU", dt.date(2021, 6, 1))
    assert set(members("QUAD", dt.date(2023, 1, 1))) == {"AUS", "IND", "JPN", "USA"}


def test_groupings_are_found_by_key_body_and_alias() -> None:
    assert grouping("G-7").key == grouping("G7").key == "G7"
    assert grouping("Quad").key == "QUAD"
    assert grouping("Narnia Pact") is None


# -- what a word stands for ----------------------------------------------------------------


def test_a_forum_stands_for_its_members_on_the_texts_date(actors_of) -> None:
    text = "Quad foreign ministers met on Monday."
    assert sorted(states_of(actors_of, text, "ministers")) == ["AUS", "IND", "JPN", "USA"]
    assert {r for _, r in parties_of(actors_of, text, "ministers")} == {"grouping"}  # none named in the sentence


def test_members_named_in_the_sentence_come_first_in_the_order_named(actors_of) -> None:
    text = "The Quad talks brought together ministers from Japan, India, Australia and the United States."
    assert states_of(actors_of, text, "talks") == ["JPN", "IND", "AUS", "USA"]


def test_a_body_acts_in_its_own_name_and_a_large_grouping_stays_the_body(actors_of) -> None:
    assert states_of(actors_of, "The EU imposed sanctions on Belarus.", "EU") == [None]
    assert states_of(actors_of, "NATO allies pledged more aid to Ukraine.", "allies") == [None]


def test_a_reference_back_to_a_grouping_stands_for_its_members(actors_of) -> None:
    text = "The G7 talks ended on Friday. The group condemned the missile launch."
    assert len(states_of(actors_of, text, "group")) == 7


def test_a_subject_pronoun_continues_an_actor_subject_but_not_a_thing(actors_of) -> None:
    assert states_of(actors_of, "Kenya voted against the plan. It later rejected a second draft.", "It") == ["KEN"]
    assert states_of(actors_of, "Kenya hosted a summit. The summit was short. It ended quickly.", "It") == []


def test_a_plural_pronoun_stands_for_every_state_of_the_subject(actors_of) -> None:
    text = "Chile and Peru said they would sign a trade pact with Bolivia."
    assert states_of(actors_of, text, "they") == ["CHL", "PER"]


def test_we_in_a_quotation_is_the_speakers_side(actors_of) -> None:
    text = '"We reject these claims," the Kenyan foreign minister said.'
    assert parties_of(actors_of, text, "We") == [("KEN", "speaker")]


def test_a_description_stands_only_for_a_state_it_can_describe(actors_of) -> None:
    text = "China sent warships toward Taiwan. Beijing warned the island against independence."
    assert states_of(actors_of, text, "island") == ["TWN"]  # by the actor stage or as a description
    text = "Portugal met Cuba's envoy. The kingdom of Spain was not there. The island welcomed the talks."
    assert states_of(actors_of, text, "island") == ["CUB"]


def test_a_state_body_stands_for_the_state_it_is_placed_in(actors_of) -> None:
    text = "Security forces in Kenya said they arrested the suspects."
    assert states_of(actors_of, text, "forces") == ["KEN"]
    assert states_of(actors_of, text, "they") == ["KEN"]


def test_the_two_sides_stand_for_the_two_states_just_named(actors_of) -> None:
    text = "Chile and Peru traded accusations on Monday. Both countries recalled their ambassadors."
    assert sorted(states_of(actors_of, text, "countries")) == ["CHL", "PER"]


@pytest.mark.parametrize("text,state", [
    ("Rebels attacked villages in northern Mali on Sunday.", "MLI"),
    ("Rebels attacked villages near Lagos on Sunday.", "NGA"),  # a city places them too
    ("Rebels attacked villages on Sunday.", None),  # no place: no state
])
def test_a_stateless_armed_group_is_placed_by_its_sentence(actors_of, text, state) -> None:
    # the actor stage may place the group itself ("name"); either way the party acts for that state
    found = parties_of(actors_of, text, "Rebels")
    assert [s for s, _ in found] == [state], found


def test_relational_nouns_are_not_their_modifier(actors_of) -> None:
    assert states_of(actors_of, "Chinese rivals protested the decision.", "rivals") == []


def test_we_in_a_quotation_of_its_own_is_the_side_of_the_quotation_before(actors_of) -> None:
    text = ('\u201cWe will stand firm,\u201d the Kenyan and Ugandan ministers said after talks. '
            '\u201cWe also agreed to open the border.\u201d')
    assert sorted(states_of(actors_of, text, "We", nth=1)) == ["KEN", "UGA"]
    # a sentence outside any quotation lends its speaker to no "we"
    text = "The Kenyan minister said talks went well. We went home."
    assert states_of(actors_of, text, "We") == []


def test_a_description_of_an_armed_group_points_back_to_the_group_named_before(actors_of) -> None:
    text = ("Boko Haram attacked a convoy in Nigeria on Monday. "
            "The jihadist group accuses Abuja of neglecting the region.")
    found = parties_of(actors_of, text, "group")
    assert found and found[0][1] == "description", found
    # a state is no group
    assert states_of(actors_of, "Chile met Peru. The group later left.", "group") == []


def test_the_two_sides_may_be_named_a_few_sentences_back(actors_of) -> None:
    text = ("Chile protested the fishing rules on Monday. Peru answered on Tuesday. The talks ended early. "
            "The two neighbours have argued for years.")
    ctx = actors_of(text)
    neighbours = [t for t in ctx.doc if t.text == "neighbours"][0]
    assert PartyResolver(ctx).resolve(neighbours) == []  # only the sentence before, by default
    assert sorted(p.state for p in PartyResolver(ctx, group_reach=3).resolve(neighbours)) == ["CHL", "PER"]
    ctx = actors_of("Chile, Peru and Bolivia met. The talks ended early. The two neighbours argued.")
    neighbours = [t for t in ctx.doc if t.text == "neighbours"][0]
    assert PartyResolver(ctx, group_reach=3).resolve(neighbours) == []


def test_a_bare_number_is_a_counted_group_only_when_asked(actors_of) -> None:
    ctx = actors_of("Officials from Kenya and Uganda met in Nairobi. The two signed a border accord.")
    two = [t for t in ctx.doc if t.text == "two"][0]
    assert PartyResolver(ctx).resolve(two) == []
    assert sorted(p.state for p in PartyResolver(ctx, bare_numbers=True).resolve(two)) == ["KEN", "UGA"]


def test_stands_for_reads_the_word_itself_never_its_modifiers(actors_of) -> None:
    ctx = actors_of("The G7 countries backed the French proposal. They met in Rome.")
    resolver = PartyResolver(ctx)
    proposal = [t for t in ctx.doc if t.text == "proposal"][0]
    assert resolver.stands_for(proposal) == []  # "the French proposal" is no party by itself
    assert resolver.resolve(proposal) != []
    they = [t for t in ctx.doc if t.text == "They"][0]
    assert {p.state for p in resolver.stands_for(they)} == {"CAN", "FRA", "DEU", "ITA", "JPN", "GBR", "USA"}


def test_we_in_a_quotation_is_its_speaker_as_the_quotes_stage_read_it(actors_of) -> None:
    from dyad.extract.quotes.component import run as quotes

    text = 'Chilean Foreign Minister Ana Ruiz said on Monday that the talks went well. "We will stand by Peru."'
    ctx = actors_of(text)
    we = [t for t in ctx.doc if t.text == "We"][0]
    assert PartyResolver(ctx).speaker(we) is None  # no verb of saying above it, and no quotes read yet
    quotes(ctx)
    found = PartyResolver(ctx).speaker(we)
    assert found is not None and (found.state, found.reason) == ("CHL", "speaker")


def test_a_description_prefers_the_state_its_verb_governs(actors_of) -> None:
    text = ("The Indian minister flew to Sri Lanka for the anniversary of its independence from Britain. "
            "He will discuss trade with the island nation.")
    assert states_of(actors_of, text, "nation") == ["LKA"]
