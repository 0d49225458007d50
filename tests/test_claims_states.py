"""Which states a claim is about, and what a share measures: the entity the number measures, never
every state of its sentence (issue 13: one figure that fusion can reconcile). Sentences written
for these tests."""

from __future__ import annotations

import pytest


def only(run_extract, text: str, unit: str):
    found = [c for c in run_extract(text).claims if c.unit == unit]
    assert len(found) == 1, [(c.value, c.unit, c.actors) for c in found]
    return found[0]


def test_a_purpose_clause_beside_the_figure_adds_no_state(run_extract) -> None:
    # the figure's clause ends before "to guard against Serbia"; the place is an anaphor for the host
    text = ("Hungary relies on Germany for its air defence. About 3,400 German troops are based in the "
            "country to guard against an incursion from Serbia.")
    claim = only(run_extract, text, "troops")
    assert set(claim.actors) == {"DEU", "HUN"}


def test_the_holder_through_a_relative_pronoun_and_the_country_it_means(run_extract) -> None:
    # "which" stands for Canada, and "the country" is Latvia, not Canada itself
    text = "Latvia remains a close partner of Canada, which keeps about 2,000 troops in the country."
    claim = only(run_extract, text, "troops")
    assert set(claim.actors) == {"CAN", "LVA"}


def test_a_description_stands_for_the_state_it_can_describe(run_extract) -> None:
    text = "Malta, for its part, is a friend of France, which keeps about 600 sailors on the island."
    claim = only(run_extract, text, "sailors")
    assert set(claim.actors) == {"FRA", "MLT"}


def test_a_verb_place_and_a_noun_owner(run_extract) -> None:
    text = "Some 1,800 Turkish soldiers are stationed in Qatar under a pact signed with Iran in mind."
    claim = only(run_extract, text, "soldiers")
    assert set(claim.actors) == {"TUR", "QAT"}


@pytest.mark.parametrize("text", ["Ukraine supplies nearly half of the wheat Egypt buys each year.",
                                  "Ukraine supplies nearly half of the wheat that Egypt buys."])
def test_the_subject_of_a_clause_on_the_measured_noun(run_extract, text: str) -> None:
    # "the wheat Egypt buys": Egypt is the buyer of what the share measures, Ukraine the holder
    claim = only(run_extract, text, "share")
    assert set(claim.actors) == {"UKR", "EGY"}


def test_a_share_of_a_people_is_about_their_state_and_what_they_do(run_extract) -> None:
    one = only(run_extract, "A survey found that 12% of Norwegians own an electric car.", "share")
    other = only(run_extract, "Officials said 60 percent of Norwegians who finish school learn German.", "share")
    assert one.actors == ["NOR"] and other.actors == ["NOR"]
    assert one.about and "electric car" in one.about
    assert other.about and "finish school" in other.about and "learn German" in other.about


def test_a_share_that_modifies_a_noun_measures_that_noun(run_extract) -> None:
    claim = only(run_extract, "Chile reported a 30% rise in copper exports last year.", "share")
    assert claim.about and claim.about.startswith("rise in copper exports")
    assert claim.actors == ["CHL"]


def test_a_plural_demonym_names_its_state() -> None:
    import spacy

    from dyad.extract.claims.states import demonym_state

    nlp = spacy.blank("en")
    doc = nlp("Norwegians")
    doc[0].pos_ = "PROPN"
    assert demonym_state(doc[0]) == "NOR"
    doc = nlp("volunteers")
    doc[0].pos_ = "NOUN"
    assert demonym_state(doc[0]) is None


def test_the_examples_troops_are_one_figure_whose_consensus_most_sources_give(tmp_path, nlp) -> None:
    # the embedded examples give the US troops in South Korea five times, in four phrasings
    import dyad
    from dyad.examples import example_files

    path = tmp_path / "examples.duckdb"
    with dyad.open(path) as database:
        report = database.ingest([str(p) for p in example_files()])
        assert not report.errors and not report.fusion_errors
    with dyad.open(path, read_only=True) as database:
        troops = [f for f in database.figures(limit=None) if f.unit == "troop"]
        assert len(troops) == 1, [(f.value, f.actors) for f in troops]
        figure = troops[0]
        assert figure.value == 28500 and set(figure.actors) == {"KOR", "USA"}
        assert "about" in (figure.qualifier or "") and "some" in (figure.qualifier or "")
        assert figure.n_claims == 5 and all(c.agrees for c in database.figure(figure.id).claims)
        assert not [c for c in database.contradictions(limit=None) if c.kind == "figure" and "troop" in c.subject]


def test_an_insurgency_is_no_state_of_the_figure(run_extract) -> None:
    # al-Shabab has a home country in the data, but a count of its fighters is not a figure about it
    claim = only(run_extract, "The raid left about 40 al-Shabab fighters dead near the river.", "fighters")
    assert claim.actors == []


def test_a_span_is_about_the_event_it_measures(run_extract) -> None:
    # "in four months" measures the gap between meetings of the two presidents named before
    text = "Peru and Chile signed a truce. It was the first meeting between the two presidents in just four months."
    claim = only(run_extract, text, "months")
    assert set(claim.actors) == {"PER", "CHL"}
    assert claim.about and "meeting between the two presidents" in claim.about


def test_only_a_restrictive_clause_says_which_share(run_extract) -> None:
    which = only(run_extract, "Nearly 40 percent of Danes who own a home pay off the loan early.", "share")
    assert which.about and "who own a home" in which.about and "pay off the loan" in which.about
    extra = only(run_extract, "Chile gets nearly half of its copper ore, which has few uses.", "share")
    assert extra.about == "its copper ore"


def test_a_demonym_inside_a_place_name_is_no_state(run_extract) -> None:
    claim = only(run_extract, "The two navies patrol some 9,000 square kilometers of the Indian Ocean.", "square kilometers")
    assert "IND" not in claim.actors
