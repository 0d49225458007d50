"""An event in a former office holder's term has that term as its time (issue 13, "time of an event"), and a
month in a clause about what is to come points forward; on sentences of our own, through the real pipeline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

import dyad
from dyad.extract.pipeline import extract
from dyad.fuse.check import problems
from dyad.fuse.time import TimeRules, is_background, own_span, report_span
from dyad.records import Document, Event
from dyad.settings import Settings
from dyad.store import open_store
from dyad.store.migrations import current_version
from dyad.store.schema import SCHEMA_VERSION
from dyad.stored.fusion_items import Report

MARCH = dt.date(2026, 3, 10)


def _events(nlp, text: str, published: dt.date | None = MARCH) -> list[Event]:
    return extract(Document(id="t", text=text, published=published), nlp).events


def _one(nlp, text: str, code_root: str, published: dt.date | None = MARCH) -> Event:
    found = [e for e in _events(nlp, text, published) if e.root == code_root]
    assert len(found) == 1, [(e.code, e.trigger, e.when) for e in _events(nlp, text, published)]
    return found[0]


# -- reading the term ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text,root,start,end", [
    # a "former" title before the person (a leader of another country than the usual pair too)
    ("Former Brazilian President Jair Bolsonaro criticised Argentina over its trade policy.", "11",
     "2019-01-01", "2023-01-01"),
    ("Ex-chancellor Angela Merkel criticised Russia over the pipeline.", "11", "2005-11-22", "2021-12-08"),
    # "under X"
    ("Under former President Moon Jae-in, South Korea criticised Japan over its export curbs.", "11",
     "2017-05-10", "2022-05-10"),
    # "during X's presidency", "in the term of X"
    ("During Rodrigo Duterte's presidency, the Philippines accused China of bullying its fishermen.", "11",
     "2016-06-30", "2022-06-30"),
    ("In the term of former Japanese Prime Minister Shinzo Abe, Japan criticised South Korea.", "11",
     "2012-12-26", "2020-09-16"),
    # the act told in a relative clause on the former holder
    ("Relations soured under former Philippine President Rodrigo Duterte, whose government condemned the "
     "United States.", "11", "2016-06-30", "2022-06-30"),
    # no title at all: every listed term ended before publication and the verb is past
    ("Angela Merkel criticised Russia over the pipeline.", "11", "2005-11-22", "2021-12-08"),
])
def test_an_act_in_a_past_term_has_the_term_as_its_time(nlp, text, root, start, end):
    event = _one(nlp, text, root)
    assert (event.when, event.when_until, event.when_precision) == (start, end, "day")
    assert event.when_text is None  # the text gives no date: the term comes from the data file


@pytest.mark.parametrize("text,root,when", [
    ("Former President Moon Jae-in visited China in 2019.", "04", "2019"),  # a date of its own wins
    ("Former Brazilian President Jair Bolsonaro criticises Argentina over its trade policy.", "11", None),  # today
    ("Under President Lee Jae-myung, South Korea criticised Japan over its export curbs.", "11", None),  # in office
])
def test_no_term_without_a_past_term_or_with_a_date_of_its_own(nlp, text, root, when):
    event = _one(nlp, text, root)
    assert (event.when, event.when_until) == (when, None)


def test_a_term_still_counts_as_a_term_in_a_document_without_a_publication_day(nlp):
    event = _one(nlp, "Former Brazilian President Jair Bolsonaro criticised Argentina.", "11", published=None)
    assert (event.when, event.when_until) == ("2019-01-01", "2023-01-01")


# -- a period in fusion's time rules ------------------------------------------------------------------


def test_a_period_allows_every_day_of_it_and_is_background_once_over():
    rules = TimeRules()
    assert own_span("2019-01-01", "2023-01-01") == (dt.date(2019, 1, 1), dt.date(2023, 1, 1))
    assert own_span("2019", "2022") == (dt.date(2019, 1, 1), dt.date(2022, 12, 31))
    span, own = report_span("2019-01-01", MARCH, True, False, False, rules, "2023-01-01")
    assert own and span == (dt.date(2019, 1, 1), dt.date(2023, 1, 1))
    assert is_background("2019-01-01", MARCH, False, rules, "2023-01-01")
    assert not is_background("2025-01-01", MARCH, False, rules, "2026-03-09")  # a term that ends this week


# -- month names point the way their clause does ------------------------------------------------------


@pytest.mark.parametrize("text,root,when", [
    ("Japan will hold talks with China before the election in November.", "04", "2026-11"),
    ("Japan and China will meet in November to discuss the dispute.", "04", "2026-11"),
    ("Japan is going to host Chinese officials in November.", "04", "2026-11"),
    ("Japan signed a trade deal with China in November.", "05", "2025-11"),
    ("Japan said it met Chinese officials before the election in November.", "04", "2025-11"),
])
def test_a_month_resolves_forward_in_a_clause_of_what_is_to_come_and_back_in_a_past_one(nlp, text, root, when):
    assert _one(nlp, text, root).when == when


def test_a_month_of_a_planned_clause_does_not_date_a_past_act_above_it(nlp):
    agreed = _one(nlp, "South Korea and China agreed to hold a summit in November.", "03")
    assert agreed.when is None  # November is when the summit is to be, not when they agreed


# -- end to end: stored, fused, listed ----------------------------------------------------------------

ARTICLES = {
    "one.md": ("2026-03-10", "Former Brazilian President Jair Bolsonaro criticised Argentina over its trade "
               "policy.\n\nBrazil and Argentina signed a customs pact on Monday."),
    "two.md": ("2026-03-12", "Under former President Jair Bolsonaro, Brazil openly criticised Argentina over "
               "its trade policy, officials recalled."),
    "three.md": ("2026-03-14", "Brazil criticised Argentina over its trade policy in 2020, the minister said."),
}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, nlp):
    folder = tmp_path_factory.mktemp("terms")
    for name, (published, body) in ARTICLES.items():
        (folder / name).write_text(f"---\npublished: {published}\n---\n{body}\n", encoding="utf-8")
    path = tmp_path_factory.mktemp("store") / "t.duckdb"
    with dyad.open(path) as database:
        report = database.ingest([str(folder)])
        assert not report.errors and not report.fusion_errors
    database = dyad.open(path, read_only=True)
    yield database
    database.close()


def _criticism(db):
    return [s for s in db.stories(limit=None, background=None) if s.family.startswith("disapprove")
            or s.root == "11"]


def test_reports_of_one_term_and_a_date_inside_it_are_one_story_dated_by_the_date(db):
    stories = _criticism(db)
    assert len(stories) == 1, [(s.when, s.when_until, s.evidence) for s in stories]
    story = stories[0]
    assert story.n_documents == 3 and story.background
    assert (story.when, story.when_until) == ("2020", None)  # the date inside the term is the finer time
    assert story.when_start == dt.date(2020, 1, 1)


def test_a_period_story_is_never_news_of_the_publication_day(db):
    current = [s for s in db.stories(limit=None) if s.root == "11"]
    assert current == []  # history: only listed when background is asked for
    mentions = db.story_mentions(story=_criticism(db)[0].id)
    periods = [m for m in mentions if m.when_until]
    assert len(periods) == 2 and all(m.when == "2019-01-01" and m.when_until == "2023-01-01" for m in periods)
    assert all(m.day_lo == dt.date(2019, 1, 1) and m.day_hi == dt.date(2023, 1, 1) for m in periods)


def test_fusion_of_periods_checks_out_and_rebuilds_the_same(tmp_path: Path, nlp):
    folder = tmp_path / "c"
    folder.mkdir()
    for name, (published, body) in ARTICLES.items():
        (folder / name).write_text(f"---\npublished: {published}\n---\n{body}\n", encoding="utf-8")
    path = tmp_path / "t.duckdb"
    with dyad.open(path) as database:
        database.ingest([str(folder / "two.md")])
        database.ingest([str(folder / "one.md")])
        database.ingest([str(folder / "three.md")])

    def tables() -> list[tuple[object, ...]]:
        con = duckdb.connect(str(path), read_only=True)
        try:
            return con.execute('SELECT family, a, b, "when", when_precision, when_start, when_end, when_until, '
                               "background, n_mentions FROM stories ORDER BY ALL").fetchall()
        finally:
            con.close()

    incremental = tables()
    with open_store(path) as store:
        assert problems(store, Settings()) == []
    with dyad.open(path) as database:
        database.fuse(rebuild=True)
    assert tables() == incremental
    assert any(row[7] is None and row[3] == "2020" for row in incremental)


# -- the schema ---------------------------------------------------------------------------------------


def test_a_schema_7_store_gains_the_period_columns(tmp_path: Path):
    path = tmp_path / "old.duckdb"
    open_store(path).close()
    con = duckdb.connect(str(path))  # make it look like a store written before schema 8
    for index in ("events_doc", "stories_id", "stories_cluster", "story_mentions_doc", "story_mentions_cluster",
                  "story_mentions_key"):
        con.execute(f"DROP INDEX {index}")
    for table in ("events", "stories", "story_mentions"):
        con.execute(f"ALTER TABLE {table} DROP COLUMN when_until")
    con.execute("DELETE FROM schema_version")
    con.execute("INSERT INTO schema_version VALUES (7, now())")
    con.close()
    with open_store(path) as store:
        assert current_version(store.con) == SCHEMA_VERSION >= 8
        for table in ("events", "stories", "story_mentions"):
            names = [r[0] for r in store.con.execute(f"DESCRIBE {table}").fetchall()]
            assert names[-1] == "when_until"


# -- the fusion score with a period --------------------------------------------------------------------


@pytest.mark.parametrize("when,until,gold_when,gold_until,ok", [
    ("2022-05-10", "2025-04-04", "2022", "2025", True),  # the term inside the gold's years
    ("2022-05-10", "2025-04-04", "2022", None, False),  # a period is not the gold's one year
    ("2019-01-01", "2023-01-01", "2020", None, False),  # the gold's date inside the period: not pinned
    ("2020", None, "2019", "2022", True),  # a date inside the gold's span
    (None, None, "2022", "2025", False),  # undated
])
def test_the_fusion_score_judges_a_period_story_by_both_ends(when, until, gold_when, gold_until, ok):
    from dyad.evaluate.fusion_score import SysStory, _story_time_ok

    story = SysStory("S1", "happened", when, None, None, until)
    assert _story_time_ok(story, gold_when, gold_until) is ok


def _report(doc: str, when: str | None, until: str | None, realis: bool = True) -> Report:
    span = own_span(when, until)
    return Report(doc_id=doc, idx=0, family="disapprove", a="BRA", b="ARG", directed=True, code="111", root="11",
                  realis=realis, denied=False, modality="asserted", when=when, background=True, span=span,
                  own_time=span is not None, published=MARCH, source_key=doc, outlet=doc, stem="criticis",
                  words="criticised argentina trade policy", source_name=None, target_name=None, when_until=until)


def test_a_story_of_periods_spans_what_they_share_and_a_term_start_is_no_confirmed_day():
    from dyad.fuse.stories import confirmed_day, story_time

    a = _report("a", "2019-01-01", "2023-01-01")
    b = _report("b", "2020", "2022")
    time = story_time([a, b])
    assert (time.when, time.until, time.start, time.end) == ("2020", "2022", dt.date(2020, 1, 1), dt.date(2022, 12, 31))
    assert confirmed_day([a]) is None
    dated = _report("c", "2021-06-01", None)
    assert story_time([a, dated]).when == "2021-06-01"
