"""Correcting stored documents' metadata (`dyad ingest --update-metadata`) changes what fusion counts.

Two articles of our own, stored with only a URL each (two hosts, so two outlets), are corrected to
name one outlet: `sources` then shows one outlet, and the story they both report has one
independent source instead of two. Nothing is extracted again.
"""

from __future__ import annotations

import json
from pathlib import Path

import dyad
from dyad.fuse.update import fuse_documents
from dyad.ingest.sources import iter_documents
from dyad.records import DocExtraction, Document, Event, Evidence
from dyad.settings import Settings
from dyad.store import open_store

TEXTS = [
    "Harbourland's trade minister met Ridgemont's envoy in the port city on Tuesday to talk about ferries.",
    "The envoy of Ridgemont and Harbourland's trade minister met on Tuesday; ferries were on the table.",
]


def _write(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _extraction(document: Document) -> DocExtraction:
    """One meeting of two states, as the events layer would code it."""
    met = document.text.index("met")
    whole = Evidence(doc_id=document.id, start=0, end=len(document.text))
    return DocExtraction(
        doc_id=document.id, model="hand",
        events=[Event(source="KOR", target="JPN", code="040", root="04", trigger="met", realis=True,
                      evidence=whole, trigger_evidence=Evidence(doc_id=document.id, start=met, end=met + 3),
                      goldstein=1.0, quad_class=1)],
    )


def test_corrected_outlets_are_counted_at_once(tmp_path: Path) -> None:
    first = [{"id": f"a{i}", "text": t, "url": f"https://news{i}.example/story-{i}", "published": "2031-05-06"}
             for i, t in enumerate(TEXTS)]
    documents = [d for d in iter_documents([str(_write(tmp_path / "first.jsonl", first))], Settings())
                 if isinstance(d, Document)]
    assert len(documents) == 2
    path = tmp_path / "s.duckdb"
    with open_store(path) as store:
        for d in documents:
            store.write(d, _extraction(d))
        fuse_documents(store, [d.id for d in documents])

    with dyad.open(path) as db:
        assert sorted(o.outlet for o in db.sources()) == ["news0.example", "news1.example"]
        [story] = db.stories()
        assert story.n_sources == 2
        corrected = [{**r, "outlet": "Harbour Post"} for r in first]
        report = db.update_metadata([str(_write(tmp_path / "corrected.jsonl", corrected))])
        assert sorted(report.updated) == sorted(d.id for d in documents)
        assert sorted(report.fusion.documents) == sorted(d.id for d in documents)
        assert [o.outlet for o in db.sources()] == ["Harbour Post"]
        [story] = db.stories()
        assert story.n_sources == 1 and story.n_documents == 2
        assert not db.fusion_problems()
