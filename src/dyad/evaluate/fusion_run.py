"""Score fusion: ingest the gold file's corpus (into a temporary store unless named), read the fusion tables, score."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dyad.evaluate.fusion_gold import FusionGold, load_fusion_gold
from dyad.evaluate.fusion_score import FusionScore, SysContradiction, SysMention, SysStory, score
from dyad.evaluate.run import on_store, stored_documents
from dyad.scale import Extractor
from dyad.settings import Settings
from dyad.store import Store, fusion_rows, story_rows


@dataclass
class FusionEvalRun:
    score: FusionScore
    documents: int
    missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def system_view(store: Store, gold: FusionGold) -> tuple[list[SysMention], dict[str, SysStory],
                                                          list[SysContradiction], list[str], list[str]]:
    """The fusion tables as the scorer reads them, for the gold's documents; also missing documents and notes."""
    ids, notes = stored_documents(store, gold.docs)
    name_of = {doc_id: name for name, doc_id in ids.items()}
    rows = story_rows.mentions_of_documents(store, list(name_of))
    mentions = [
        SysMention(name_of[m.doc_id], m.idx, m.story_id, m.source, m.target, m.root, m.code, m.realis,
                   m.negated or m.modality == "negated", m.when)
        for m in rows
    ]
    stories = {s.id: SysStory(s.id, s.status, s.when, s.when_start, s.when_end, s.when_until)
               for s in story_rows.stories_by_id(store, sorted({m.story for m in mentions}))}
    contradictions = [
        SysContradiction(c.kind, frozenset((name_of[c.first.doc_id], name_of[c.second.doc_id])), unit,
                         c.ref.split("|")[0] if c.kind == "relation" else None, c.subject)
        for c, unit in fusion_rows.contradictions_among(store, list(name_of))
    ]
    missing = [d for d in gold.docs if d not in ids]
    return mentions, stories, contradictions, missing, notes


def _score_store(store: Store, gold: FusionGold, notes: list[str]) -> FusionEvalRun:
    mentions, stories, contradictions, missing, more = system_view(store, gold)
    return FusionEvalRun(score(gold, mentions, stories, contradictions), len(gold.docs), missing, notes + more)


def evaluate_fusion(
    gold_path: Path,
    corpus: Path | None = None,
    manifest: Path | None = None,
    db: Path | None = None,
    settings: Settings | None = None,
    extractor: Extractor | None = None,
) -> FusionEvalRun:
    """Score a fusion gold file against a store: `db` as it is when it exists, else the corpus ingested afresh."""
    from dyad.fuse.actor_tables import resolve_stored
    from dyad.fuse.update import fuse_pending

    gold = load_fusion_gold(gold_path)

    def fuse(store: Store, settings: Settings) -> None:
        fuse_pending(store, settings)
        resolve_stored(store, settings.overrides)

    return on_store(lambda store, notes: _score_store(store, gold, notes), corpus, manifest, db, settings, extractor, fuse)
