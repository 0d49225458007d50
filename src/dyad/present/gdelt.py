"""Stories and their mentions in the GDELT 2.0 layouts, and as plain rows.

A story (one real event, every report of it) is a row of the GDELT event
table: `NumMentions`, `NumSources` and `NumArticles` count its reports. Each
report is a row of the GDELT mentions table, joined to its story on
`GlobalEventID`, with the character offsets of both parties and of the
trigger in its document.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from dyad.present.export import GDELT_GEO, ROOT_SENTENCES, gdelt_dates
from dyad.stored import EventRow

if TYPE_CHECKING:
    from dyad.stored.fusion import MentionRow, StoryRow

# GDELT 2.0 mentions table, in its published column order (16 columns)
MENTION_COLUMNS = [
    "GlobalEventID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName", "MentionIdentifier",
    "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset", "InRawText", "Confidence",
    "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
]
WEB = 1  # MentionType: a web document
REALIS_CONFIDENCE, IRREALIS_CONFIDENCE = 100, 50  # a report that only plans or denies the event confirms less

STORY_COLUMNS = [
    "story_id", "global_event_id", "dyad", "family", "codes", "when", "status", "disputed", "background",
    "n_mentions", "n_documents", "n_sources", "single_source", "n_happened", "n_planned", "n_denied", "first_seen",
    "last_seen", "goldstein", "quad_class", "outlets", "lead_doc_id", "evidence",
]
MENTION_ROW_COLUMNS = [
    "story_id", "global_event_id", "doc_id", "doc", "doc_ref", "idx", "outlet", "published", "url", "code", "root",
    "realis", "modality", "negated", "source", "target", "when", "goldstein", "quad_class", "trigger", "evidence",
    "start", "end", "trigger_start", "trigger_end", "source_start", "source_end", "target_start", "target_end",
]

Rows = Mapping[tuple[str, int], EventRow]  # stored events by (document id, index)


def global_event_id(story_id: str) -> int:
    """A stable number for a story, from its id."""
    return int(hashlib.sha1(story_id.encode()).hexdigest()[:15], 16)


def _stamp(day: dt.date | None) -> str:
    return day.strftime("%Y%m%d000000") if day else ""


def story_row(story: StoryRow) -> dict[str, Any]:
    """A story (a row of the `stories` table) as a plain row."""
    return {
        "story_id": story.id, "global_event_id": global_event_id(story.id), "dyad": story.dyad,
        "family": story.family, "codes": story.codes, "when": story.when, "status": story.status,
        "disputed": story.disputed, "background": story.background, "n_mentions": story.n_mentions,
        "n_documents": story.n_documents, "n_sources": story.n_sources, "single_source": story.single_source,
        "n_happened": story.n_happened, "n_planned": story.n_planned, "n_denied": story.n_denied,
        "first_seen": story.first_seen, "last_seen": story.last_seen, "goldstein": story.goldstein,
        "quad_class": story.quad_class, "outlets": story.outlets, "lead_doc_id": story.lead_doc,
        "evidence": story.evidence,
    }


def mention_row(m: MentionRow, rows: Rows) -> dict[str, Any]:
    """One report of a story (a row of `story_mentions` with its event) as a plain row."""
    r = rows.get((m.doc_id, m.idx))
    row: dict[str, Any] = {
        "story_id": m.story_id, "global_event_id": global_event_id(m.story_id), "doc_id": m.doc_id, "doc": m.doc,
        "idx": m.idx, "outlet": m.outlet, "published": m.published, "url": m.url, "code": m.code, "root": m.root,
        "realis": m.realis, "modality": m.modality, "negated": m.negated, "source": m.source, "target": m.target,
        "when": m.when, "goldstein": m.goldstein, "evidence": m.evidence, "start": m.start, "end": m.end,
    }
    if r is not None:
        row.update({"doc_ref": r.doc_ref, "quad_class": r.quad_class, "trigger": r.trigger,
                    "trigger_start": r.trigger_start, "trigger_end": r.trigger_end, "source_start": r.source_start,
                    "source_end": r.source_end, "target_start": r.target_start, "target_end": r.target_end})
    return row


def gdelt_story(story: StoryRow, rows: Rows) -> list[Any]:
    """The story as a row of the GDELT 2.0 event table (61 columns); an undated story has no event date."""
    r = rows.get((story.lead_doc, story.lead_idx))
    day, month, year, frac = gdelt_dates(story.when, story.first_seen if story.when else None)

    def actor(country: str | None, cameo: str | None, name: str | None, sector: str | None) -> list[Any]:
        country = country or ""
        return [cameo or country, name or country, country, "", "", "", "", sector or "", "", ""]

    code = str(r.code if r is not None else story.codes[0]).zfill(3)
    row: list[Any] = [global_event_id(story.id), day, month, year, frac]
    row += actor(story.a, r.source_code if r else None, r.source_name if r else None, r.source_sector if r else None)
    row += actor(story.b, r.target_code if r else None, r.target_name if r else None, r.target_sector if r else None)
    is_root = 1 if r is not None and r.sentence_index < ROOT_SENTENCES else 0
    row += [is_root, code, code[:3], str(story.root).zfill(2),
            story.quad_class if story.quad_class is not None else "",
            round(story.goldstein, 2) if story.goldstein is not None else "",
            story.n_mentions, story.n_sources, story.n_documents, ""]
    row += [""] * (3 * len(GDELT_GEO))
    added = r.ingested_at.strftime("%Y%m%d%H%M%S") if r is not None and r.ingested_at else ""
    row += [added, (r.url or r.doc_source or "") if r is not None else ""]
    return row


def gdelt_mention(story: StoryRow, m: MentionRow, rows: Rows, doc_lengths: Mapping[str, int]) -> list[Any]:
    """One report of a story as a row of the GDELT 2.0 mentions table (16 columns)."""
    r = rows.get((m.doc_id, m.idx))

    def offset(value: int | None) -> int:
        return value if value is not None else -1

    return [
        global_event_id(story.id), _stamp(story.when_start), _stamp(m.published), WEB, m.outlet or "",
        (m.url or m.doc_id), (r.sentence_index + 1) if r is not None else "",
        offset(r.source_start if r else None), offset(r.target_start if r else None),
        offset(r.trigger_start if r else None), 1, REALIS_CONFIDENCE if m.realis else IRREALIS_CONFIDENCE,
        doc_lengths.get(m.doc_id, ""), "", "", "",
    ]
