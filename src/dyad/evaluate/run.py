"""Build predictions for a gold file: ingest the corpus into a store (temporary unless named), read it back, score."""

from __future__ import annotations

import inspect
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dyad.evaluate.gold import GoldDoc, Item, load_gold
from dyad.evaluate.score import LayerScore, score
from dyad.scale import Extractor
from dyad.settings import Settings
from dyad.store import Store, open_store

Predicted = dict[str, dict[str, list[Item]]]  # gold doc name -> layer -> items

# The gold's 2% is part of the scoring rules, not a setting: fusion's claim_tolerance may change freely.
CLAIM_TOLERANCE = 0.02

# layer -> the store columns that become item fields (same names as the gold file uses)
LAYER_SQL = {
    "actors": "SELECT name, kind, country, aliases FROM actors WHERE doc_id = ? ORDER BY idx",
    "events": "SELECT source, target, root, code, realis FROM events WHERE doc_id = ? ORDER BY idx",
    "quotes": (
        "SELECT q.speaker, a.name AS speaker_name, q.text, q.kind FROM quotes q "
        "LEFT JOIN actors a ON a.doc_id = q.doc_id AND a.key = q.speaker_actor WHERE q.doc_id = ? ORDER BY q.idx"
    ),
    "claims": "SELECT value, unit, about FROM claims WHERE doc_id = ? ORDER BY idx",
    "relations": "SELECT a, b, type, polarity FROM relations WHERE doc_id = ? ORDER BY idx",
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
    for row in store.query("SELECT id, source_name FROM documents ORDER BY ingested_at, id"):
        name = row["source_name"]
        if name not in wanted:
            continue
        if name in found:
            notes.append(f"{name}: stored more than once; scoring the first copy ({found[name]})")
            continue
        found[name] = row["id"]
    return found, notes


def predictions_from_store(store: Store, gold_docs: Iterable[GoldDoc]) -> tuple[Predicted, list[str], list[str]]:
    """Predicted items per gold document and layer; also the gold documents not in the store, and notes."""
    docs = list(gold_docs)
    ids, notes = stored_documents(store, (d.doc for d in docs))
    predictions = {
        name: {layer: store.query(sql, [doc_id]) for layer, sql in LAYER_SQL.items()} for name, doc_id in ids.items()
    }
    missing = [d.doc for d in docs if d.doc not in ids]
    return predictions, missing, notes


def corpus_documents(corpus: Path, manifest: Path | None, settings: Settings) -> tuple[Iterator, list[str]]:
    """The corpus as ingest reads it (the same path as `dyad ingest`), with the manifest where supported."""
    from dyad.ingest.sources import iter_documents

    if manifest is None:
        return iter_documents([str(corpus)], settings), []
    if "manifest" in inspect.signature(iter_documents).parameters:
        return iter_documents([str(corpus)], settings, manifest=manifest), []
    note = f"{manifest}: this dyad's ingest does not read manifests yet; metadata left out"
    return iter_documents([str(corpus)], settings), [note]


def ingest_corpus(
    corpus: Path, manifest: Path | None, store: Store, settings: Settings, extractor: Extractor | None = None
) -> list[str]:
    """Ingest and extract the corpus into `store`; returns notes (unreadable inputs and the like)."""
    from dyad.ingest.runner import ingest_documents
    from dyad.scale import extractor_for

    items, notes = corpus_documents(corpus, manifest, settings)
    report = ingest_documents(items, store, extractor or extractor_for(settings))
    return notes + [f"ingest: {err.line()}" for err in report.errors]


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
    settings = settings or Settings()
    gold = load_gold(gold_path)
    if db is not None and Path(db).exists():
        with open_store(db, read_only=True) as store:
            return _score_store(store, gold, [])
    if corpus is None:
        raise ValueError("a corpus folder is needed unless --db names an existing store")
    with tempfile.TemporaryDirectory(prefix="dyad-eval-") as tmp:
        with open_store(db or Path(tmp) / "eval.duckdb") as store:
            notes = ingest_corpus(corpus, manifest, store, settings, extractor)
            return _score_store(store, gold, notes)


def _score_store(store: Store, gold: list[GoldDoc], notes: list[str]) -> EvalRun:
    predictions, missing, more = predictions_from_store(store, gold)
    return EvalRun(score(gold, predictions, CLAIM_TOLERANCE), len(gold), missing, notes + more)
