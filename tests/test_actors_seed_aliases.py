"""Every name variant in the seed gold's aliases resolves to one actor across the five seeds."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

from conftest import SEEDS_MANIFEST
from dyad.fuse.actor_tables import global_actors
from dyad.fuse.actors import member_index
from dyad.ingest.sources import iter_documents
from dyad.run import ingest_documents
from dyad.settings import Settings
from dyad.store import open_store


def _norm(name: str) -> str:
    name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[-\u2010-\u2015.]", " ", name.lower()).split())


def _gold_clusters(gold: list[dict]) -> list[dict]:
    """Gold actors of all documents, joined when one's name is another's name or alias."""
    clusters: list[dict] = []
    for record in gold:
        for actor in record["actors"]:
            names = {_norm(actor["name"]), *map(_norm, actor["aliases"])}
            for cluster in clusters:
                if cluster["kind"] == actor["kind"] and _norm(actor["name"]) in cluster["names"]:
                    cluster["names"] |= names
                    cluster["items"].append((record["doc"], actor))
                    break
            else:
                clusters.append({"kind": actor["kind"], "names": names, "items": [(record["doc"], actor)]})
    return clusters


def test_gold_aliases_resolve_to_one_actor(tmp_path, nlp, shared_seeds, gold_file):
    if not SEEDS_MANIFEST.is_file():
        pytest.skip("seeds manifest is not present")
    store = open_store(tmp_path / "seeds.duckdb")
    ingest_documents(iter_documents([str(shared_seeds)], Settings(), SEEDS_MANIFEST), store)
    docs = {r["source_name"]: (r["id"], r["text"]) for r in store.query("SELECT id, source_name, text FROM documents")}
    spans = {(m["doc_id"], m["start"], m["end"]): m["actor_key"] for m in store.query('SELECT doc_id, actor_key, start, "end" FROM mentions')}
    index = member_index(global_actors(store))

    gold = [json.loads(line) for line in gold_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    clusters = _gold_clusters(gold)
    split, resolved = [], 0
    for cluster in clusters:
        found: dict[str, set[str]] = {}
        for doc_name, actor in cluster["items"]:
            doc_id, text = docs[doc_name]
            for form in {actor["name"], *actor["aliases"]}:
                for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text):
                    key = spans.get((doc_id, m.start(), m.end()))
                    if key is not None and (doc_id, key) in index:
                        found.setdefault(index[(doc_id, key)].id, set()).add(f"{doc_name[:3]}:{form}")
        if found:
            resolved += 1
        if len(found) > 1:
            split.append(found)
    assert not split, f"one gold actor became several: {split}"
    assert resolved >= 0.9 * len(clusters), f"only {resolved} of {len(clusters)} gold actors found by name"
