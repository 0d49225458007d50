"""Quotation rules found on unseen articles: mark pairing, attribution that stays with its own
quotation, inverted attributions, pronouns, bodies and documents as speakers. Sentences written for these tests."""

from __future__ import annotations

from dyad.extract.quotes.marks import in_quotation, mark_pairs


def direct(run_extract, text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text) for q in run_extract(text).quotes if q.kind != "indirect"]


def test_a_dropped_mark_does_not_turn_later_quotes_inside_out(run_extract) -> None:
    text = 'Last year the council "was led by a narrow coalition, Moreau said. "That is over." "Nothing lasts," he said.'
    inner = [text[a + 1 : b].strip() for a, b in mark_pairs(text)]
    assert inner[1:] == ["That is over.", "Nothing lasts,"]
    assert in_quotation(text, text.index("over")) and not in_quotation(text, text.index("Last"))
    # the open stretch swallowed its own attribution: it ends at the comma, and Moreau speaks it
    found = direct(run_extract, text)
    assert found[0] == ("Moreau", "was led by a narrow coalition")


def test_an_unclosed_mark_that_ends_a_sentence_is_a_quotation_continued(run_extract) -> None:
    text = (
        '"The port will stay open," said Ilse Brandt, the harbour master. '
        '"We have enough pilots for the winter. "Nobody will be sent home," she added.'
    )
    assert [text[a + 1 : b].strip() for a, b in mark_pairs(text)][1] == "We have enough pilots for the winter."
    assert [s for s, _ in direct(run_extract, text)] == ["Ilse Brandt"] * 3


def test_a_dropped_mark_in_mid_sentence_is_still_dropped() -> None:
    text = 'The council "was led by a narrow coalition and "That is over." he said.'
    assert [text[a + 1 : b] for a, b in mark_pairs(text)] == ["That is over."]


def test_attribution_after_the_next_quotation_is_not_borrowed(run_extract) -> None:
    text = (
        '"Parliament has turned against us completely," said former envoy Dario Lenz. '
        '"It is very hard to see how they got there." '
        '"Higher tariffs will hurt our exporters badly," warned Ines Vogt, an economist.'
    )
    found = direct(run_extract, text)
    assert [s for s, _ in found] == ["Dario Lenz", "Dario Lenz", "Ines Vogt"]


def test_quotations_joined_by_and_share_the_attribution(run_extract) -> None:
    text = '"They will close the small depot first..." and "keep the large one for bargaining," wrote Ines Vogt.'
    assert {s for s, _ in direct(run_extract, text)} == {"Ines Vogt"}


def test_inverted_attribution_prefers_the_person_over_the_institution(run_extract) -> None:
    text = '"The harbour deal settled every quarrel we had," said history lecturer Pavel Orlov of Riga\'s Baltic Maritime University.'
    assert [s for s, _ in direct(run_extract, text)] == ["Pavel Orlov"]


def test_a_participle_is_followed_by_the_quote_not_by_its_speaker(run_extract) -> None:
    text = 'Minister Dario Lenz defended the pact, saying relations between the two states "are purely about trade and fishing."'
    assert [s for s, _ in direct(run_extract, text)] != ["relations"]


def test_trailing_according_to_names_the_speaker(run_extract) -> None:
    text = (
        '"Exports of grain rose sharply this spring," according to Harriet Quill, a scholar at the Lakeside Institute. '
        '"The ministry must now respond to farmers."'
    )
    assert [s for s, _ in direct(run_extract, text)] == ["Harriet Quill", "Harriet Quill"]


def test_he_is_not_a_name_inside_the_previous_quotation(run_extract) -> None:
    text = (
        '"Nobody voted for the chair of the commission, Marta Kowalczyk, and it shows," said Tomas Berg. '
        '"Both cabinets look weak this winter," he added.'
    )
    assert [s for s, _ in direct(run_extract, text)] == ["Tomas Berg", "Tomas Berg"]


def test_documents_speak_for_their_issuer_and_bodies_are_not_persons(run_extract) -> None:
    text = (
        'General Omar Haddad, head of the Joint Press Office, spoke on Monday. '
        '"Our checks show the raid was planned in the hills across the river," a statement from the Joint Press Office said. '
        '"We want the camps on the far bank closed within a month," the military said in written comments.'
    )
    speakers = [s for s, _ in direct(run_extract, text)]
    assert speakers[0] is not None and "Joint Press Office" in speakers[0]
    assert speakers[1] is not None and "Haddad" not in speakers[1] and "military" in speakers[1]


def test_a_participle_after_a_reported_clause_is_the_reporters(run_extract) -> None:
    text = (
        "Prime Minister Ravi Anand announced that his government would invest in schools and that "
        'Kenya will help build a new hospital for the island, calling it a gift "from one old friend to another."'
    )
    assert [s for s, _ in direct(run_extract, text)] == ["Ravi Anand"]


def test_more_verbs_attribute(run_extract) -> None:
    text = '"The other side has broken the deal again and again," the rebel commander Idris Malo alleged in a statement.'
    assert [s for s, _ in direct(run_extract, text)] == ["Idris Malo"]


def test_they_is_the_plural_subject_of_the_sentence_before(run_extract) -> None:
    text = (
        "Three members of the Senate led a group of other lawmakers in calling for action. "
        '"We are deeply worried about the recent moves of the regional leader," they wrote in a letter.'
    )
    assert [s for s, _ in direct(run_extract, text)] == ["Three members of the Senate"]
    single = 'The statement said the group remains worried. "Talks must resume soon and in good faith," they said.'
    assert [s for s, _ in direct(run_extract, single)] == [None]
