"""Stored items with their document and cited words, as fusion reads them; the dyad a query is about."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from dyad.figures import figure_text


@dataclass(frozen=True)
class Dyad:
    """A pair of states; undirected unless asked otherwise."""

    a: str
    b: str
    directed: bool = False

    @classmethod
    def parse(cls, text: str, directed: bool = False) -> Dyad:
        parts = [p.strip().upper() for p in re.split(r"[-~/>,\s]", text) if p.strip()]
        if len(parts) != 2 or not all(len(p) == 3 and p.isalpha() for p in parts):
            raise ValueError(f"{text!r}: a dyad is two ISO 3166 alpha-3 codes, e.g. KOR-CHN")
        return cls(parts[0], parts[1], directed)

    @property
    def label(self) -> str:
        """KOR-CHN: one notation for directed and undirected dyads alike."""
        return f"{self.a}-{self.b}"

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
    bound: str | None = None  # "lower" or "upper": the figure is a floor or a ceiling

    @property
    def figure(self) -> str:
        """The figure as it reads, qualifier and all: "more than 10 agreements", never "1e+01"."""
        return figure_text(self.value, self.unit, self.qualifier, self.bound)


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
