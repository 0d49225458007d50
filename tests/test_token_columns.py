"""The per-document token lists and indexes the extraction rules read instead of building Token objects."""

from __future__ import annotations

import re

import pytest
from spacy.attrs import DEP, ENT_TYPE, IS_ALPHA, IS_LOWER, IS_PUNCT, IS_STOP, IS_TITLE, IS_UPPER, POS, TAG
from spacy.parts_of_speech import IDS as PARTS_OF_SPEECH

from dyad.extract.common import doccache, tokens
from dyad.extract.common.doccache import WordFinder, index_words

TEXTS = [
    "The Foreign Minister of Freedonia, Ana Lark-Wood, met her Sylvanian counterpart in Port Vale on Monday.\n\n"
    "Both sides said the talks were 'useful'; a senior official declined to comment.",
    "HEADLINE WITHOUT A STOP\nThe army's spokesman, Col. Tom O'Brien, said 3,000 troops had left the north-east.",
    "",
    "Rain.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_columns_hold_what_the_tokens_give(nlp, text: str) -> None:
    doc = nlp(text)
    strings = doc.vocab.strings
    for tok in doc:
        i = tok.i
        assert tokens.column(doc, POS)[i] == PARTS_OF_SPEECH[tok.pos_]
        assert tokens.column(doc, TAG)[i] == tokens.string_id(tok.tag_) == strings[tok.tag_]
        assert tokens.column(doc, DEP)[i] == tokens.string_id(tok.dep_)
        assert tokens.column(doc, ENT_TYPE)[i] == tokens.string_id(tok.ent_type_)
        assert bool(tokens.column(doc, ENT_TYPE)[i]) == bool(tok.ent_type_)
        assert tokens.heads(doc)[i] == tok.head.i
        assert tokens.whitespaces(doc)[i] == tok.whitespace_
        assert [bool(tokens.column(doc, a)[i]) for a in (IS_TITLE, IS_ALPHA, IS_LOWER, IS_UPPER, IS_PUNCT, IS_STOP)] == [
            tok.is_title, tok.is_alpha, tok.is_lower, tok.is_upper, tok.is_punct, tok.is_stop
        ]
    assert len(tokens.column(doc, TAG)) == len(doc)
    assert tokens.string_ids("NN", "poss") == {strings["NN"], strings["poss"]}


@pytest.mark.parametrize("text", TEXTS)
def test_chunk_roots_are_the_chunks_roots(nlp, text: str) -> None:
    doc = nlp(text)
    chunks = doccache.noun_chunks(doc)
    assert doccache.noun_chunk_roots(doc) == [c.root.i for c in chunks]


CHUNK_TEXTS = [
    *TEXTS,
    "Freedonia and its neighbours, the islands of Vale and Port Lark, signed pacts with traders, farmers and her.",
    "They gave the envoy and the aides from Sylvania a list of ports, roads and rails.",
]


@pytest.mark.parametrize("text", CHUNK_TEXTS)
def test_noun_chunks_are_spacys(nlp, text: str) -> None:
    doc = nlp(text)
    assert [(c.start, c.end, c.label_) for c in doccache.noun_chunks(doc)] == [
        (c.start, c.end, c.label_) for c in doc.noun_chunks
    ]


@pytest.mark.parametrize("text", TEXTS)
def test_token_strings_are_the_tokens_also_when_first_met(nlp, text: str) -> None:
    doc = nlp(text)
    doccache._STRING.clear()
    doccache._LOWER.clear()
    read = doccache._read_strings(doc)
    assert read.texts == [t.text for t in doc]
    assert read.lows == [t.lower_ for t in doc]
    assert read.lemma_lows == [t.lemma_.lower() for t in doc]
    again = doccache._read_strings(doc)  # every string now known
    assert (again.texts, again.lows, again.lemma_lows) == (read.texts, read.lows, read.lemma_lows)


@pytest.mark.parametrize("text", TEXTS)
def test_line_bounds_start_every_line(nlp, text: str) -> None:
    doc = nlp(text)
    assert doccache.line_bounds(doc) == [0] + [i + 1 for i, c in enumerate(doc.text) if c == "\n"]


@pytest.mark.parametrize("text", TEXTS)
def test_token_starts_are_the_token_offsets(nlp, text: str) -> None:
    doc = nlp(text)
    assert doccache.token_starts(doc) == [t.idx for t in doc]


@pytest.mark.parametrize(
    "text",
    [
        "Lark met Lark-Wood and Larkin; Lark's aide, LARK and _Lark said: Lark",
        "Lark",
        "xLark Lark_ Lark2 Lark",
        "Élan élan Élan-Vert (Élan)",
        "",
    ],
)
def test_word_finder_finds_whole_runs_as_the_index_does(text: str) -> None:
    finder, index = WordFinder(text), index_words(text)
    for word in {*index, "Lark", "Élan", "missing"}:
        assert finder.starts(word) == index.get(word, [])
    assert finder.starts("Lark") is finder.starts("Lark")  # found once, then kept


def test_word_index_is_every_run_of_word_characters() -> None:
    text = "Ana met Ana-Lark; ana met Ana."
    assert index_words(text) == {w: [m.start() for m in re.finditer(rf"\b{w}\b", text)] for w in {"Ana", "met", "Lark", "ana"}}


@pytest.mark.parametrize("text", TEXTS)
def test_token_positions_are_the_index_of_token_texts(nlp, text: str) -> None:
    doc = nlp(text)
    index = doccache.tokens_by_text(doc)
    for word in {*index, "Nowhere", ""}:
        assert doccache.token_positions(doc, word) == index.get(word, [])


@pytest.mark.parametrize("text", TEXTS)
def test_span_text_is_the_spans_text(nlp, text: str) -> None:
    doc = nlp(text)
    for start in range(len(doc) + 1):
        for end in range(start, min(len(doc), start + 4) + 1):
            assert doccache.span_text(doc[start:end]) == doc[start:end].text
    for span in [*doc.ents, *doccache.noun_chunks(doc)]:
        assert doccache.span_text(span) == span.text


@pytest.mark.parametrize("text", TEXTS)
def test_token_lists_hold_the_tokens_attributes(nlp, text: str) -> None:
    doc = nlp(text)
    t = tokens.token_lists(doc)
    assert t is tokens.token_lists(doc)
    for tok in doc:
        i = tok.i
        assert (t.words[i], t.lows[i], t.ws[i]) == (tok.text, tok.lower_, tok.whitespace_)
        assert [bool(x[i]) for x in (t.title, t.alpha, t.lower, t.upper, t.punct, t.stop)] == [
            tok.is_title, tok.is_alpha, tok.is_lower, tok.is_upper, tok.is_punct, tok.is_stop
        ]
        assert t.ents[i] == tokens.string_id(tok.ent_type_)
        assert t.pos[i] == PARTS_OF_SPEECH[tok.pos_]


@pytest.mark.parametrize("text", TEXTS)
def test_sentence_bounds_are_the_tokens_sentence(nlp, text: str) -> None:
    doc = nlp(text)
    for tok in doc:
        assert doccache.sentence_bounds(doc, tok.i) == (tok.sent.start, tok.sent.end)
