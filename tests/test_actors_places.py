"""States named only as where something is make no actor; states that act or are acted upon do.
Sentences written for these tests."""

from __future__ import annotations

import pytest

from dyad.extract.common.context import DocContext
from dyad.extract.pipeline import build_pipeline
from dyad.records import DocExtraction


@pytest.fixture
def actors_of(nlp, make_doc):
    """The actors with the `places` component after them (no event stage: nothing else uses a place)."""

    def run(text: str) -> DocContext:
        document = make_doc(text)
        ctx = DocContext(document=document, doc=nlp(document.text), result=DocExtraction(doc_id=document.id, model="t"))
        build_pipeline(["sentences", "actors", "places"]).run(ctx)
        return ctx

    return run


def states(ctx) -> set[str]:
    return {a.country for a in ctx.result.actors if a.kind == "state"}


def test_a_capital_where_talks_take_place_is_no_party(actors_of):
    ctx = actors_of("Talks between Iran and the United States resumed in Oslo on Monday.")
    assert states(ctx) == {"IRN", "USA"}


def test_a_state_named_once_only_as_a_location_is_no_actor(actors_of):
    ctx = actors_of("Chile and Peru signed the deal, said Ana Diaz, a Chilean trader in Portugal.")
    assert states(ctx) == {"CHL", "PER"}


def test_a_visit_makes_the_host_a_party(actors_of):
    ctx = actors_of("South Korean President Lee Jae-myung arrived in Tokyo on Sunday.")
    assert "JPN" in states(ctx)


def test_neighbours_named_as_borders_or_refuge_are_no_parties(actors_of):
    ctx = actors_of(
        "Sudan's army shelled the town, which lies near the border with Eritrea. "
        "Thousands fled to neighbouring countries, including Chad, the Central African Republic and Niger."
    )
    assert states(ctx) == {"SDN"}


def test_a_list_of_places_is_where_its_first_item_is(actors_of):
    ctx = actors_of("The network ran cells across Iraq, Syria, Jordan and Lebanon, officials in Washington said.")
    assert not {"IRQ", "SYR", "JOR", "LBN"} & states(ctx)


def test_topics_symbols_and_stances_are_no_parties(actors_of):
    ctx = actors_of(
        "Demonstrators waved Palestinian flags and pro-Palestinian banners outside the embassy. "
        "The Singapore summit ended with a short statement, and she leads the Korea policy desk at the institute."
    )
    assert not {"PSE", "SGP", "KOR"} & states(ctx)


def test_a_state_whose_official_acts_stays(actors_of):
    ctx = actors_of("Austrian Foreign Minister Klara Weiss spoke to reporters in Vienna.")
    assert "AUT" in states(ctx)


def test_a_state_that_acts_once_stays_whatever_its_other_mentions(actors_of):
    ctx = actors_of("Envoys met in Doha. Qatar later said the talks in Doha had gone well.")
    assert "QAT" in states(ctx)


def test_a_place_an_event_involves_stays(run_extract):
    result = run_extract("Russia moved troops to the border with Ukraine. Their envoys later met in Oslo.", "2024-03-15")
    countries = {a.country for a in result.actors if a.kind == "state"}
    assert "UKR" in countries and "NOR" not in countries
    assert all(m.actor_key in {a.key for a in result.actors} for m in result.mentions)


def test_a_platform_named_only_as_where_something_was_said_is_no_actor(actors_of):
    ctx = actors_of("Trump contended in a post on his Truth Social media platform that the EU is unfair. Reuters reported it.")
    names = {a.name for a in ctx.result.actors}
    assert "Truth Social" not in names and "Reuters" in names
