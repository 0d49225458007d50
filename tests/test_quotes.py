"""Quotations and their speakers, on sentences written for these tests."""

from __future__ import annotations

import pytest

from dyad.extract.quotes.words import speech_words


def quotes(run_extract, text: str, kind: str | None = None):
    result = run_extract(text)
    return [q for q in result.quotes if kind is None or q.kind == kind], result


def test_speech_verbs_are_words() -> None:
    words = speech_words()
    assert "say" in words.verbs and all(isinstance(v, str) for v in words.verbs)
    assert ("according", "to") in words.according


def test_attribution_after_the_quote(run_extract) -> None:
    text = "\u201cWe will not accept any pressure on our farmers,\u201d Prime Minister Arjun Mehta said on Tuesday."
    found, result = quotes(run_extract, text, "direct")
    assert len(found) == 1
    q = found[0]
    assert q.text == "We will not accept any pressure on our farmers"
    assert q.speaker and "Mehta" in q.speaker
    assert text[q.evidence.start : q.evidence.end] == q.text
    if q.speaker_actor:
        assert any(a.key == q.speaker_actor and a.kind == "person" for a in result.actors)


def test_said_before_the_name_with_a_description(run_extract) -> None:
    text = '"The talks moved faster than anyone expected," said Laura Brenner, a researcher at the Lisbon Institute.'
    found, _ = quotes(run_extract, text, "direct")
    assert [q.speaker for q in found] == ["Laura Brenner"]


def test_split_quote_gives_two_quotes_with_one_speaker(run_extract) -> None:
    text = 'Elena Duarte spoke after the vote. "The border is calm," Duarte said, "but we are watching every road."'
    found, _ = quotes(run_extract, text)
    direct = [q for q in found if q.kind == "direct"]
    assert [q.text for q in direct] == ["The border is calm", "but we are watching every road."]
    assert all(q.speaker and "Duarte" in q.speaker for q in direct)


def test_partial_quote_inside_a_sentence(run_extract) -> None:
    text = 'Foreign Minister Tomas Varga said the plan would "open a new chapter for the whole region."'
    found, _ = quotes(run_extract, text, "partial")
    assert len(found) == 1
    assert found[0].text.startswith("open a new chapter")
    assert found[0].speaker and "Varga" in found[0].speaker


def test_quote_introduced_by_a_colon(run_extract) -> None:
    text = 'Foreign Minister Tomas Varga put it bluntly: "Nobody in this region wants another war."'
    found, _ = quotes(run_extract, text, "direct")
    assert len(found) == 1 and found[0].speaker and "Varga" in found[0].speaker


def test_according_to(run_extract) -> None:
    text = 'Tomas Varga briefed the cabinet. According to Varga, "the ceasefire has held for three full days."'
    found, _ = quotes(run_extract, text, "direct")
    assert len(found) == 1 and found[0].speaker and "Varga" in found[0].speaker


def test_bare_quote_after_a_sentence_that_names_the_speaker(run_extract) -> None:
    text = 'Tomas Varga said the government was ready to talk. "We expect an answer within a week."'
    found, _ = quotes(run_extract, text, "direct")
    assert len(found) == 1 and found[0].speaker and "Varga" in found[0].speaker


def test_pronoun_goes_to_the_last_person(run_extract) -> None:
    text = 'Elena Duarte met the delegation in Lima. "Trade has doubled since last spring," she said.'
    found, _ = quotes(run_extract, text, "direct")
    assert len(found) == 1 and found[0].speaker and "Duarte" in found[0].speaker


def test_title_without_a_name_keeps_the_words(run_extract) -> None:
    text = (
        "A senior Brazilian diplomat briefed journalists on Monday. "
        '"The proposal is not acceptable in its present form," the diplomat said.'
    )
    found, _ = quotes(run_extract, text, "direct")
    assert len(found) == 1
    assert found[0].speaker and "diplomat" in found[0].speaker.lower()


def test_quote_with_no_speaker_is_kept_without_one(run_extract) -> None:
    text = 'The slogan "peace through strength and patience" appeared on posters across the capital.'
    found, _ = quotes(run_extract, text)
    assert len(found) == 1
    assert found[0].speaker is None and found[0].speaker_actor is None


def test_short_quote_is_partial(run_extract) -> None:
    text = 'Arjun Mehta called the vote "a farce" on Sunday.'
    found, _ = quotes(run_extract, text)
    assert [(q.text, q.kind) for q in found if q.kind != "indirect"] == [("a farce", "partial")]


def test_indirect_speech(run_extract) -> None:
    text = "Tomas Varga told reporters that the border crossings would reopen next week."
    found, _ = quotes(run_extract, text, "indirect")
    assert len(found) == 1
    assert found[0].text == "the border crossings would reopen next week"
    assert found[0].speaker and "Varga" in found[0].speaker


@pytest.mark.parametrize("text", ["The meeting ended early.", "Nothing was said about \u201cthe plan\u201d."])
def test_no_attribution_no_invented_speaker(run_extract, text: str) -> None:
    found, _ = quotes(run_extract, text)
    assert all(q.speaker is None for q in found)


def test_unresolvable_attribution_is_not_handed_to_the_previous_speaker(run_extract) -> None:
    text = (
        '"We are ready," Elena Duarte said on Monday. Later, nine senators sent a letter. '
        '"We are deeply worried about the new border rules," they wrote.'
    )
    found, _ = quotes(run_extract, text, "direct")
    # "they" is the plural subject of the sentence before, never the previous quotation's speaker
    assert [q.speaker for q in found if q.text.startswith("We are deeply")] == ["nine senators"]


def test_a_new_sentence_after_a_quoted_full_stop_is_not_its_attribution(run_extract) -> None:
    text = (
        'Elena Duarte described her recovery. "I walk every morning now." '
        "Doctors say regular exercise lowers the risk."
    )
    found, _ = quotes(run_extract, text, "direct")
    assert len(found) == 1 and found[0].speaker and "Duarte" in found[0].speaker


def test_mixed_straight_and_curly_marks(run_extract) -> None:
    text = 'Tomas Varga said the region needs "a free, safe and open sea for every nation.\u201d The talks ended.'
    found, _ = quotes(run_extract, text)
    direct_or_partial = [q for q in found if q.kind != "indirect"]
    assert [q.text for q in direct_or_partial] == ["a free, safe and open sea for every nation."]


@pytest.mark.parametrize(
    "text",
    [
        '"The deal is done and the ships will sail," Elena Duarte wrote on Truth Social.',
        '"The deal is done and the ships will sail," Elena Duarte told reporters in Lima.',
        'Elena Duarte spoke first. "The deal is done and the ships will sail," Duarte added.',
    ],
)
def test_written_told_and_added(run_extract, text: str) -> None:
    found, _ = quotes(run_extract, text, "direct")
    assert len(found) == 1 and found[0].speaker and "Duarte" in found[0].speaker


def test_colon_at_the_end_of_the_line_before(run_extract) -> None:
    text = 'Elena Duarte gave the crowd a stark warning:\n"Nobody should expect the border to reopen this year."'
    found, _ = quotes(run_extract, text, "direct")
    assert len(found) == 1 and found[0].speaker and "Duarte" in found[0].speaker


def test_name_with_its_description_before_the_speech_verb(run_extract) -> None:
    text = 'Kim Min-su, a professor at a university in Busan, said "the talks will need many more rounds."'
    found, _ = quotes(run_extract, text)
    assert [q.speaker for q in found if q.kind != "indirect"] == ["Kim Min-su"]
