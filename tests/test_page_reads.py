"""The listings a dyad page and a brief read, cut first and completed for the rows kept: the same rows as
one statement joining everything, and reads side by side (`Store.at_once`) the same as one after another.

Built on the embedded examples, ingested and fused as `dyad ingest` does.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dyad.fuse.actor_tables import resolve_stored
from dyad.run import ingest_documents
from dyad.store import fusion_rows, open_store, source_rows, story_rows
from dyad.store.actor_tables import global_join
from dyad.store.db import Store
from example_runs import Extracted, cached


@pytest.fixture(scope="module")
def store(extracted: Extracted, tmp_path_factory: pytest.TempPathFactory) -> Store:
    s = open_store(tmp_path_factory.mktemp("reads") / "s.duckdb")
    ingest_documents([d for d, _ in extracted.values()], s, cached(extracted))
    resolve_stored(s)
    return s


def _pairs(store: Store) -> list[tuple[str, str] | None]:
    rows = store.rows("SELECT DISTINCT a, b FROM stories WHERE a <> b UNION SELECT DISTINCT a, b FROM contradictions "
                      "WHERE b <> '' AND a <> b ORDER BY 1, 2")
    return [None, *((r["a"], r["b"]) for r in rows)]


def test_contradictions_of_a_page_are_those_of_one_joined_statement(store: Store):
    assert store.count("contradictions") > 0, "the examples should disagree somewhere"
    for pair in _pairs(store):
        joined = fusion_rows.contradictions(store, pair)  # no limit: one statement joining both sides
        for n in (1, 3, 50):
            assert fusion_rows.contradictions(store, pair, count=n) == joined[:n], (pair, n)


def _stories_joined(store: Store, pair: tuple[str, str] | None) -> list[dict[str, Any]]:
    clause, params = story_rows.pair_clause("s", pair, False)
    return store.rows(f"""SELECT s.id, substr(d.text, e.start + 1, e."end" - e.start) AS evidence, d.url, d.title
        FROM stories s JOIN events e ON e.doc_id = s.lead_doc AND e.idx = s.lead_idx JOIN documents d ON d.id = s.lead_doc
        WHERE {clause} AND NOT s.background {story_rows.STORY_ORDER}""", params)


def test_stories_carry_their_lead_report_as_one_joined_statement_would(store: Store):
    for pair in _pairs(store):
        got = story_rows.stories(store, pair)
        want = _stories_joined(store, pair)
        assert [s.id for s in got] == [r["id"] for r in want], pair
        assert [(s.url, s.title) for s in got] == [(r["url"], r["title"]) for r in want]
        assert [s.evidence for s in got] == [" ".join((r["evidence"] or "").split()) for r in want]
    assert story_rows.stories(store, count=2) == story_rows.stories(store)[:2]
    every = story_rows.stories(store, background=None)
    for story in every[:3]:
        assert story_rows.story(store, story.id) == story
    docs = [r["id"] for r in store.rows("SELECT id FROM documents")]
    assert sorted(story_rows.stories_only_in(store, docs), key=lambda s: s.id) == sorted(every, key=lambda s: s.id)


def _quotes_joined(store: Store) -> list[dict[str, Any]]:
    return store.rows(f"""SELECT q.doc_id, q.idx, coalesce(sg.name, q.speaker) AS speaker,
            substr(d.text, q.start + 1, q."end" - q.start) AS words, d.title, d.url
        FROM quotes q JOIN documents d ON d.id = q.doc_id
        LEFT JOIN actors a ON a.doc_id = q.doc_id AND a.key = q.speaker_actor {global_join('a', 's')}
        WHERE q.speaker IS NOT NULL""")


def test_quotations_carry_their_speakers_global_name_and_words(store: Store):
    want = {(r["doc_id"], r["idx"]): r for r in _quotes_joined(store)}
    got, total = source_rows.quotes_in_scope(store)
    assert got and total == len(want) == len(got)
    for q in got:
        w = want[(q["doc_id"], q["idx"])]
        assert (q["speaker"], q["words"], q["title"], q["url"]) == (w["speaker"], w["words"], w["title"], w["url"])
    for pair in _pairs(store):
        every, n = source_rows.quotes_in_scope(store, pair)
        assert source_rows.quotes_in_scope(store, pair, count=2) == (every[:2], n), pair


def test_reads_side_by_side_give_what_they_give_one_after_another(store: Store):
    reads: list[Callable[[Store], Any]] = [
        lambda s: fusion_rows.contradictions(s, count=5), lambda s: story_rows.stories(s, count=5),
        lambda s: source_rows.quotes_in_scope(s, count=5), lambda s: s.count("events"),
    ]
    alone = [read(store) for read in reads]
    reader = open_store(store.path, read_only=True)
    with reader.reading():
        assert reader.at_once(*[functools.partial(read, reader) for read in reads]) == alone


def test_an_error_in_one_read_side_by_side_reaches_the_caller(store: Store):
    reader = open_store(store.path, read_only=True)

    def broken() -> None:
        reader.rows("SELECT * FROM no_such_table")

    with pytest.raises(Exception, match="no_such_table"):
        reader.at_once(lambda: reader.count("events"), broken)
    assert reader.count("events") == store.count("events")  # the store is still readable afterwards


def test_reads_inside_a_write_see_what_it_wrote(store: Store, tmp_path: Path):
    writer = open_store(tmp_path / "w.duckdb")
    with writer.transaction() as con:
        con.execute("CREATE TABLE seen (n INTEGER)")
        con.execute("INSERT INTO seen VALUES (1), (2)")
        assert writer.at_once(lambda: writer.rows("SELECT count(*) AS n FROM seen")[0]["n"],
                              lambda: writer.rows("SELECT sum(n) AS s FROM seen")[0]["s"]) == [2, 3]
