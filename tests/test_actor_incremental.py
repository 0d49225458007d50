"""Global actors resolved again only where new documents touch them are those a resolution from scratch gives.

Document actors of invented documents are written to a real store the way fusion writes them
(`actor_links`), in batches and orders of arrival; after each batch actors are resolved
incrementally; at the end the actor tables are compared with a full resolution of the same links.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from dyad.fuse.actor_components import components
from dyad.fuse.actor_tables import resolve_stored
from dyad.fuse.actors import Overrides
from dyad.fuse.items import link_rows
from dyad.store import open_store
from dyad.store.fusion_write import FusionWrite, apply
from dyad.stored import DocActor

TABLES = ("global_actors", "actor_names", "actor_keys")

# (name, kind, key, country, role): spelling variants, one slip, lone names, one name in two countries,
# states, organisations spelt nearly alike, an unnamed official
ACTORS = [
    ("Tomas Varga", "person", "person:tomasvarga", "HUN", "minister"),
    ("Tomas Vargas", "person", "person:tomasvargas", "HUN", "minister"),
    ("Tomas Varga", "person", "person:tomasvarga", "SVK", "minister"),
    ("Varga", "person", "person:varga", "HUN", None),
    ("Varga", "person", "person:varga", None, None),
    ("Lena Okafor-Bell", "person", "person:lenaokaforbell", "NGA", "diplomat"),
    ("Lena Okafor Bell", "person", "person:lenaokaforbell", "NGA", None),
    ("Okafor", "person", "person:okafor", "NGA", None),
    ("Hungary", "state", "state:HUN", "HUN", "government"),
    ("Hungary", "state", "state:HUN", "HUN", None),
    ("Danube River Commission", "organization", "org:danuberivercommission", "HUN", None),
    ("Danube River Comission", "organization", "org:danuberivercomission", "HUN", None),
    ("a senior official", "person", "person:anonymous:official", "HUN", "official"),
    ("Piet Maren", "person", "person:pietmaren", "NLD", "analyst"),
    ("Piet Maren", "person", "person:pietmaren", "BEL", "analyst"),
]


def _documents(n: int, seed: int) -> dict[str, list[dict[str, Any]]]:
    rng = random.Random(seed)
    docs: dict[str, list[dict[str, Any]]] = {}
    for d in range(n):
        doc_id = f"doc{d:02d}"
        picked = rng.sample(ACTORS, rng.randint(1, 4))
        docs[doc_id] = [
            {"doc_id": doc_id, "key": key, "name": name, "kind": kind, "country": country, "role": role,
             "sector": rng.choice(["GOV", None]), "code": None, "aliases": [name], "mentions": rng.randint(1, 3)}
            for name, kind, key, country, role in picked
        ]
    return docs


def _tables(store: Any) -> dict[str, list[tuple[Any, ...]]]:
    out = {}
    for table in TABLES:
        rows = store.rows(f"SELECT * FROM {table}")
        out[table] = sorted(tuple(str(v) for v in r.values()) for r in rows)
    return out


def _arrive(path: Path, docs: dict[str, list[dict[str, Any]]], order: list[str], batch: int) -> dict:
    with open_store(path) as store:
        for k in range(0, len(order), batch):
            rows = [r for doc_id in order[k : k + batch] for r in docs[doc_id]]
            apply(store, FusionWrite(actor_links=link_rows(rows)))
            resolve_stored(store)
        incremental = _tables(store)
        assert not store.rows("SELECT * FROM actor_pending")
        resolve_stored(store, force=True)
        return {"incremental": incremental, "full": _tables(store)}


def test_any_order_and_batch_of_arrival_gives_the_actors_of_a_full_resolution(tmp_path: Path):
    docs = _documents(24, seed=3)
    ids = sorted(docs)
    for name, order, batch in (("sorted", ids, 1), ("reversed", ids[::-1], 5), ("shuffled", random.Random(8).sample(ids, len(ids)), 3)):
        tables = _arrive(tmp_path / f"{name}.duckdb", docs, order, batch)
        assert tables["incremental"]["global_actors"], "nothing was resolved"
        for table in TABLES:
            assert tables["incremental"][table] == tables["full"][table], f"{name}: {table} differs"


def test_the_rules_still_merge_across_batches(tmp_path: Path):
    docs = {"a": [{"doc_id": "a", "key": "person:tomasvarga", "name": "Tomas Varga", "kind": "person", "country": "HUN",
                   "role": "minister", "sector": None, "code": None, "aliases": [], "mentions": 1}],
            "b": [{"doc_id": "b", "key": "person:tomasvargas", "name": "Tomas Vargas", "kind": "person",
                   "country": "HUN", "role": "minister", "sector": None, "code": None, "aliases": [], "mentions": 1}],
            "c": [{"doc_id": "c", "key": "person:varga", "name": "Varga", "kind": "person", "country": None,
                   "role": None, "sector": None, "code": None, "aliases": [], "mentions": 1}]}
    with open_store(tmp_path / "s.duckdb") as store:
        for doc_id in ("a", "b", "c"):
            apply(store, FusionWrite(actor_links=link_rows(docs[doc_id])))
            resolve_stored(store)
        assert len(store.rows("SELECT DISTINCT actor_id FROM actor_names")) == 1
        assert store.rows("SELECT documents FROM global_actors")[0]["documents"] == 3


def test_documents_leaving_give_the_actors_of_a_full_resolution(tmp_path: Path):
    docs = _documents(20, seed=11)
    ids = sorted(docs)
    with open_store(tmp_path / "s.duckdb") as store:
        apply(store, FusionWrite(actor_links=link_rows([r for i in ids for r in docs[i]])))
        resolve_stored(store)
        before = _tables(store)
        apply(store, FusionWrite(drop_docs=ids[::3]))
        assert resolve_stored(store) > 0
        after = _tables(store)
        assert after != before
        resolve_stored(store, force=True)
        assert _tables(store) == after


def test_a_changed_overrides_file_resolves_everything_again(tmp_path: Path):
    docs = _documents(12, seed=5)
    overrides = tmp_path / "overrides.yaml"
    overrides.write_text("aliases: {}\n", encoding="utf-8")
    with open_store(tmp_path / "s.duckdb") as store:
        apply(store, FusionWrite(actor_links=link_rows([r for rows in docs.values() for r in rows])))
        assert resolve_stored(store, overrides) > 0
        assert resolve_stored(store, overrides) == 0, "nothing changed, nothing to resolve"
        apart = {r["actor_id"] for r in store.rows("SELECT actor_id FROM actor_names WHERE name_key LIKE '%pietmaren%'")}
        assert len(apart) == 2
        overrides.write_text("merges:\n  - [Piet Maren, Tomas Varga]\n", encoding="utf-8")
        written = resolve_stored(store, overrides)
        assert written == len(store.rows("SELECT id FROM global_actors")), "all actors written again"
        merged = store.rows("SELECT DISTINCT actor_id FROM actor_names WHERE name_key LIKE '%pietmaren%' "
                            "OR name_key LIKE '%person:tomasvarga|%'")
        assert len(merged) == 1
        incremental = _tables(store)
        resolve_stored(store, overrides, force=True)
        assert _tables(store) == incremental


def _actor(name: str, country: str | None = "HUN", role: str | None = None) -> DocActor:
    key = "person:" + name.lower().replace(" ", "")
    return DocActor(doc_id=f"person|{key}|{country}|{role}", key=key, name=name, kind="person", country=country, role=role)


def test_components_hold_what_a_rule_could_merge_and_nothing_else():
    actors = [_actor("Tomas Varga"), _actor("Tomas Vargas"), _actor("Varga", None), _actor("Lena Bell"),
              _actor("Ines Moro", "ITA"), _actor("Ines Moro", "ESP")]
    found = sorted(sorted(actors[i].name for i in c) for c in components(actors, Overrides()))
    assert found == [["Ines Moro", "Ines Moro"], ["Lena Bell"], ["Tomas Varga", "Tomas Vargas", "Varga"]]
