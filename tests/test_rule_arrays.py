"""The per-document arrays and memos the rule stages read instead of spaCy's Token objects give exactly what
the Token attributes give (extract/common/arrays.py and the helpers built on it)."""

from __future__ import annotations

import datetime as dt

import pytest

from dyad.extract.claims.figures import _may_start, figure_starts
from dyad.extract.common import arrays
from dyad.extract.events.dates import anchor, clause_path, resolve
from dyad.extract.events.lexicon import may_match, may_match_at
from dyad.extract.quotes.window import (
    SENT_END,
    Quoted,
    left_tokens,
    marked,
    previous_sentence,
    right_tokens,
    split_swallowed,
    token_at,
)

TEXTS = [
    "The two ministers met in Lisbon on Tuesday and agreed, after long talks, to resume trade next month.",
    "Officials said the talks, which began in 2019, had stalled.\n\nA second round is planned for May 3.",
    "\u201cWe will not accept this,\u201d the envoy said. He added that Norway's $4.5 billion fund was a threefold rise.",
    "Nobody came.\n \nThe committee, meeting in Oslo, voted 12-3 to expand its mission; critics objected.",
    "The two allies deepened their partnership, though tensions with their rival remain; cooperation grew.",
    "",
]


@pytest.fixture(scope="module")
def docs(nlp):
    return [nlp(text) for text in TEXTS]


def test_heads_labels_and_children_match_the_tokens(docs):
    for doc in docs:
        assert arrays.heads(doc) == [t.head.i for t in doc]
        assert arrays.deps(doc) == [t.dep_ for t in doc]
        kids = arrays.children(doc)
        assert [kids[i] for i in range(len(doc))] == [[c.i for c in t.children] for t in doc]


def test_token_ends_and_first_token_ending_after_a_character(docs):
    for doc in docs:
        assert arrays.token_ends(doc) == [t.idx + len(t.text) for t in doc]
        for char in range(len(doc.text) + 2):
            expected = next((t.i for t in doc if t.idx + len(t.text) > char), len(doc))
            assert arrays.first_ending_after(doc, char) == expected


def test_line_breaks_between_tokens(docs):
    for doc in docs:
        breaks = [t.i for t in doc if t.is_space and "\n" in t.text]
        assert arrays.paragraph_breaks(doc) == breaks
        for lo in range(len(doc) + 1):
            for hi in range(lo, len(doc) + 1):
                assert arrays.break_between(doc, lo, hi) == any(lo <= b < hi for b in breaks)


def test_memo_lives_with_its_document(docs):
    first, second = docs[0], docs[1]
    arrays.memo(first, "test")["k"] = 1
    assert arrays.memo(first, "test") == {"k": 1}
    assert arrays.memo(second, "test") == {}


def test_clause_paths_and_anchors_read_again_are_the_same(docs):
    for doc in docs:
        for tok in doc:
            for split in (False, True):
                first = clause_path(tok, split)
                assert [t.i for t in clause_path(tok, split)] == [t.i for t in first]
                assert first[0].i == tok.i
        for ent in doc.ents:
            assert anchor(ent).i == anchor(ent).i


def test_resolved_dates_are_remembered_not_changed():
    day = dt.date(2024, 5, 1)
    assert resolve("last week", day) == resolve("last week", day)
    assert resolve("in 2019", None) is not None and resolve("in 2019", None).when == "2019"
    assert resolve("", day) is None


def test_candidate_words_are_those_the_per_word_tests_pass(docs):
    for doc in docs:
        assert may_match_at(doc) == [t.i for t in doc if may_match(t.lemma_.lower(), t.lower_)]
        assert figure_starts(doc) == [t.i for t in doc if _may_start(t.text, t.lower_)]


def _walk_right(doc, char, quoted):
    """The window after a character, walked token by token (what right_tokens computes from the arrays)."""
    out, k = [], token_at(doc, char)
    while k < len(doc) and doc[k].idx <= char:
        k += 1
    seen = char
    while k < len(doc):
        tok = doc[k]
        if "\n" in doc.text[seen : tok.idx] or "\n" in tok.text:
            break
        seen = max(seen, tok.idx)
        out.append(tok.i)
        if tok.text in SENT_END and tok.idx not in quoted:
            break
        k += 1
    return out


def _walk_left(doc, char, quoted):
    out, k, seen = [], token_at(doc, char) - 1, char
    while k >= 0:
        tok = doc[k]
        if "\n" in tok.text or (tok.text in SENT_END and tok.idx not in quoted):
            break
        end = tok.idx + len(tok.text)
        if "\n" in doc.text[end:seen]:
            break
        seen = min(seen, end)
        out.append(tok.i)
        k -= 1
    return out[::-1]


def test_windows_around_quotations_match_a_walk_over_the_tokens(docs):
    for doc in docs:
        quoted = Quoted(split_swallowed(doc, marked(doc.text)))
        for char in range(len(doc.text) + 1):
            right = right_tokens(doc, char, quoted)
            assert [t.i for t in right] == _walk_right(doc, char, quoted)
            right.clear()  # a caller's list is its own: the remembered window is untouched
            assert [t.i for t in right_tokens(doc, char, quoted)] == _walk_right(doc, char, quoted)
            assert [t.i for t in left_tokens(doc, char, quoted)] == _walk_left(doc, char, quoted)
        for start in range(1, len(doc)):
            assert all(t.i < start for t in previous_sentence(doc, start, quoted))


def test_relation_words_looked_at_are_those_the_per_word_test_passes(docs):
    from dyad.extract.relations.component import _cue_lemmas, _looked_at
    from dyad.extract.relations.words import relation_words

    words = relation_words()
    wanted = _cue_lemmas(words)
    for doc in docs:
        expected = [t.i for t in doc if (words.cues.get(t.lemma_.lower()) or words.cues.get(t.lower_)) is not None
                    or t.lemma_.lower() in wanted or t.lower_ in words.relationship_nouns]
        assert _looked_at(doc, words) == expected
