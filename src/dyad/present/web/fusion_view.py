"""The pages' view of fusion (stories, their reports, figures, contradictions, outlets), in one place.

Every page that shows fusion takes its rows from here, as plain dicts whose
keys are the columns of the stored fusion tables (`StoryRow`, `MentionRow`,
`FigureRow`, `ContradictionRow`, `OutletRow` of dyad.stored.fusion, issue 13),
so the pages' JSON keeps one shape. Until those tables are read by the
library, the rows are made from what `Database.stories` and `Database.fusion`
compute today; once they are, each function here becomes a call of the
matching method and `as_dict()`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from dyad.api import Database
from dyad.errors import NO_STORY
from dyad.fuse.contradictions import Contradiction
from dyad.fuse.corroboration import Figure
from dyad.fuse.sources import OutletRow
from dyad.fuse.stories import Story

STORY_COLUMNS = ["id", "dyad", "family", "codes", "when", "status", "n_documents", "n_sources", "outlets",
                 "evidence", "lead_doc"]
MENTION_COLUMNS = ["outlet", "published", "title", "code", "realis", "modality", "negated", "when", "evidence",
                   "doc_id", "idx", "start", "end"]
FIGURE_COLUMNS = ["value", "unit", "about", "actors", "n_claims", "n_sources", "single_source", "outlets",
                  "evidence", "lead_doc"]
CONTRADICTION_COLUMNS = ["kind", "subject", "first_says", "first_outlet", "first_doc_id", "first_words",
                         "second_says", "second_outlet", "second_doc_id", "second_words"]
OUTLET_COLUMNS = ["outlet", "n_documents", "n_events", "n_realis", "n_stories", "n_only", "mean_goldstein",
                  "irrealis_share", "single_source_claim_share", "speculative_sentence_share", "speculation_index"]


def _words(text: str) -> str:
    return " ".join(text.split())


def story_row(s: Story, scope: str | None = None) -> dict[str, Any]:
    """A story as a row of the stored `stories` table, with its dyad's label and the scope it was found in."""
    lead = s.lead()
    return {
        "id": s.id, "dyad": f"{s.source}-{s.target}", "family": s.family,
        "a": s.source, "b": s.target, "directed": s.directed, "root": s.root, "codes": s.codes,
        "when": s.when, "status": s.status, "n_mentions": len(s.mentions), "n_documents": s.n_documents,
        "n_sources": s.n_sources, "first_seen": s.first_seen, "last_seen": s.last_seen, "outlets": s.outlets,
        "goldstein": s.goldstein, "quad_class": s.quad_class, "lead_doc": lead.doc.id, "lead_idx": lead.idx,
        "evidence": _words(lead.cited.words), "title": lead.doc.title, "scope": scope,
    }


def mention_rows(s: Story) -> list[dict[str, Any]]:
    """A story's reports, one per event, as rows of the stored `mentions` table."""
    return [
        {"story_id": s.id, "doc_id": m.doc.id, "idx": m.idx, "published": m.doc.published, "outlet": m.doc.outlet,
         "title": m.doc.title, "source": m.source, "target": m.target, "code": m.code, "root": m.root,
         "realis": m.realis, "modality": m.modality, "negated": m.negated, "when": m.when,
         "goldstein": m.goldstein, "evidence": _words(m.cited.words), "start": m.cited.start, "end": m.cited.end}
        for m in sorted(s.mentions, key=lambda m: (m.doc.outlet, m.doc.published or dt.date.min, m.doc.id, m.idx))
    ]


def figure_row(f: Figure) -> dict[str, Any]:
    lead = f.claims[0]
    return {"unit": f.unit, "actors": sorted({a for c in f.claims for a in c.actors}), "about": f.about,
            "value": f.value, "n_claims": len(f.claims), "n_sources": f.n_sources, "single_source": f.single_source,
            "outlets": f.outlets, "lead_doc": lead.doc.id, "lead_idx": lead.idx, "evidence": _words(lead.cited.words)}


def contradiction_row(c: Contradiction) -> dict[str, Any]:
    row: dict[str, Any] = {"kind": c.kind, "subject": c.subject, "a": c.a, "b": c.b}
    for name, side in (("first", c.first), ("second", c.second)):
        row.update({f"{name}_says": side.says, f"{name}_outlet": side.cited.outlet, f"{name}_title": side.cited.title,
                    f"{name}_doc_id": side.cited.doc_id, f"{name}_published": side.cited.published,
                    f"{name}_words": _words(side.cited.words), f"{name}_start": side.cited.start,
                    f"{name}_end": side.cited.end})
    return row


def outlet_row(r: OutletRow) -> dict[str, Any]:
    row: dict[str, Any] = r.as_dict()
    return row


@dataclass
class DyadFusion:
    """What a dyad's page shows across sources, as rows."""

    label: str
    documents: int
    stories: list[dict[str, Any]] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)
    contradictions: list[dict[str, Any]] = field(default_factory=list)
    outlets: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)


def dyad_fusion(db: Database, dyad: str, directed: bool, since: dt.date | None, until: dt.date | None) -> DyadFusion:
    """Stories, figures, contradictions, outlets and attributed quotations of one dyad and period."""
    fusion = db.fusion(dyad, directed, since, until)
    label = fusion.dyad.label if fusion.dyad else dyad
    in_scope = {d.id for d in fusion.docs}
    quotes = [
        {"speaker": q.speaker, "speaker_country": q.speaker_country, "kind": q.kind, "text": _words(q.text),
         "outlet": q.doc.outlet, "published": q.doc.published, "doc_id": q.doc.id, "idx": q.idx,
         "start": q.cited.start, "end": q.cited.end}
        for q in fusion.corpus.quotes if q.doc.id in in_scope and q.speaker
    ]
    return DyadFusion(
        label, len(fusion.docs), [story_row(s, label) for s in fusion.stories],
        [figure_row(f) for f in sorted(fusion.figures, key=lambda f: (-f.n_sources, f.unit, f.value))],
        [contradiction_row(c) for c in fusion.contradictions], [outlet_row(o) for o in fusion.outlets], quotes,
    )


def latest_stories(db: Database, limit: int) -> list[dict[str, Any]]:
    """The stories of the whole store, the latest first."""
    found = sorted(db.stories(), key=lambda s: (s.when or dt.date.min, s.n_sources), reverse=True)
    return [story_row(s) for s in found[:limit]]


def story(db: Database, story_id: str, dyad: str | None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """One story (found in the dyad's stories when `dyad` is given) and its reports; DY209 when none."""
    found = next((s for s in db.fusion(dyad).stories if s.id == story_id), None)
    if found is None:
        raise NO_STORY("story", value=story_id)
    return story_row(found, dyad), mention_rows(found)


def briefing(db: Database, dyad: str | None, directed: bool, since: dt.date | None,
             until: dt.date | None) -> dict[str, Any]:
    """What `dyad brief` writes, as rows: title, period, trend, temperature, stories, quotes, figures, ..."""
    b = db.briefing(dyad, directed, since, until)
    t = b.temperature
    return {
        "title": b.title, "dyad": b.dyad.label if b.dyad else None, "period": b.period, "bucket": b.bucket,
        "documents": len(b.fusion.docs), "trend": b.trend,
        "temperature": {**t.__dict__, "change": t.change, "label": t.label} if t else None,
        "stories": [story_row(s, b.dyad.label if b.dyad else None) for s in b.stories],
        "quotes": [{"speaker": q.speaker, "speaker_country": q.speaker_country, "kind": q.kind,
                    "text": _words(q.text), "outlet": q.doc.outlet, "published": q.doc.published,
                    "doc_id": q.doc.id, "idx": q.idx, "start": q.cited.start, "end": q.cited.end} for q in b.quotes],
        "figures": [figure_row(f) for f in b.figures],
        "contradictions": [contradiction_row(c) for c in b.contradictions],
        "outlets": [outlet_row(o) for o in b.outlets],
    }
