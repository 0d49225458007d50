"""A claim's own time: read from its words, stored, and what figures and contradictions compare."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import duckdb
import pytest

from dyad.fuse.figures import FigureRules, contradictions, same_moment
from dyad.fuse.figures import linked as claims_linked
from dyad.fuse.items import claim as claim_feature
from dyad.fuse.linking import connected
from dyad.fuse.update import rebuild
from dyad.records import Claim, DocExtraction, Evidence
from dyad.run import ingest_documents
from dyad.store import open_store
from dyad.store.fusion_check import table_rows
from dyad.store.migrations import current_version
from dyad.store.schema import SCHEMA_VERSION

PUBLISHED = "2026-05-12"


def only_claim(run_extract, text: str, published: str | None = PUBLISHED) -> Claim:
    found = run_extract(text, published).claims
    assert len(found) == 1, [(c.value, c.unit) for c in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "when", "precision", "until"),
    [
        ("Trade between the two neighbours reached $300 billion in 2019.", "2019", "year", None),
        ("Trade between the two neighbours is $250 billion this year.", "2026", "year", None),
        ("Farm exports rose to 12 million tonnes last year.", "2025", "year", None),
        ("Bilateral trade is expected to reach $30 billion by 2030.", "2030", "year", None),
        ("Since 2016, more than 10,000 people have been killed in the valley.", "2016", "year", "2026"),
        ("Shipments of grain rose to 4 million tonnes in the first quarter.", "2026-01", "month", "2026-03"),
        ("Exports in the fourth quarter of 2024 reached $12 billion.", "2024-10", "month", "2024-12"),
        ("As of March, some 2,000 soldiers remained in the border region.", "2026-03", "month", None),
        ("Exports in 2021 were $40 billion.", "2021", "year", None),
        ("Between 2016 and 2020, the lender gave $3 billion to the farmers.", "2016", "year", "2020"),
        ("The harbour will handle 90 million tonnes of cargo next year.", "2027", "year", None),
    ],
)
def test_a_claim_takes_the_time_its_words_give(run_extract, text, when, precision, until) -> None:
    claim = only_claim(run_extract, text)
    assert (claim.when, claim.when_precision, claim.when_until) == (when, precision, until)
    assert claim.when_text


@pytest.mark.parametrize(
    "text",
    [
        "About 28,500 soldiers are stationed on the island.",
        "The 2019 agreement allows 5,000 soldiers to stay.",  # the date of another phrase
        "The deal runs until 2030 and is worth $4 billion.",  # a bound, not the figure's time
        "Trade hit $80 billion, the highest since 2016.",  # a gap measured from then
        "The embargo has lasted for a decade.",  # the figure is the duration itself
        "In the 1990s, the country ran 20 coal mines.",  # no decade is resolved
    ],
)
def test_a_claim_whose_words_give_no_time_has_none(run_extract, text) -> None:
    claim = only_claim(run_extract, text)
    assert claim.when is None and claim.when_until is None and claim.when_text is None


def test_relative_times_need_a_publication_date_and_a_clause_beside_does_not_date(run_extract) -> None:
    assert only_claim(run_extract, "Farm exports rose to 12 million tonnes last year.", None).when is None
    assert only_claim(run_extract, "Farm exports rose to 12 million tonnes in 2023.", None).when == "2023"
    both = run_extract("In 2019, trade was $300 billion, and this year it is $250 billion.", PUBLISHED).claims
    assert [(c.value, c.when) for c in both] == [(300e9, "2019"), (250e9, "2026")]


def test_a_time_after_a_sum_dates_it_and_is_not_what_it_measures(run_extract) -> None:
    claim = only_claim(run_extract, "Trade between the two ports stood at $30 billion in 2019.")
    assert claim.when == "2019" and claim.about is not None and "2019" not in claim.about
    assert only_claim(run_extract, "Donors gave $30 billion in pledges in 2019.").about == "pledges"


def test_last_quarter_and_a_past_by_resolve_from_publication(run_extract) -> None:
    assert only_claim(run_extract, "Exports reached $9 billion in the last quarter of 2023.").when_until == "2023-12"
    last = only_claim(run_extract, "Exports reached $9 billion in the last quarter.")
    assert (last.when, last.when_until) == ("2026-01", "2026-03")
    assert only_claim(run_extract, "Exports had fallen to $2 billion by March.").when == "2026-03"


# -- figures ------------------------------------------------------------------------------------------

RULES = FigureRules(tolerance=0.02, window_days=31, contradiction_days=14, min_similarity=70)


def feature(doc: str, idx: int, value: float, when: str | None = None, until: str | None = None,
            published: str = "2026-04-10", about: str = "trade between the two states"):
    """A claim as fusion reads it from the store (the real row-to-feature step)."""
    return claim_feature({
        "doc_id": doc, "idx": idx, "value": value, "unit": "USD", "approx": False, "qualifier": None,
        "about": about, "actors": ["AAA", "BBB"], "published": dt.date.fromisoformat(published),
        "source_key": f"outlet-{doc}", "original": doc, "when": when, "when_until": until,
    })


def figures_of(items) -> list[set[str]]:
    groups = connected(items, RULES.window_days, lambda x, y: claims_linked(x, y, RULES))
    return sorted(({items[i].doc_id for i in g} for g in groups), key=sorted)


def test_claims_with_different_own_years_are_different_figures_and_never_contradict() -> None:
    items = [feature("a", 0, 300e9, "2019"), feature("b", 0, 250e9, "2026"), feature("c", 0, 300e9, "2019")]
    assert figures_of(items) == [{"a", "c"}, {"b"}]
    assert not same_moment(items[0], items[1], 10_000)
    assert contradictions([items[0], items[1]], "F", RULES) == []


def test_own_times_that_overlap_are_one_moment_and_can_contradict() -> None:
    a, b = feature("a", 0, 300e9, "2019"), feature("b", 0, 400e9, "2019-03")
    assert figures_of([a, b]) == [{"a", "b"}]
    assert len(contradictions([a, b], "F", RULES)) == 1


def test_a_projection_or_a_past_year_is_not_the_figure_of_today() -> None:
    today = feature("now", 0, 20e9, published="2026-04-10")
    target = feature("plan", 0, 30e9, "2030", published="2026-04-12")
    past = feature("past", 0, 15e9, "2019", published="2026-04-14")
    assert figures_of([today, target, past]) == [{"now"}, {"past"}, {"plan"}]


def test_without_own_times_claims_are_compared_by_publication_as_before() -> None:
    a, b = feature("a", 0, 20e9, published="2026-04-01"), feature("b", 0, 26e9, published="2026-04-11")
    assert figures_of([a, b]) == [{"a", "b"}] and len(contradictions([a, b], "F", RULES)) == 1
    far = feature("c", 0, 26e9, published="2026-04-28")
    assert contradictions([a, far], "F", RULES) == []  # more than contradiction_days apart
    # an own time that covers the other's publication day is the same moment
    assert figures_of([a, feature("d", 0, 20e9, "2026")]) == [{"a", "d"}]


def test_a_total_over_a_period_is_not_the_figure_of_a_year_inside_it() -> None:
    since = feature("a", 0, 9e9, "2016", "2026")
    year = feature("b", 0, 2e9, "2019")
    same_period = feature("c", 0, 9e9, "2016", "2026")
    assert figures_of([since, year, same_period]) == [{"a", "c"}, {"b"}]
    assert since.span == (dt.date(2016, 1, 1), dt.date(2026, 12, 31)) and since.period and not year.period


# -- stored and fused --------------------------------------------------------------------------------

TEXTS = [
    ("2026-04-02", "Trade between Vietnam and Chile stood at $30 billion in 2019, officials in Hanoi said."),
    ("2026-04-05", "Trade between Vietnam and Chile stands at $25 billion this year, officials in Santiago said."),
    ("2026-04-08", "Trade between Vietnam and Chile stood at $30 billion in 2019, a ministry report said."),
    ("2026-04-09", "Trade between Vietnam and Chile stood at $40 billion in 2019, a business group said."),
    ("2026-04-10", "Trade between Vietnam and Chile will rise to $60 billion by 2030, a minister said."),
]


@pytest.fixture(scope="module")
def documents(nlp):
    from dyad.extract.pipeline import extract_many
    from dyad.ingest.normalize import document_id
    from dyad.records import Document

    docs = [Document(id=document_id(text), text=text, published=dt.date.fromisoformat(day), outlet=f"outlet{i}")
            for i, (day, text) in enumerate(TEXTS)]
    return {d.id: (d, x) for d, x in extract_many(docs, nlp)}


FIGURE_TABLES = ("figures", "figure_claims", "contradictions")


def _ingest(path: Path, order: list[str], documents) -> tuple[dict, dict, list[dict]]:
    def cached(items):
        for d in items:
            yield d, documents[d.id][1]

    with open_store(path) as store:
        for doc_id in order:
            ingest_documents([documents[doc_id][0]], store, cached)
        incremental = {t: r for t, r in table_rows(store).items() if t in FIGURE_TABLES}
        found = store.rows("SELECT first_says, second_says FROM contradictions WHERE kind = 'figure'")
        values = sorted(r["v"] for r in store.rows(
            "SELECT list(value ORDER BY value) AS v FROM figure_claims GROUP BY figure_id"))
        rebuild(store)
        return incremental, {t: r for t, r in table_rows(store).items() if t in FIGURE_TABLES}, (values, found)


def test_stored_figures_keep_years_apart_and_incremental_equals_rebuild(tmp_path: Path, documents) -> None:
    ids = sorted(documents)
    claims = {d.text[:60]: x.claims for d, x in documents.values()}
    assert all(len(c) == 1 for c in claims.values()), claims
    shuffled = ids[:]
    random.Random(3).shuffle(shuffled)
    for name, order in (("sorted", ids), ("shuffled", shuffled)):
        incremental, rebuilt, (values, found) = _ingest(tmp_path / f"{name}.duckdb", order, documents)
        assert incremental == rebuilt, name
        # one figure for 2019 (two sources say $30 billion, one $40 billion), one for this year, one for 2030
        assert values == [[25e9], [30e9, 30e9, 40e9], [60e9]], name
        # the only disagreement is about 2019
        assert [sorted((c["first_says"], c["second_says"])) for c in found] == [["30,000,000,000 USD",
                                                                                 "40,000,000,000 USD"]]


def test_claims_list_and_export_show_the_time(tmp_path: Path, documents) -> None:
    import dyad

    _ingest(tmp_path / "s.duckdb", sorted(documents), documents)
    db = dyad.open(tmp_path / "s.duckdb", read_only=True)
    times = sorted((r.when or "", r.when_text or "") for r in db.claims())
    assert times == [("2019", "2019"), ("2019", "2019"), ("2019", "2019"), ("2026", "this year"), ("2030", "by 2030")]


def test_a_schema_9_store_gains_the_claim_time_columns(tmp_path: Path, make_doc) -> None:
    path = tmp_path / "old.duckdb"
    open_store(path).close()
    con = duckdb.connect(str(path))  # make it look like a store written by schema 9
    con.execute("DROP INDEX claims_doc")
    for column in ("when_text", "when_until", "when_precision", "when"):
        con.execute(f'ALTER TABLE claims DROP COLUMN "{column}"')
    con.execute("DELETE FROM schema_version")
    con.execute("INSERT INTO schema_version VALUES (9, now())")
    con.execute("CREATE INDEX claims_doc ON claims(doc_id)")
    con.close()
    doc = make_doc("Exports reached $5 billion in 2019.")
    claim = Claim(value=5e9, unit="USD", when="2019", when_precision="year", when_text="2019",
                  evidence=Evidence(doc_id=doc.id, start=8, end=25))
    with open_store(path) as store:
        assert current_version(store.con) == SCHEMA_VERSION >= 12
        assert store.write(doc, DocExtraction(doc_id=doc.id, model="t", claims=[claim]))
        back = store.extraction(doc.id).claims[0]
        assert (back.when, back.when_precision, back.when_until, back.when_text) == ("2019", "year", None, "2019")
