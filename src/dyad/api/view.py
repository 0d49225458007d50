"""One document with the spans of what was extracted from it, for `dyad show`."""

from __future__ import annotations

from dataclasses import dataclass, field

from dyad.figures import figure_text
from dyad.records import Document
from dyad.store import Store

SPAN_KINDS = ("actor", "trigger", "quote", "figure")


@dataclass(frozen=True)
class Span:
    """Characters of the document and what they are: an actor's mention, an event's trigger, a quote, a figure."""

    kind: str
    start: int
    end: int
    label: str


@dataclass
class DocView:
    document: Document
    spans: list[Span] = field(default_factory=list)

    def of(self, kind: str) -> list[Span]:
        return [s for s in self.spans if s.kind == kind]


def document_view(store: Store, document: Document) -> DocView:
    """The document and the spans of its actor mentions, event triggers, quotations and figures."""
    x = store.extraction(document.id)
    names = {a.key: f"{a.name} ({a.country})" if a.country else a.name for a in x.actors}
    spans = [Span("actor", m.evidence.start, m.evidence.end, names.get(m.actor_key, m.text)) for m in x.mentions]
    spans += [Span("trigger", e.trigger_evidence.start, e.trigger_evidence.end,
                   f"{e.code} {e.source or '?'}->{e.target or '?'}{'' if e.realis else ' (' + e.modality + ')'}")
              for e in x.events]
    spans += [Span("quote", q.evidence.start, q.evidence.end, q.speaker or "unknown speaker") for q in x.quotes]
    spans += [Span("figure", c.evidence.start, c.evidence.end, figure_text(c.value, c.unit, c.qualifier, c.bound)) for c in x.claims]
    spans.sort(key=lambda s: (s.start, -s.end, SPAN_KINDS.index(s.kind)))
    return DocView(document, spans)
