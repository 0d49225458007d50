"""Relation rules found on unseen articles: a verb cue with two states as its subject, relations
marked by a cue noun, upgraded and economic ties, deep objects of dependence, and the subject of
"to counter". Sentences written for these tests."""

from __future__ import annotations

import pytest

from dyad.extract.relations.words import relation_words


def relations(run_extract, text: str) -> set[tuple[str, str, str, str]]:
    found = set()
    for r in run_extract(text).relations:
        a, b = (r.a, r.b) if r.directed else tuple(sorted((r.a, r.b)))
        found.add((a, b, r.type, r.polarity))
    return found


def test_a_cue_may_have_several_parts_of_speech() -> None:
    assert {"NOUN", "VERB"} <= set(relation_words().cues["dispute"].pos)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vietnam and China have been disputing the reefs for decades.", ("CHN", "VNM", "rival", "+")),
        ("Greek-Turkish relations are marked by mistrust.", ("GRC", "TUR", "rival", "+")),
        ("Kenya and Ethiopia have upgraded their ties.", ("ETH", "KEN", "partner", "+")),
        ("Chile and Peru expanded their trade ties last year.", ("CHL", "PER", "partner", "+")),
        ("Poland's steel industry is dependent on the orders of the German market.", ("POL", "DEU", "depends_on", "+")),
        ("Australia is courting island states to counter China's reach.", ("AUS", "CHN", "rival", "+")),
    ],
)
def test_relations_read(run_extract, text: str, expected: tuple[str, str, str, str]) -> None:
    assert expected in relations(run_extract, text)


def test_disputing_a_report_is_no_relation(run_extract) -> None:
    assert relations(run_extract, "Brazil disputed the figures in the report.") == set()


def test_the_two_stands_for_the_two_states_named(run_extract) -> None:
    found = relations(run_extract, "Brazil and Argentina met in March. The two countries are close partners.")
    assert ("ARG", "BRA", "partner", "+") in found
    assert relations(run_extract, "Brazil, Chile and Peru met. The two countries are rivals.") == set()


def test_an_officials_we_is_the_state_an_analysts_is_not(run_extract) -> None:
    official = '"We support Kenya in its claim to the islands," Indian foreign secretary Vikram Rao said on Saturday.'
    analyst = '"We support Kenya in its claim to the islands," said Rahul Sen, an analyst at a Delhi think tank.'
    assert ("IND", "KEN", "supports", "+") in relations(run_extract, official)
    assert not any(r[2] == "supports" for r in relations(run_extract, analyst))
