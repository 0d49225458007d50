"""The records the store gives back: stored items with their document and the words they cite.

`records.py` holds what flows into the store (a Document, its DocExtraction);
this module holds what comes out of it, defined once for every reader: the
items fusion works on (events, claims, relations, quotes and sentences, each
with its `DocInfo` and `Cited` words), the rows of the listings the CLI and the
library print, and the aggregates of the dyad and network analyses. They are
frozen dataclasses, so fusion rules stay pure functions that tests can feed by
hand; `as_dict()` gives the plain row a table, JSON or CSV writer needs.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, fields
from typing import Any


class Row:
    """Mixin: the record as a plain dict, field by field, in declaration order."""

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}  # type: ignore[arg-type]


@dataclass(frozen=True)
class Dyad:
    """A pair of states; undirected unless asked otherwise."""

    a: str
    b: str
    directed: bool = False

    @classmethod
    def parse(cls, text: str, directed: bool = False) -> Dyad:
        parts = [p.strip().upper() for p in re.split(r"[-~/>]", text) if p.strip()]
        if len(parts) != 2 or not all(len(p) == 3 and p.isalpha() for p in parts):
            raise ValueError(f"{text!r}: a dyad is two ISO 3166 alpha-3 codes, e.g. KOR-CHN")
        return cls(parts[0], parts[1], directed)

    @property
    def label(self) -> str:
        return f"{self.a}-{self.b}" if self.directed else f"{self.a}~{self.b}"

    @property
    def pair(self) -> tuple[str, str]:
        return (self.a, self.b)

    def covers(self, source: str | None, target: str | None) -> bool:
        if self.directed:
            return (source, target) == (self.a, self.b)
        return {source, target} == {self.a, self.b}

    def touches(self, actors: tuple[str, ...] | list[str]) -> bool:
        return not actors or bool({self.a, self.b} & set(actors))


# -- the items fusion works on ------------------------------------------------------------


@dataclass(frozen=True)
class DocInfo:
    """What fusion needs to know about a document."""

    id: str
    outlet: str
    title: str | None = None
    published: dt.date | None = None
    near_copy_of: str | None = None

    @property
    def copy_root(self) -> str:
        """The first copy of a republished story (itself when it is an original)."""
        return self.near_copy_of or self.id


@dataclass(frozen=True)
class Cited:
    """A span of one document with its words, enough to cite it."""

    doc_id: str
    outlet: str
    title: str | None
    published: dt.date | None
    start: int
    end: int
    words: str

    def citation(self) -> str:
        name = self.title or self.outlet
        source = name if name == self.outlet else f"{self.outlet}, \u201c{name}\u201d"
        day = f", {self.published.isoformat()}" if self.published else ""
        return f"{source}{day}"


def event_date(when: str | None, published: dt.date | None) -> dt.date | None:
    """The day an event is placed on: its own day, else its document's date.

    A month or year (`2026-01`, `2026`) is the publication day when that falls in
    the period, else the first day of the period. The store's SQL follows the same rule.
    """
    if not when:
        return published
    try:
        if len(when) == 10:
            return dt.date.fromisoformat(when)
        if published is not None and published.isoformat().startswith(when):
            return published
        if len(when) == 7:
            return dt.date.fromisoformat(when + "-01")
        if len(when) == 4:
            return dt.date(int(when), 1, 1)
    except ValueError:
        pass
    return published


@dataclass(frozen=True)
class EventItem:
    doc: DocInfo
    idx: int
    source: str | None
    target: str | None
    code: str
    root: str
    realis: bool
    cited: Cited  # the sentence
    trigger: str = ""
    modality: str = "asserted"
    negated: bool = False
    when: str | None = None
    goldstein: float | None = None
    quad_class: int | None = None
    source_name: str | None = None
    target_name: str | None = None

    @property
    def date(self) -> dt.date | None:
        return event_date(self.when, self.doc.published)

    @property
    def open_future(self) -> bool:
        """A plan or possibility with no date of its own: it lies after its document's date."""
        return not self.realis and not self.negated and self.modality != "negated" and not self.when


@dataclass(frozen=True)
class ClaimItem:
    doc: DocInfo
    idx: int
    value: float
    unit: str
    cited: Cited
    approx: bool = False
    about: str | None = None
    actors: tuple[str, ...] = ()
    asserted_by: str | None = None
    qualifier: str | None = None  # "more than", "nearly": a bound rather than a point


@dataclass(frozen=True)
class RelationItem:
    doc: DocInfo
    idx: int
    a: str
    b: str
    type: str
    polarity: str
    cited: Cited
    directed: bool = False


@dataclass(frozen=True)
class QuoteItem:
    doc: DocInfo
    idx: int
    text: str
    speaker: str | None
    cited: Cited
    speaker_country: str | None = None
    kind: str = "direct"


@dataclass(frozen=True)
class SentenceItem:
    doc: DocInfo
    idx: int
    text: str


@dataclass
class Corpus:
    """Everything fusion reads, loaded once."""

    docs: dict[str, DocInfo] = field(default_factory=dict)
    events: list[EventItem] = field(default_factory=list)
    claims: list[ClaimItem] = field(default_factory=list)
    relations: list[RelationItem] = field(default_factory=list)
    quotes: list[QuoteItem] = field(default_factory=list)
    sentences: list[SentenceItem] = field(default_factory=list)


@dataclass
class DocActor:
    """One document's actor, as stored, with its mention count and its document's date."""

    doc_id: str
    key: str
    name: str
    kind: str
    country: str | None = None
    role: str | None = None
    sector: str | None = None
    code: str | None = None
    aliases: list[str] = field(default_factory=list)
    mentions: int = 0
    published: dt.date | None = None
    why: str | None = None

    @property
    def ref(self) -> tuple[str, str]:
        return (self.doc_id, self.key)

    @property
    def names(self) -> list[str]:
        return [self.name, *[a for a in self.aliases if a != self.name]]


# -- listing rows ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Count(Row):
    """One line of the store's summary."""

    what: str
    count: int


@dataclass(frozen=True)
class EventRow(Row):
    """A stored event with its document, its actors' names and codes, and its sentence."""

    doc_id: str
    doc: str  # the document's file name, else its id
    idx: int
    published: dt.date | None
    url: str | None
    doc_source: str | None
    ingested_at: dt.datetime | None
    when: str | None
    when_precision: str | None
    source: str | None
    target: str | None
    source_actor: str | None
    target_actor: str | None
    source_name: str | None
    source_code: str | None
    source_sector: str | None
    target_name: str | None
    target_code: str | None
    target_sector: str | None
    code: str
    root: str
    quad_class: int | None
    goldstein: float | None
    plover: str | None
    realis: bool
    modality: str
    negated: bool
    trigger: str
    evidence: str  # the sentence's words
    start: int
    end: int
    trigger_start: int | None
    trigger_end: int | None
    sentence_index: int  # sentences of the document before this one


@dataclass(frozen=True)
class QuoteRow(Row):
    doc_id: str
    doc: str
    idx: int
    published: dt.date | None
    outlet: str | None
    speaker: str | None
    speaker_country: str | None
    kind: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class ClaimRow(Row):
    doc_id: str
    doc: str
    idx: int
    published: dt.date | None
    outlet: str | None
    value: float
    unit: str
    approx: bool
    qualifier: str | None
    about: str | None
    actors: list[str]
    asserted_by: str | None
    evidence: str
    start: int
    end: int


@dataclass(frozen=True)
class RelationRow(Row):
    doc_id: str
    doc: str
    idx: int
    published: dt.date | None
    outlet: str | None
    a: str
    b: str
    type: str
    polarity: str
    directed: bool
    evidence: str
    start: int
    end: int


@dataclass(frozen=True)
class Appearance(Row):
    """One document's view of an actor: its role and country there, and its first mention in context."""

    published: dt.date | None
    doc_id: str
    source: str
    role: str | None
    country: str | None
    mentions: int
    evidence: str | None
    start: int | None
    end: int | None
    why: str | None


@dataclass(frozen=True)
class ActorQuote(Row):
    """A quotation an actor is the speaker of."""

    published: dt.date | None
    source: str
    text: str
    kind: str


# -- aggregates -----------------------------------------------------------------------------


@dataclass(frozen=True)
class TrendRow(Row):
    """Realis events of one period (and outlet, when asked per outlet) by QuadClass, with Goldstein."""

    period: dt.date
    outlet: str | None
    n_events: int
    q1_verbal_coop: int
    q2_material_coop: int
    q3_verbal_conflict: int
    q4_material_conflict: int
    goldstein_sum: float | None
    goldstein_mean: float | None


@dataclass(frozen=True)
class DyadRow(Row):
    """One dyad's realis events by QuadClass, with Goldstein and the days it spans."""

    dyad: str
    n_events: int
    n_documents: int
    q1_verbal_coop: int
    q2_material_coop: int
    q3_verbal_conflict: int
    q4_material_conflict: int
    goldstein_sum: float | None
    goldstein_mean: float | None
    first_day: dt.date | None
    last_day: dt.date | None


@dataclass(frozen=True)
class GoldsteinWindows:
    """Mean Goldstein and event counts of two consecutive windows."""

    recent_mean: float | None
    recent_n: int
    previous_mean: float | None
    previous_n: int


@dataclass(frozen=True)
class Edge(Row):
    """Realis events from one node to another, near-copies left out."""

    source: str
    target: str
    n_events: int
    goldstein_sum: float | None
