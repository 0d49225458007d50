"""The pages' view of fusion (stories, their reports, figures, contradictions, outlets), in one place.

Every page that shows fusion takes its rows from here, as plain dicts whose
keys are the columns of the stored fusion tables (`StoryRow`, `MentionRow`,
`FigureRow`, `ContradictionRow`, `OutletRow` of dyad.stored.fusion), so the
pages' JSON keeps one shape. Everything is read from the fusion tables the
library keeps current (`Database.stories`, `story`, `fusion`, `briefing`);
nothing here recomputes fusion.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from dyad.api import Database
from dyad.api import options as opt
from dyad.store import source_rows
from dyad.stored.fusion import ContradictionRow, FigureRow, MentionRow, OutletRow, StoryRow

STORY_COLUMNS = ["id", "dyad", "family", "codes", "when", "status", "n_documents", "n_sources", "outlets",
                 "evidence", "lead_doc"]
MENTION_COLUMNS = ["outlet", "published", "title", "code", "realis", "modality", "negated", "when", "evidence",
                   "doc_id", "idx", "start", "end"]
FIGURE_COLUMNS = ["value", "unit", "qualifier", "about", "actors", "n_claims", "n_sources", "single_source",
                  "outlets", "evidence", "lead_doc"]
CONTRADICTION_COLUMNS = ["kind", "subject", "first_says", "first_outlet", "first_doc_id", "first_words",
                         "second_says", "second_outlet", "second_doc_id", "second_words"]
OUTLET_COLUMNS = ["outlet", "n_documents", "n_events", "n_realis", "n_stories", "n_only", "mean_goldstein",
                  "irrealis_share", "single_source_claim_share", "speculative_sentence_share", "speculation_index"]
MAX_ROWS = 50  # stories, figures and contradictions a dyad's page lists
MAX_QUOTES = 50


def story_row(s: StoryRow, scope: str | None = None) -> dict[str, Any]:
    """A story as a row of the stored `stories` table, with its dyad's label and the scope it was found in."""
    row = s.as_dict()
    row["when"] = s.when or ("undated, reported " + str(s.first_seen) if s.first_seen else "undated")
    if s.background:
        row["when"] += " (background)"
    row["scope"] = scope
    return row


def mention_rows(mentions: list[MentionRow]) -> list[dict[str, Any]]:
    """A story's reports, one per event, as rows of the stored `story_mentions` table with their events."""
    ordered = sorted(mentions, key=lambda m: (m.outlet or "", m.published or dt.date.min, m.doc_id, m.idx))
    return [m.as_dict() for m in ordered]


def figure_row(f: FigureRow) -> dict[str, Any]:
    return f.as_dict()


def contradiction_row(c: ContradictionRow) -> dict[str, Any]:
    return c.as_dict()


def outlet_row(r: OutletRow) -> dict[str, Any]:
    row: dict[str, Any] = r.as_dict()
    return row


def _quote_row(q: dict[str, Any]) -> dict[str, Any]:
    return {"speaker": q["speaker"], "speaker_country": q["country"], "kind": q["kind"],
            "text": " ".join((q["words"] or "").split()), "outlet": q["outlet"], "published": q["published"],
            "doc_id": q["doc_id"], "idx": q["idx"], "start": q["start"], "end": q["end"]}


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
    scope = opt.dyad(dyad, directed)
    fusion, (quotes, _) = db.store.at_once(
        lambda: db.fusion(dyad, directed, since, until, limit=MAX_ROWS),
        lambda: source_rows.quotes_in_scope(db.store, scope.pair if scope else None, since, until, MAX_QUOTES),
    )
    label = fusion.dyad.label if fusion.dyad else dyad
    return DyadFusion(
        label, sum(o.n_documents for o in fusion.outlets), [story_row(s, label) for s in fusion.stories],
        [figure_row(f) for f in fusion.figures], [contradiction_row(c) for c in fusion.contradictions],
        [outlet_row(o) for o in fusion.outlets], [_quote_row(q) for q in quotes],
    )


def latest_stories(db: Database, limit: int) -> list[dict[str, Any]]:
    """The stories of the whole store with the most independent sources."""
    return [story_row(s) for s in db.stories(limit=limit)]


def story(db: Database, story_id: str, dyad: str | None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """One story and its reports; DY209 when none (`dyad`, when given, is checked and labels the scope)."""
    scope = opt.dyad(dyad) if dyad else None
    detail = db.story(story_id)
    return story_row(detail.story, scope.label if scope else None), mention_rows(detail.mentions)


def briefing(db: Database, dyad: str | None, directed: bool, since: dt.date | None,
             until: dt.date | None) -> dict[str, Any]:
    """What `dyad brief` writes, as rows: title, period, trend, temperature, stories, quotes, figures, ..."""
    b = db.briefing(dyad, directed, since, until)
    t = b.temperature
    label = b.dyad.label if b.dyad else None
    return {
        "title": b.title, "dyad": label, "period": b.period, "bucket": b.bucket,
        "documents": b.n_documents, "trend": b.trend,
        "temperature": {**t.__dict__, "change": t.change, "label": t.label} if t else None,
        "stories": [story_row(v.story, label) for v in [*b.stories, *b.background]],
        "quotes": [{"speaker": speaker, "text": " ".join(c.words.split()), "outlet": c.outlet,
                    "published": c.published, "doc_id": c.doc_id, "start": c.start, "end": c.end}
                   for speaker, c in b.quotes],
        "figures": [figure_row(v.figure) for v in b.figures],
        "contradictions": [contradiction_row(c) for c in b.fusion.contradictions],
        "outlets": [outlet_row(o) for o in b.fusion.outlets],
    }
