"""Rows of the fusion tables as listings read them: stories and their mentions, figures, contradictions, outlets.

Each row carries what a reader needs to cite it without another query: the
words of its evidence, its document's outlet, title, date and URL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any

from dyad.stored.rows import Row


@dataclass(frozen=True)
class StoryRow(Row):
    """One real-world event and what its reports say together (a row of `stories`)."""

    id: str
    family: str  # CAMEO code family (consult, agree, ...; a root when no family lists the code)
    a: str  # the source state; for symmetric families the pair in alphabetical order
    b: str
    directed: bool
    root: str  # the most reported CAMEO root
    codes: list[str]
    when: str | None  # the event's own time (YYYY-MM-DD, YYYY-MM, YYYY); None when no report dates it
    when_precision: str | None  # day, month, year
    when_start: dt.date | None  # first and last day the reports place it on
    when_end: dt.date | None
    status: str  # happened (some report says so), planned (only plans or expectations), denied
    disputed: bool  # a source writing after its day says it only was planned, or did not happen
    background: bool  # only ever recalled as history, never reported as news
    n_mentions: int
    n_documents: int
    n_sources: int  # independent sources (an outlet counts once, a near-copy as its original)
    n_happened: int  # independent sources saying it happened
    n_planned: int  # independent sources giving it only as planned, expected or possible
    n_denied: int  # independent sources saying it did not happen
    first_seen: dt.date | None  # publication days of its first and last report
    last_seen: dt.date | None
    outlets: list[str]
    goldstein: float | None
    quad_class: int | None
    lead_doc: str  # the report to quote: (document id, event idx)
    lead_idx: int
    evidence: str = ""  # the lead report's sentence
    url: str | None = None  # the lead document's URL
    title: str | None = None  # the lead document's title
    when_until: str | None = None  # the end of a period `when` starts ("during X's presidency"); None otherwise

    @property
    def dyad(self) -> str:
        """KOR-CHN, one notation for directed and undirected stories alike (`directed` says which)."""
        return f"{self.a}-{self.b}"

    @property
    def single_source(self) -> bool:
        return self.n_sources == 1

    @property
    def period(self) -> str | None:
        """Its own time as text: `when`, or `when..when_until` for a period ("during X's presidency")."""
        return f"{self.when}..{self.when_until}" if self.when and self.when_until else self.when

    def as_dict(self) -> dict[str, Any]:
        row = super().as_dict()
        row["dyad"] = self.dyad
        row["single_source"] = self.single_source
        return row


@dataclass(frozen=True)
class MentionRow(Row):
    """One report of a story: an event of one document (a row of `story_mentions` with its event)."""

    story_id: str
    doc_id: str
    doc: str  # the document's file name, else its id
    idx: int  # the event's idx in `events`
    published: dt.date | None
    outlet: str | None
    url: str | None
    title: str | None
    source: str | None
    target: str | None
    code: str
    root: str
    realis: bool
    modality: str
    negated: bool
    when: str | None  # the time this report gives, None when it gives none
    when_text: str | None
    background: bool
    day_lo: dt.date | None  # the days this report allows: its own time, else bounded by publication
    day_hi: dt.date | None
    own_time: bool
    goldstein: float | None
    evidence: str
    start: int
    end: int
    when_until: str | None = None  # the end of a period `when` starts


@dataclass
class StoryDetail:
    """One story with every report of it and the contradictions about it."""

    story: StoryRow
    mentions: list[MentionRow] = field(default_factory=list)
    contradictions: list[ContradictionRow] = field(default_factory=list)


@dataclass(frozen=True)
class FigureRow(Row):
    """One measured thing and its consensus value (a row of `figures`)."""

    id: str
    unit: str
    actors: list[str]
    about: str | None
    value: float  # the value most independent sources give
    qualifier: str | None  # how its sources qualify it ("about", "more than"), joined
    approx: bool
    n_claims: int
    n_sources: int  # independent sources giving the consensus value
    n_sources_all: int  # independent sources giving any value
    n_values: int  # distinct values given (1 when everyone agrees)
    single_source: bool
    first_seen: dt.date | None
    last_seen: dt.date | None
    outlets: list[str]
    lead_doc: str
    lead_idx: int
    evidence: str = ""
    url: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class FigureClaimRow(Row):
    """One claim of a figure, with whether it agrees with the consensus."""

    figure_id: str
    doc_id: str
    doc: str
    idx: int
    published: dt.date | None
    outlet: str | None
    url: str | None
    value: float
    unit: str
    qualifier: str | None
    approx: bool
    about: str | None
    agrees: bool
    evidence: str
    start: int
    end: int


@dataclass
class FigureDetail:
    figure: FigureRow
    claims: list[FigureClaimRow] = field(default_factory=list)


@dataclass(frozen=True)
class Side:
    """One side of a contradiction: the item, what it says, and where."""

    doc_id: str
    doc: str
    outlet: str | None
    title: str | None
    published: dt.date | None
    url: str | None
    table: str  # claims, relations or events
    idx: int
    says: str
    words: str  # the sentence or claim span
    start: int
    end: int

    def citation(self) -> str:
        """Outlet, title and date, as a briefing cites a document."""
        name = self.title or self.outlet or self.doc
        source = name if name == self.outlet or not self.outlet else f"{self.outlet}, \u201c{name}\u201d"
        day = f", {self.published.isoformat()}" if self.published else ""
        return f"{source}{day}"


@dataclass(frozen=True)
class ContradictionRow(Row):
    """Two documents that cannot both be right about one thing (a row of `contradictions`)."""

    id: str
    kind: str  # figure, relation, realis
    ref: str  # the figure id, relation key or story id it is about
    subject: str
    a: str
    b: str
    day: dt.date | None  # the later publication day of the two
    first: Side
    second: Side

    def as_dict(self) -> dict[str, Any]:
        row: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("first", "second")}
        for name, side in (("first", self.first), ("second", self.second)):
            row.update({f"{name}_{f.name}": getattr(side, f.name) for f in fields(side)})
        return row


@dataclass(frozen=True)
class OutletRow(Row):
    """One outlet in scope: what it reports, what it alone reports, its tone and speculation index."""

    outlet: str  # the outlet's name; "(unknown outlet)" for documents with no outlet, site name or URL
    outlet_from: str | None  # metadata or url
    n_documents: int
    n_events: int
    n_realis: int
    n_stories: int
    n_only: int  # stories no other independent source reports
    mean_goldstein: float | None
    irrealis_share: float | None
    single_source_claim_share: float | None
    speculative_sentence_share: float | None
    n_claims: int
    n_sentences: int
    speculation_index: float | None
    first_published: dt.date | None = None  # the first and last day its documents in scope were published
    last_published: dt.date | None = None


@dataclass(frozen=True)
class Shown:
    """How many of a listing's rows a view shows, so a cut is never silent."""

    shown: int
    total: int

    def __str__(self) -> str:
        return f"{self.shown} of {self.total}" if self.shown < self.total else f"all {self.total}"
