"""Speaker attribution over the paragraph (docs/data-quotes-claims-relations.md, "How a quotation
gets its speaker"): every rule on sentences written for these tests."""

from __future__ import annotations

import pytest

from dyad.extract.quotes.marks import mark_pairs


def speakers(run_extract, text: str) -> list[str | None]:
    return [q.speaker for q in run_extract(text).quotes if q.kind != "indirect"]


def test_quoted_as_saying_gives_the_object(run_extract) -> None:
    text = 'The state news agency quoted Ramon Ortiz as saying "our coast guard will keep every lane open."'
    assert speakers(run_extract, text) == ["Ramon Ortiz"]
    passive = 'Ramon Ortiz was quoted as saying "our coast guard will keep every lane open."'
    assert speakers(run_extract, passive) == ["Ramon Ortiz"]


def test_a_long_description_between_the_quote_and_its_verb(run_extract) -> None:
    text = (
        '"Nobody on the island expected the ferry to stop running," Lina Okafor, a spokesperson '
        "for the regional transport authority in the north, told reporters on Monday."
    )
    assert speakers(run_extract, text) == ["Lina Okafor"]


def test_a_capitalised_title_with_a_for_phrase_names_the_person_after_it(run_extract) -> None:
    text = '"The convoys have been stopped at every checkpoint this week," U.N. Special Envoy for Sudan Ramon Ortiz said.'
    assert speakers(run_extract, text) == ["Ramon Ortiz"]


def test_he_is_the_subject_of_the_sentence_before_not_a_person_it_names(run_extract) -> None:
    text = (
        "Finance Minister Ilse Brandt spoke to reporters on Monday. She dismissed concerns about "
        'Pavel Orlov\'s new tariff plan. "One tax on one product is not a trade war," she said.'
    )
    assert speakers(run_extract, text) == ["Ilse Brandt"]


def test_a_surname_subject_finds_the_full_name_used_before(run_extract) -> None:
    text = (
        "The port is busy again, said Tan Wei Ming, a fellow at a research institute. "
        'Exports fell last year, Tan said. "I think the worst is over for the shipping lines," he said.'
    )
    assert speakers(run_extract, text)[-1] == "Tan Wei Ming"


def test_carry_over_to_the_next_quote_and_after_a_connective(run_extract) -> None:
    text = (
        '"We have enough grain for the winter," said Ilse Brandt, the farm minister. '
        '"The silos in the south are full." But "the roads to the north are still closed by snow."'
    )
    assert speakers(run_extract, text) == ["Ilse Brandt"] * 3


def test_turn_taking_in_an_exchange(run_extract) -> None:
    text = (
        '"Will the harbour reopen before the winter storms?" asked Tomas Berg, a reporter. '
        '"Not before the last storm has passed," replied Ilse Brandt. '
        '"And what happens to the fishing fleet after that?" '
        '"The fleet will sail again in the spring."'
    )
    assert speakers(run_extract, text) == ["Tomas Berg", "Ilse Brandt", "Tomas Berg", "Ilse Brandt"]


def test_a_self_answered_question_stays_with_its_speaker(run_extract) -> None:
    text = '"Why would we pay for a bridge nobody uses?" Ilse Brandt said. "Nobody else in the region would."'
    assert speakers(run_extract, text) == ["Ilse Brandt", "Ilse Brandt"]


@pytest.mark.parametrize(
    "text",
    [
        'Tomas Berg said the so-called "bridge to the north" would never be built.',
        'Tomas Berg said the militia, known as "the sons of the valley," had left the town.',
        'Tomas Berg said the "one country, two systems" model had failed the islands.',
    ],
)
def test_terms_and_names_in_quotation_marks_have_no_speaker(run_extract, text: str) -> None:
    assert speakers(run_extract, text) == [None]


def test_a_verb_of_thinking_attributes_only_what_it_reports(run_extract) -> None:
    text = 'Tomas Berg thinks "the deal will not survive the first hard winter."'
    assert speakers(run_extract, text) == ["Tomas Berg"]


def test_documents_posted_by_and_the_statement_named_before(run_extract) -> None:
    text = (
        '"The raid was planned in the hills across the river," said a statement posted by the '
        "Joint Press Office. Foreign ministers from the Association of Southeast Asian Nations met in Hanoi. "
        '"We will keep the sea lanes open for every nation," the ministers said in a joint statement. '
        'The statement said the members reaffirmed their "commitment to a peaceful settlement of every dispute."'
    )
    found = speakers(run_extract, text)
    assert found[0] is not None and "Joint Press Office" in found[0]
    assert found[1] == found[2] and found[1] in ("ASEAN", "Association of Southeast Asian Nations")


def test_a_sentence_final_attribution_reports_the_quotation_inside_it(run_extract) -> None:
    text = (
        'Ilse Brandt also wants the ports "to be ready for a very long winter," amid worries over fuel '
        "supplies in the northern provinces after the strike, Tomas Berg said."
    )
    assert speakers(run_extract, text) == ["Tomas Berg"]


def test_a_name_inside_an_unclosed_quotation_is_not_the_next_speaker(run_extract) -> None:
    text = (
        '"The border will stay closed," said Ilse Brandt. "Minister Pavel Orlov has not changed his mind. '
        '"Nothing has changed since the spring," she added.'
    )
    assert len(mark_pairs(text)) == 3
    assert speakers(run_extract, text) == ["Ilse Brandt"] * 3


def test_a_deep_parse_does_not_exhaust_the_stack(nlp) -> None:
    from spacy.tokens import Doc

    from dyad.extract.quotes.speakers import subject_core

    n = 5000
    words = ["old"] * (n - 1) + ["envoy"]
    doc = Doc(nlp.vocab, words=words, heads=[i + 1 for i in range(n - 1)] + [n - 1], deps=["amod"] * (n - 1) + ["ROOT"])
    assert len(subject_core(doc[n - 1])) == n
