"""Actors across documents: spelling variants, typos, look-alikes kept apart, overrides, CLI."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from dyad.errors import DyadError
from dyad.fuse.actor_tables import global_actors, resolve_stored
from dyad.fuse.actors import DocActor, Overrides, find_actor, load_overrides, member_index, resolve
from dyad.fuse.update import fuse_pending
from dyad.records import Actor, ActorMention, DocExtraction, Document, Evidence, Quote


def person(doc: str, name: str, country: str | None, role: str | None, mentions: int = 1) -> DocActor:
    key = "person:" + name.lower().replace(" ", "").replace("-", "")
    return DocActor(doc_id=doc, key=key, name=name, kind="person", country=country, role=role, aliases=[name], mentions=mentions)


def one_with(actors, name: str):
    found = [g for g in actors if name in g.aliases]
    assert len(found) == 1, f"{name!r} is in {len(found)} global actors"
    return found[0]


def test_spelling_variants_become_one_actor_with_a_reason():
    actors = resolve([
        person("d1", "Moon Jae-in", "KOR", "head of state", 3),
        person("d2", "Moon Jae In", "KOR", "head of state"),
        person("d3", "Moon Jae-in", None, None),
    ])
    moon = one_with(actors, "Moon Jae In")
    assert moon.name == "Moon Jae-in" and moon.documents == 3 and moon.country == "KOR"
    assert any("spelling" in why for why in moon.why)


def test_typo_merges_only_with_compatible_country_and_role():
    actors = resolve([
        person("d1", "Shinzo Abe", "JPN", "head of government", 3),
        person("d2", "Shinzo Abbe", "JPN", "head of government"),
        person("d3", "Hiroshi Sato", "JPN", "minister"),
        person("d4", "Hiroshi Satto", "JPN", "analyst"),
        person("d5", "Hiroshi Sato", "JPN", "head of government"),
    ])
    abe = one_with(actors, "Shinzo Abe")
    assert abe.name == "Shinzo Abe" and ("d2", "person:shinzoabbe") in abe.members
    assert any("slip" in why for why in abe.why)
    # the same name with a new role is one person over time; a typo with another role is not
    sato = one_with(actors, "Hiroshi Sato")
    assert ("d5", "person:hiroshisato") in sato.members
    assert ("d4", "person:hiroshisatto") not in sato.members


def test_people_sharing_a_surname_stay_apart():
    actors = resolve([
        person("d1", "Lee Jae-myung", "KOR", "head of state"),
        person("d2", "Li Qiang", "CHN", "head of government"),
        person("d3", "Lee Hsien Loong", "SGP", "head of government"),
        person("d4", "Lee Jae-yong", "KOR", "company"),
        person("d5", "Kim Jong Un", "PRK", "head of state"),
        person("d6", "Kim Jong Il", "PRK", "head of state"),
    ])
    assert len([g for g in actors if g.kind == "person"]) == 6


def test_same_name_different_countries_stay_apart():
    actors = resolve([person("d1", "John Smith", "GBR", "minister"), person("d2", "John Smith", "USA", "analyst")])
    assert len(actors) == 2
    assert len({g.id for g in actors}) == 2


def test_lone_surname_joins_the_only_compatible_full_name():
    actors = resolve([
        person("d1", "Ferdinand Marcos Jr.", "PHL", "head of state"),
        person("d2", "Marcos", "PHL", "head of state"),
        person("d3", "Erdogan", "TUR", "head of state"),
    ])
    marcos = one_with(actors, "Ferdinand Marcos Jr.")
    assert ("d2", "person:marcos") in marcos.members
    assert one_with(actors, "Erdogan").documents == 1


def test_states_and_described_bodies_merge_by_key():
    actors = resolve([
        DocActor("d1", "state:KOR", "South Korea", "state", "KOR", "government", aliases=["Seoul"], mentions=4),
        DocActor("d2", "state:KOR", "South Korea", "state", "KOR", "government", aliases=["South Korean"], mentions=2),
        DocActor("d1", "org:JPN:navy", "Japanese navy", "organization", "JPN", "military"),
        DocActor("d2", "org:JPN:navy", "Tokyo's navy", "organization", "JPN", "military"),
    ])
    kor = one_with(actors, "Seoul")
    assert kor.id == "state:KOR" and kor.mentions == 6 and {"South Korean", "Seoul"} <= set(kor.aliases)
    assert one_with(actors, "Tokyo's navy").documents == 2
    index = member_index(actors)
    assert index[("d2", "state:KOR")] is kor


def test_anonymous_officials_of_different_articles_stay_apart():
    key = "person:anonymous:FRA:seniorfrenchofficial"
    actors = resolve([
        DocActor("d1", key, "senior French official", "person", "FRA", "official"),
        DocActor("d2", key, "senior French official", "person", "FRA", "official"),
    ])
    assert len(actors) == 2


def test_overrides_file_wins(tmp_path):
    path = tmp_path / "overrides.yaml"
    path.write_text(
        "aliases:\n  Recep Tayyip Erdogan: [Tayyip Erdogan]\n"
        "merges:\n  - [Shinzo Abe, S. Abe]\n"
        "splits:\n  - [Moon Jae-in, Moon Jae In]\n",
        encoding="utf-8",
    )
    overrides = load_overrides(path)
    actors = resolve(
        [
            person("d1", "Shinzo Abe", "JPN", "head of government"),
            person("d2", "S. Abe", None, "analyst"),
            person("d3", "Moon Jae-in", "KOR", "head of state"),
            person("d4", "Moon Jae In", "KOR", "head of state"),
            person("d5", "Recep Tayyip Erdogan", "TUR", "head of state"),
            person("d6", "Tayyip Erdogan", "TUR", "head of state"),
        ],
        overrides,
    )
    abe = one_with(actors, "Shinzo Abe")
    assert "S. Abe" in abe.aliases and any("overrides" in w for w in abe.why)
    assert len([g for g in actors if g.name.startswith("Moon")]) == 2
    assert "Tayyip Erdogan" in one_with(actors, "Recep Tayyip Erdogan").aliases


def test_bad_overrides_file_is_a_clear_error(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("merges:\n  - [only one]\n", encoding="utf-8")
    with pytest.raises(DyadError, match="DY109 .*bad.yaml: every entry of merges"):
        load_overrides(path)
    path.write_text("merges: [unclosed\n", encoding="utf-8")
    with pytest.raises(DyadError, match="DY109 .*bad.yaml: not YAML"):
        load_overrides(path)
    with pytest.raises(DyadError, match="DY108"):
        load_overrides(tmp_path / "missing.yaml")
    assert load_overrides(None) == Overrides()


def test_find_actor_by_alias_and_close_spelling():
    actors = resolve([person("d1", "Emmanuel Macron", "FRA", "head of state"), person("d2", "Macron", "FRA", None)])
    assert find_actor(actors, "Macron")[0].name == "Emmanuel Macron"
    assert find_actor(actors, "Emmanuel Macronn")[0].name == "Emmanuel Macron"
    assert find_actor(actors, "Angela Merkel") == []


# -- through the store and the command line -------------------------------------------


def _store_two_documents(path):
    from dyad.store import open_store

    texts = {
        "d1": "Kenyan President William Ruto said the talks were useful. Ruto left Nairobi.",
        "d2": "William Samoei Ruto arrived late. President William Ruto said: \"We will keep building roads here.\"",
    }
    store = open_store(path)
    for doc_id, text in texts.items():
        name_at = text.index("William")
        actor = Actor(key="person:williamruto", name="William Ruto", kind="person", country="KEN", role="head of state",
                      sector="GOV", code="KENGOV", aliases=["William Ruto"])
        state = Actor(key="state:KEN", name="Kenya", kind="state", country="KEN", role="government", sector="GOV", code="KENGOV")
        ev = Evidence(doc_id=doc_id, start=name_at, end=name_at + len("William Ruto"))
        extraction = DocExtraction(
            doc_id=doc_id, model="test", actors=[actor, state],
            mentions=[ActorMention(actor_key=actor.key, text="William Ruto", evidence=ev)],
        )
        if doc_id == "d2":
            q = text.index("We will")
            extraction.quotes.append(Quote(text="We will keep building roads here.", speaker="William Ruto",
                                           speaker_actor=actor.key, evidence=Evidence(doc_id=doc_id, start=q, end=q + 33)))
        store.write(Document(id=doc_id, text=text, source=f"/corpus/{doc_id}.txt", published=dt.date(2025, 5, int(doc_id[1]))), extraction)
    fuse_pending(store)  # written straight to the store, so fused as `dyad fuse` would
    resolve_stored(store)
    return store


def test_global_actors_from_a_store(tmp_path):
    store = _store_two_documents(tmp_path / "s.duckdb")
    actors = global_actors(store)
    ruto = one_with(actors, "William Ruto")
    assert ruto.documents == 2 and ruto.mentions == 2
    assert sorted(ruto.members) == [("d1", "person:williamruto"), ("d2", "person:williamruto")]
    store.close()


def test_actors_and_actor_commands(tmp_path):
    from dyad.present.cli import main

    db = tmp_path / "s.duckdb"
    _store_two_documents(db).close()
    runner = CliRunner()
    result = runner.invoke(main, ["--db", str(db), "actors", "--kind", "person", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["name"] for r in rows] == ["William Ruto"] and rows[0]["documents"] == 2
    result = runner.invoke(main, ["--db", str(db), "actors", "--country", "KEN", "--doc", "d1.txt", "--csv"])
    assert result.exit_code == 0 and "Kenya" in result.output
    result = runner.invoke(main, ["--db", str(db), "actor", "Ruto", "--json"])
    assert result.exit_code == 0, result.output
    detail = json.loads(result.output)
    assert detail["quotes"][0]["text"].startswith("We will keep")
    assert [a["published"] for a in detail["appearances"]] == ["2025-05-01", "2025-05-02"]
    assert "William Ruto" in detail["appearances"][0]["evidence"]
    result = runner.invoke(main, ["--db", str(db), "actor", "Nobody Here"])
    assert result.exit_code != 0 and "no actor named" in result.output
