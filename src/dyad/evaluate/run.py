"""Build predictions for a gold file: ingest the corpus into a store (temporary unless named), read it back, score."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from dyad.errors import EVAL_NEEDS_CORPUS
from dyad.evaluate.gold import GoldDoc, Item, load_gold
from dyad.evaluate.score import LayerScore, score
from dyad.records import DocExtraction
from dyad.scale import Extractor
from dyad.settings import Settings
from dyad.store import Store, listings, open_store

T = TypeVar("T")

Predicted = dict[str, dict[str, list[Item]]]  # gold doc name -> layer -> items

# The gold's 2% is part of the scoring rules, not a setting: fusion's claim_tolerance may change freely.
CLAIM_TOLERANCE = 0.02

def layer_items(extraction: DocExtraction) -> dict[str, list[Item]]:
    """A stored extraction as the gold file's items: per layer, the fields scoring compares."""
    names = {a.key: a.name for a in extraction.actors}
    return {
        "actors": [{"name": a.name, "kind": a.kind, "country": a.country, "aliases": a.aliases}
                   for a in extraction.actors],
        "events": [{"source": e.source, "target": e.target, "root": e.root, "code": e.code, "realis": e.realis}
                   for e in extraction.events],
        "quotes": [{"speaker": q.speaker, "speaker_name": names.get(q.speaker_actor or ""), "text": q.text,
                    "kind": q.kind} for q in extraction.quotes],
        "claims": [{"value": c.value, "unit": c.unit, "about": c.about} for c in extraction.claims],
        "relations": [{"a": r.a, "b": r.b, "type": r.type, "polarity": r.polarity} for r in extraction.relations],
    }


@dataclass
class EvalRun:
    """Scores plus what the reader should know: gold documents never found, ingest problems."""

    scores: dict[str, LayerScore]
    documents: int
    missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def stored_documents(store: Store, names: Iterable[str]) -> tuple[dict[str, str], list[str]]:
    """Gold document name -> stored document id, matched on the source file name; plus notes on clashes."""
    wanted = set(names)
    found: dict[str, str] = {}
    notes: list[str] = []
    for doc_id, name in listings.source_names(store):
        if name is None or name not in wanted:
            continue
        if name in found:
            notes.append(f"{name}: stored more than once; scoring the first copy ({found[name]})")
            continue
        found[name] = doc_id
    return found, notes


def predictions_from_store(store: Store, gold_docs: Iterable[GoldDoc]) -> tuple[Predicted, list[str], list[str]]:
    """Predicted items per gold document and layer; also the gold documents not in the store, and notes."""
    docs = list(gold_docs)
    ids, notes = stored_documents(store, (d.doc for d in docs))
    predictions = {name: layer_items(store.extraction(doc_id)) for name, doc_id in ids.items()}
    missing = [d.doc for d in docs if d.doc not in ids]
    return predictions, missing, notes


def ingest_corpus(
    corpus: Path, manifest: Path | None, store: Store, settings: Settings, extractor: Extractor | None = None
) -> list[str]:
    """Ingest and extract the corpus into `store` (the same path as `dyad ingest`); notes on unreadable inputs."""
    from dyad.ingest.sources import iter_documents
    from dyad.run import ingest_documents
    from dyad.scale import extractor_for

    items = iter_documents([str(corpus)], settings, manifest)
    report = ingest_documents(items, store, extractor or extractor_for(settings), settings=settings)
    return [f"ingest: {err.line()}" for err in report.errors]


def evaluate(
    gold_path: Path,
    corpus: Path | None = None,
    manifest: Path | None = None,
    db: Path | None = None,
    settings: Settings | None = None,
    extractor: Extractor | None = None,
) -> EvalRun:
    """Score the gold file against a store: `db` as it is when it exists, else the corpus ingested afresh.

    A `db` that does not exist yet is created from the corpus and kept;
    without `db` the corpus goes into a temporary store that is removed.
    """
    gold = load_gold(gold_path)
    return on_store(lambda store, notes: _score_store(store, gold, notes), corpus, manifest, db, settings, extractor)


def on_store(
    scorer: Callable[[Store, list[str]], T],
    corpus: Path | None,
    manifest: Path | None,
    db: Path | None,
    settings: Settings | None,
    extractor: Extractor | None,
    prepare: Callable[[Store, Settings], None] | None = None,
) -> T:
    """Score `db` as it is when it exists, else the corpus ingested afresh (and `prepare`d) into `db` or a
    temporary store; the scorer gets the store and the notes the ingest left."""
    settings = settings or Settings()
    if db is not None and Path(db).exists():
        with open_store(db, read_only=True) as store:
            return scorer(store, [])
    if corpus is None:
        raise EVAL_NEEDS_CORPUS()
    with tempfile.TemporaryDirectory(prefix="dyad-eval-") as tmp:
        with open_store(db or Path(tmp) / "eval.duckdb") as store:
            notes = ingest_corpus(corpus, manifest, store, settings, extractor)
            if prepare is not None:
                prepare(store, settings)
            return scorer(store, notes)


def _score_store(store: Store, gold: list[GoldDoc], notes: list[str]) -> EvalRun:
    with store.reading():  # one connection for every document's extraction
        predictions, missing, more = predictions_from_store(store, gold)
    return EvalRun(score(gold, predictions, CLAIM_TOLERANCE), len(gold), missing, notes + more)
