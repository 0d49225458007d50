"""The demo report: a Markdown digest of what the store holds, every row cited.

Everything in the report is read from the store; quoted words are the stored
document text at the stored character offsets. The layout is the template
present/templates/report.md; this module gathers and ranks what it shows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from dyad.present.render import render
from dyad.present.safe import markdown_text
from dyad.records import Document
from dyad.store import Store
from dyad.store.corpus import load_corpus
from dyad.store.db import derived_fields
from dyad.stored import Cited, Count, DocInfo, EventItem

TOP_EVENTS = 12
EVIDENCE_PER_EVENT = 3
MAX_ROWS = 40


def _md(text: Any) -> str:
    """Plain text made safe for a Markdown line or table cell (no HTML, link or emphasis; see safe.markdown_text)."""
    return markdown_text(str(text))


@dataclass(frozen=True)
class Source:
    """One stored document, as a report cites it."""

    title: str
    outlet: str
    published: dt.date | None

    @classmethod
    def of(cls, document: Document) -> Source:
        name, _, _ = derived_fields(document)
        return cls(document.title or name or document.id, document.outlet or "unknown outlet", document.published)

    def cite(self) -> str:
        day = f", {self.published.isoformat()}" if self.published else ""
        return f"*{_md(self.title)}*, {_md(self.outlet)}{day}"


@dataclass(frozen=True)
class DocumentLine:
    source: Source
    n_words: int


@dataclass(frozen=True)
class NearCopyLine:
    source: Source
    first: Source | None
    near_copy_of: str
    score: str


@dataclass(frozen=True)
class EventGroup:
    """Reports of one (source, target, code), with how many documents and independent sources give it."""

    source: str | None
    target: str | None
    code: str
    mentions: list[EventItem]
    n_documents: int
    n_independent: int
    n_realis: int
    score: str


class Placed(Protocol):
    @property
    def doc(self) -> DocInfo: ...


def _event_groups(events: list[EventItem], documents: list[Document]) -> list[EventGroup]:
    """Event types reported by the most documents, each with its evidence sentences."""
    groups: dict[tuple[str | None, str | None, str], list[EventItem]] = defaultdict(list)
    for e in events:
        groups[(e.source, e.target, e.code)].append(e)

    def rank(item: tuple[tuple[str | None, str | None, str], list[EventItem]]) -> tuple[int, int, str]:
        key, rows = item
        return (-len({r.doc.id for r in rows}), -sum(bool(r.realis) for r in rows), str(key))

    # A republished copy is not another source: count it under the story it copies.
    first_copy = {d.id: d.near_copy_of for d in documents if d.near_copy_of is not None}
    out = []
    for (source, target, code), rows in sorted(groups.items(), key=rank)[:TOP_EVENTS]:
        docs = {r.doc.id for r in rows}
        goldstein = rows[0].goldstein
        out.append(
            EventGroup(
                source, target, code, rows, len(docs), len({first_copy.get(d, d) for d in docs}),
                sum(bool(r.realis) for r in rows), f", Goldstein {goldstein:+.1f}" if goldstein is not None else "",
            )
        )
    return out


def render_report(store: Store, summary: list[Count], title: str = "dyad demo report") -> str:
    """The whole report as Markdown."""
    documents = list(store.documents())
    sources = {d.id: Source.of(d) for d in documents}
    corpus = load_corpus(store)
    in_order = sorted(
        documents,
        key=lambda d: (d.published is None, d.published or dt.date.min, d.outlet is None, d.outlet or "", d.id),
    )
    near_copies = [
        NearCopyLine(
            sources[d.id], sources.get(d.near_copy_of), d.near_copy_of,
            f" (similarity {d.near_copy_score:.2f})" if d.near_copy_score is not None else "",
        )
        for d in sorted(documents, key=lambda d: d.id)
        if d.near_copy_of is not None
    ]

    def more(rows: list[Any], command: str) -> str:
        """A closing line when a section shows only the first MAX_ROWS rows."""
        hidden = len(rows) - MAX_ROWS
        return f"- _… {hidden} more; `dyad {command}` lists them all._\n" if hidden > 0 else ""

    def quoted(cited: Cited) -> str:
        return "\u201c" + _md(cited.words) + "\u201d"

    def cite(item: Placed) -> str:
        return sources[item.doc.id].cite()

    return render(
        "report.md",
        {"md": _md, "quoted": quoted},
        title=title,
        path=store.path,
        summary=summary,
        documents=[DocumentLine(sources[d.id], derived_fields(d)[2]) for d in in_order],
        events=_event_groups(corpus.events, documents),
        quotes=sorted(corpus.quotes, key=lambda q: (q.speaker is None, q.speaker or "", q.doc.id, q.idx)),
        claims=sorted(corpus.claims, key=lambda c: (c.unit, c.value, c.doc.id, c.idx)),
        relations=sorted(corpus.relations, key=lambda r: (r.a, r.b, r.type, r.doc.id, r.idx)),
        near_copies=near_copies,
        evidence_per_event=EVIDENCE_PER_EVENT,
        max_rows=MAX_ROWS,
        more=more,
        cite=cite,
    )


def write_report(store: Store, summary: list[Count], path: Path) -> Path:
    """Write the report to `path` (creating its folder) and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_report(store, summary), encoding="utf-8")
    return path
