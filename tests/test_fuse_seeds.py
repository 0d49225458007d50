"""Fusion on the real pipeline: the seed articles together with the embedded examples.

Checks the issue's "done when" through general rules: one multi-document story for the state
visit, a single-source pledge figure, an alliance asserted and denied, and
one "(unknown outlet)" row for the seeds, which have none. Skips when ../shared is absent.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from tests.conftest import ROOT, SEEDS, SEEDS_MANIFEST

pytestmark = pytest.mark.slow

EXAMPLES = ROOT / "src" / "dyad" / "examples"
BLOG = "004"


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory: pytest.TempPathFactory):
    """(fusion of the whole store, seed prefix '000'..'004' -> document id)."""
    if not SEEDS.is_dir() or not SEEDS_MANIFEST.is_file():
        pytest.skip("../shared/corpus/seeds is not present")
    import dyad

    db = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    examples = sorted(str(p) for p in EXAMPLES.glob("*.md"))
    args = ["--db", str(db), "-q", "ingest", str(SEEDS), "--manifest", str(SEEDS_MANIFEST), *examples]
    # the real command in its own process, as a user runs it
    done = subprocess.run([sys.executable, "-m", "dyad", *args], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    with dyad.open(db, read_only=True) as store:
        ids = {r["source_name"][:3]: r["id"] for r in store.store.query("SELECT id, source_name FROM documents")
               if r["source_name"] and r["source_name"].endswith(".txt")}
        return store.fusion(limit=None), ids


def test_state_visit_is_one_story_with_several_documents(seeds_store):
    fusion, _ = seeds_store
    visits = [
        s for s in fusion.stories
        if s.family == "consult" and {s.a, s.b} == {"KOR", "CHN"}
        and s.when_start and dt.date(2026, 1, 1) <= s.when_start <= dt.date(2026, 1, 7)
    ]
    assert visits, "no KOR~CHN consult story in early January 2026"
    best = max(visits, key=lambda s: s.n_documents)
    assert best.n_documents >= 3 and best.n_sources >= 3


def test_pledge_figure_is_single_source(seeds_store):
    fusion, ids = seeds_store
    pledges = [f for f in fusion.figures if f.unit == "USD" and abs(f.value - 30e9) <= 0.02 * 30e9]
    assert pledges and all(f.single_source for f in pledges)
    assert {f.lead_doc for f in pledges} == {ids[BLOG]}


def test_alliance_asserted_and_denied_is_a_contradiction(seeds_store):
    fusion, ids = seeds_store
    found = [
        c for c in fusion.contradictions
        if c.kind == "relation" and {c.a, c.b} == {"KOR", "CHN"} and "ally" in c.subject
        and c.first.doc_id == ids[BLOG]
    ]
    assert found, "the blog's alliance is not contradicted"
    c = found[0]
    assert c.first.says.startswith("ally") and c.second.says.startswith("not ally")
    assert c.first.words and c.second.words and c.second.doc_id != ids[BLOG]


def test_seeds_without_an_outlet_are_one_unknown_outlet(seeds_store):
    fusion, ids = seeds_store
    # the seeds have no outlet, site name or URL: they are one "(unknown outlet)" row, never five titles
    names = {r.outlet for r in fusion.outlets}
    assert "(unknown outlet)" in names
    assert not any(n.endswith(".txt") for n in names)
