"""More ways fusion went wrong (issue 13), on articles of our own through the real pipeline.

A wire story republished by a second outlet counts once; a scholar's own words are no act of the
scholar's country; two numbers one article gives are two figures, and a name of a people used as a
unit is never pluralised again; an article that both asserts and denies a relation takes no side;
a mere possibility never joins the event one article says happened; and deleting an article leaves
the tables a fuse from scratch gives.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import dyad
from dyad.fuse.update import rebuild
from dyad.store.fusion_check import table_rows

WIRE = """Northland and Southland signed a fisheries agreement in Port Alder on Tuesday, ending a dispute \
over fishing grounds that had simmered for years. The agreement sets quotas for both fleets and creates a joint \
patrol to stop illegal trawling in the disputed waters. Officials from both governments said the deal would \
take effect next month. Fishermen in both countries welcomed the news, saying the quarrel had cost them dearly. \
The two governments also agreed to meet again within a year to review the quotas."""

ARTICLES = {
    "wire.md": ("Fisheries deal signed", "Harbour Wire", "2031-04-02", WIRE.replace("Northland", "Japan")
                .replace("Southland", "South Korea")),
    "reprint.md": ("Fisheries deal signed", "Valley Gazette", "2031-04-03", WIRE.replace("Northland", "Japan")
                   .replace("Southland", "South Korea").replace("the quotas.", "the quotas, a spokesman said.")),
    "scholar.md": ("A view from Tokyo", "Lantern Blog", "2031-04-04", """
Kenji Arata, a Japanese political scientist, criticised South Korea for its fishing policy.
"""),
    "camps.md": ("Camps", "Coast Review", "2031-04-05", """
Officials said the six Uyghurs still held in Laos would stay there.

About 8.5 million children in Kenya are out of school, and 15 million children in Kenya lack clean water.
"""),
    "debate.md": ("Partners?", "Coast Review", "2031-04-06", """
Russia and China are close partners, officials say.

"Russia and China are not partners," said Ilya Petrov, a retired diplomat.
"""),
    "allies.md": ("Allies", "Pacific Ledger", "2031-04-07", """
Russia and China are partners.
"""),
    "rebels.md": ("Raids", "Pacific Ledger", "2031-04-08", """
Rebels attacked villages in northern Mali on Monday, killing several farmers.

The rebels could attack villages in northern Mali again, residents fear.
"""),
}


def _write(folder: Path) -> None:
    for name, (title, outlet, published, body) in ARTICLES.items():
        meta = f'---\ntitle: "{title}"\npublished: {published}\noutlet: {outlet}\n---\n'
        (folder / name).write_text(meta + body.strip() + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def path(tmp_path_factory: pytest.TempPathFactory, nlp) -> Path:
    folder = tmp_path_factory.mktemp("trust")
    _write(folder)
    path = tmp_path_factory.mktemp("store") / "t.duckdb"
    with dyad.open(path) as database:
        report = database.ingest([str(folder)])
        assert not report.errors and not report.fusion_errors
    return path


@pytest.fixture(scope="module")
def db(path: Path):
    database = dyad.open(path, read_only=True)
    yield database
    database.close()


def test_a_syndicated_copy_counts_once(db):
    [story] = [s for s in db.stories(limit=None) if {s.a, s.b} == {"JPN", "KOR"} and "signed" in s.evidence]
    assert story.n_documents == 2 and story.n_sources == 1
    assert set(story.outlets) == {"Harbour Wire", "Valley Gazette"}


def test_a_scholars_own_words_are_no_act_of_the_scholars_country(db):
    said = [e for e in db.events(realis_only=False, limit=None) if e.trigger == "criticised"]
    assert said and all(e.source is None for e in said)
    assert not [s for s in db.stories(limit=None) if s.a == "JPN" and s.family == "disapprove"]


def test_two_numbers_of_one_article_are_two_figures_and_units_stay_as_written(db):
    kenya = [f for f in db.figures(limit=None) if f.unit == "child"]
    assert sorted(f.value for f in kenya) == [8.5e6, 15e6] and all(f.n_values == 1 for f in kenya)
    units = {c.unit for c in db.claims(limit=None)}
    assert "uyghurs" in units and not any(u.endswith("ses") for u in units)
    assert not db.contradictions(limit=None, kind="figure")


def test_an_article_that_states_both_sides_takes_neither(db):
    assert not db.contradictions(limit=None, kind="relation")


def test_a_possibility_is_not_the_event_that_happened(db):
    raids = [s for s in db.stories(limit=None) if s.family == "assault" and s.a == "MLI"]
    assert sorted((s.status, s.n_mentions) for s in raids) == [("happened", 1), ("planned", 1)]


def test_deleting_an_article_leaves_what_a_fuse_from_scratch_gives(path: Path, tmp_path: Path):
    import shutil

    copy = tmp_path / "d.duckdb"
    shutil.copy(path, copy)
    with dyad.open(copy) as database:
        wire = next(d.id for d in database.documents() if d.title == "Fisheries deal signed" and d.outlet == "Harbour Wire")
        database.store.delete_document(wire)
        after = table_rows(database.store)
        [story] = [s for s in database.stories(limit=None) if {s.a, s.b} == {"JPN", "KOR"} and "signed" in s.evidence]
        assert story.outlets == ["Valley Gazette"] and story.n_documents == 1
        assert not database.fusion_problems()
        rebuild(database.store)
        database.fuse(rebuild=True)
        assert table_rows(database.store) == after
