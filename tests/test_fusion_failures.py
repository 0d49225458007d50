"""Each way fusion used to go wrong (issue 13), checked on articles of our own through the real pipeline.

A small corpus is ingested as a user would (`dyad.open(...).ingest`), so extraction, the store and
incremental fusion all take part: events keep their own time or stay undated, history stays
background, stories are one real event each, previews never confirm, outlets come from metadata
or the URL, figures and contradictions compare like with like, actors are one actor everywhere.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import dyad

ARTICLES = {
    "arrival.md": ("Lee lands in Beijing", None, "https://www.harbournews.example/2030/03/04/lee-lands", "2030-03-04", """
South Korean President Lee Jae-myung arrived in Beijing on Sunday for a state visit to China.

Chinese President Xi Jinping last visited South Korea in November, when he met Lee in Gyeongju.

China's unofficial ban on South Korean films, in place since the 2016 missile-shield deployment, remains a sore point for Seoul.

It is the first state visit to China by a South Korean president since 2019.
"""),
    "preview.md": ("Xi and Lee to meet", None, "https://harbournews.example/2030/03/03/xi-lee-preview", "2030-03-03", """
South Korean President Lee Jae-myung is set to visit China on Sunday, and Chinese President Xi Jinping will host him on Monday.
"""),
    "summit.md": ("Summit in Beijing", "Valley Gazette", None, "2030-03-05", """
Chinese President Xi Jinping hosted South Korean President Lee Jae-myung in Beijing on Monday.

The two governments signed 14 trade agreements, officials said.

About 28,500 American troops are stationed in South Korea.

South Korea and China are not allies.
"""),
    "talks.md": ("Talks set for Tuesday", "Valley Gazette", None, "2030-03-11", """
The foreign ministers of Japan and China hold talks Tuesday in Geneva.

On Monday, North Korea said it had tested new rockets, a response to sanctions the United States announced over the weekend.
"""),
    "blog.md": ("A new axis?", "Lantern Blog", None, "2030-03-06", """
This divergence provides fertile ground for closer cooperation between Beijing and Seoul.

Some 28,000 American troops are stationed in South Korea.

The alliance between Seoul and Beijing is growing.
"""),
    "ledger.md": ("Troops and trade", "Pacific Ledger", None, "2030-03-06", """
About 28,500 American troops are stationed in South Korea, officials in Seoul said.
"""),
    "digest.md": ("Regional digest", "Coast Review", None, "2030-03-07", """
About 28,500 American troops are stationed in South Korea.
"""),
    "notes.md": ("Notes", None, None, "2030-03-07", """
Roughly 28,500 American troops are based in South Korea.
"""),
}


def _write(folder: Path) -> None:
    for name, (title, outlet, url, published, body) in ARTICLES.items():
        meta = [f'title: "{title}"', f"published: {published}"]
        meta += [f"outlet: {outlet}"] if outlet else []
        meta += [f"url: {url}"] if url else []
        (folder / name).write_text("---\n" + "\n".join(meta) + "\n---\n" + body.strip() + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, nlp):
    folder = tmp_path_factory.mktemp("corpus")
    _write(folder)
    path = tmp_path_factory.mktemp("store") / "f.duckdb"
    with dyad.open(path) as database:
        report = database.ingest([str(folder)])
        assert not report.errors and not report.fusion_errors
    database = dyad.open(path, read_only=True)
    yield database
    database.close()


def _story(db, family: str, pair: set[str], when: str | None = None, background: bool | None = None,
           words: str = ""):
    found = [s for s in db.stories(limit=None, background=None)
             if s.family == family and {s.a, s.b} == pair and (when is None or s.when == when)
             and (background is None or s.background == background) and words in s.evidence]
    assert len(found) == 1, [(s.when, s.background, s.evidence) for s in found]
    return found[0]


# -- time ----------------------------------------------------------------------------------------------


def test_an_event_has_its_own_time_never_its_publication_day(db):
    signing = _story(db, "agree", {"KOR", "CHN"}, background=False, words="signed")
    assert signing.when is None and signing.when_start is None  # undated: shown as undated
    assert signing.first_seen.isoformat() == "2030-03-05"  # ... with the day it was reported


def test_history_keeps_its_own_time_and_stays_background(db):
    ban = _story(db, "reduce", {"KOR", "CHN"})
    assert ban.when == "2016" and ban.background
    visit = _story(db, "consult", {"KOR", "CHN"}, when="2029-11")
    assert visit.background
    current = {s.id for s in db.stories(limit=None)}
    assert ban.id not in current and visit.id not in current  # out of the current listing
    days = {r.period.isoformat()[:4] for r in db.trend("KOR-CHN", bucket="month")}
    assert days == {"2030"}  # and out of the trend


def test_first_visit_since_a_year_is_not_a_visit_in_that_year(db):
    assert not [s for s in db.stories(limit=None, background=None) if s.when == "2019"]


def test_a_date_of_another_clause_does_not_date_the_event(db):
    test = _story(db, "posture", {"PRK"})
    assert test.when is None  # "over the weekend" dates the sanctions, not the test


def test_a_bare_weekday_of_a_plan_is_the_next_one_and_not_happened(db):
    talks = _story(db, "consult", {"JPN", "CHN"})
    assert talks.when == "2030-03-12" and talks.status == "planned" and talks.n_happened == 0


# -- stories -------------------------------------------------------------------------------------------


def test_reports_of_one_visit_are_one_story_and_other_visits_are_not(db):
    visit = _story(db, "consult", {"KOR", "CHN"}, when="2030-03-03")
    assert visit.n_documents == 3 and visit.n_sources == 2  # the preview's outlet is the arrival's
    assert visit.status == "happened" and visit.n_happened == 2
    assert visit.when_end.isoformat() == "2030-03-04"  # arrival Sunday, hosted Monday


def test_a_preview_never_confirms(db):
    preview = [m for m in db.story_mentions(dyad="KOR-CHN", limit=None) if m.doc == "preview.md"]
    assert preview and all(not m.realis for m in preview)
    visit = _story(db, "consult", {"KOR", "CHN"}, when="2030-03-03")
    # the preview's outlet also reports the visit done: one source, one verdict, and it counts once
    assert visit.n_happened == 2 and visit.n_planned == 0
    talks = _story(db, "consult", {"JPN", "CHN"})
    assert talks.status == "planned" and talks.n_planned == 1 and talks.n_happened == 0


def test_speculation_is_not_cooperation(db):
    blog = [m for m in db.story_mentions(dyad="KOR-CHN", limit=None) if m.doc == "blog.md"]
    assert blog and all(not m.realis and m.modality == "hypothetical" for m in blog)


# -- sources -------------------------------------------------------------------------------------------


def test_outlets_come_from_metadata_or_the_url_never_a_title_or_file(db):
    outlets = {r.outlet: r for r in db.sources()}
    assert set(outlets) == {"harbournews.example", "Valley Gazette", "Lantern Blog", "Pacific Ledger",
                            "Coast Review", "(unknown outlet)"}
    assert outlets["harbournews.example"].n_documents == 2 and outlets["harbournews.example"].outlet_from == "url"


def test_corrected_metadata_changes_the_outlet_after_a_refresh(tmp_path: Path, nlp):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "one.md").write_text("---\ntitle: One\npublished: 2030-03-05\n---\n"
                                   "Chinese President Xi Jinping hosted South Korean President Lee Jae-myung on Monday.\n")
    with dyad.open(tmp_path / "s.duckdb") as writer:
        writer.ingest([str(folder)])
        assert [r.outlet for r in writer.sources()] == ["(unknown outlet)"]
        doc_id = writer.documents()[0].id
        writer.store.query("UPDATE documents SET outlet = 'Harbour Wire' WHERE id = ?", [doc_id])
        assert any("outlet" in p for p in writer.fusion_problems())
        writer.refresh_fusion([doc_id])
        assert [r.outlet for r in writer.sources()] == ["Harbour Wire"] and writer.fusion_problems() == []


# -- figures and contradictions --------------------------------------------------------------------------


def test_the_consensus_is_what_most_sources_say_and_qualifiers_stay(db):
    troops = [f for f in db.figures(limit=None) if f.unit == "troop"]
    assert len(troops) == 1
    f = troops[0]
    assert f.value == 28500 and "about" in (f.qualifier or "") and "some" in (f.qualifier or "")
    assert f.n_sources == 5 and f.n_sources_all == 5  # "some 28,000" can be true with 28,500
    assert [c for c in db.figure(f.id).claims if c.value == 28000][0].agrees


def test_only_real_disagreements_are_contradictions(db):
    found = db.contradictions(limit=None)
    assert [c.kind for c in found] == ["relation"]
    c = found[0]
    assert c.first.outlet == "Lantern Blog" and c.second.outlet == "Valley Gazette"
    assert "alliance between Seoul and Beijing" in c.first.words and "not allies" in c.second.words


# -- actors and scale --------------------------------------------------------------------------------------


def test_one_actor_everywhere(db):
    lee = db.find_actors("Lee Jae-myung")
    assert len(lee) == 1 and lee[0].documents >= 3
    names = {e.source_name for e in db.events(source="KOR", target="CHN", realis_only=False, limit=None)}
    assert lee[0].name in names
    nodes = {n.node for n in db.network(level="actor")}
    assert lee[0].name in nodes and not any(n != lee[0].name and "Lee Jae" in n for n in nodes)


def test_listings_cut_in_the_store_and_say_so(db, tmp_path: Path):
    assert len(db.events(realis_only=False, limit=2)) == 2
    from click.testing import CliRunner

    from dyad.present.cli import main

    result = CliRunner().invoke(main, ["--db", str(db.path), "stories", "--all", "--limit", "1", "--json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == 1 and "1 of " in result.stderr


def test_the_network_of_actors_names_the_actors_of_documents_not_fused_yet(tmp_path: Path, nlp):
    from dyad.fuse.update import unfuse_documents

    folder = tmp_path / "n"
    folder.mkdir()
    (folder / "one.md").write_text("---\ntitle: One\npublished: 2030-03-05\n---\n"
                                   "Chinese President Xi Jinping hosted South Korean President Lee Jae-myung on Monday.\n")
    with dyad.open(tmp_path / "s.duckdb") as writer:
        writer.ingest([str(folder)])
        fused = {(e.source, e.target) for e in writer.network_edges("actor")}
        assert fused and not any(len(name) == 3 and name.isupper() for pair in fused for name in pair)
        unfuse_documents(writer.store, [writer.documents()[0].id])
        assert writer.store.query("SELECT count(*) AS n FROM actor_links")[0]["n"] == 0
        # the document's own actor names stand in until fusion sees it again
        assert {(e.source, e.target) for e in writer.network_edges("actor")} == fused
