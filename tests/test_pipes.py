"""dyad's own spaCy components: article structure before the parser, lemma corrections after the lemmatizer."""

from __future__ import annotations

import pytest

from dyad.extract.common.pipes import DATELINE, lemma_fixes


def test_the_components_sit_around_the_parser_and_the_lemmatizer(nlp) -> None:
    names = nlp.pipe_names
    assert names.index("dyad_paragraphs") < names.index("parser")
    assert names.index("dyad_lemmas") > names.index("lemmatizer")


def test_a_headline_is_its_own_sentence_and_offsets_do_not_move(nlp) -> None:
    text = "Lima hosts Quito as talks resume\nPeru's president met his Ecuadorian counterpart on Monday."
    doc = nlp(text)
    sents = [s.text.strip() for s in doc.sents]
    assert sents[0] == "Lima hosts Quito as talks resume"
    assert sents[1].startswith("Peru's president")
    assert doc.text == text


def test_every_paragraph_starts_a_sentence(nlp) -> None:
    doc = nlp("Trade talks stalled\n\nOfficials from Chile said the second round\nwould open in May.")
    starts = {s[0].text for s in doc.sents if not s[0].is_space}
    assert {"Trade", "Officials", "would"} <= starts


@pytest.mark.parametrize("line", ["NAIROBI — Kenya said", "SANTIAGO, Chile (Reuters) — Chile said", "OSLO - Norway said"])
def test_a_dateline_is_cut_off(nlp, line) -> None:
    assert DATELINE.match(line)
    doc = nlp(line + " it would host the talks.")
    assert any(s[0].text in ("Kenya", "Chile", "Norway") and s.start > 0 for s in doc.sents)


def test_a_capitalised_opening_is_no_dateline() -> None:
    assert not DATELINE.match("NATO allies met in Brussels on Monday.")


@pytest.mark.parametrize("sentence,word,lemma", [
    ("Norway forgave the debt.", "forgave", "forgive"),
    ("The regulator fined the bank.", "fined", "fine"),
    ("Seoul hoped to ease tensions.", "hoped", "hope"),
])
def test_lemmas_the_model_gets_wrong_are_corrected(nlp, sentence, word, lemma) -> None:
    assert next(t.lemma_ for t in nlp(sentence) if t.text == word) == lemma
    assert (word, "VERB") in lemma_fixes()
