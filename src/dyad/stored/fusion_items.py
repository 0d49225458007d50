"""What fusion works on, as the store gives it: reports of events, claims and relations with their source.

Plain frozen dataclasses, so the fusion rules stay pure functions a test can
feed by hand. `span` is the days an item allows (see `dyad.fuse.time`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

Span = tuple[dt.date, dt.date]


@dataclass(frozen=True)
class DocSource:
    """One document as fusion counts it: its outlet and the independent source it belongs to."""

    doc_id: str
    outlet: str | None
    outlet_key: str | None
    outlet_from: str | None  # metadata (an outlet field or the page's site name) or url
    source_key: str  # the outlet of its original (a near-copy counts as the document it copies)
    original: str  # the document it is a near-copy of, else itself
    published: dt.date | None


@dataclass(frozen=True)
class Report:
    """One event of one document, as story linking compares it."""

    doc_id: str
    idx: int
    family: str
    a: str
    b: str
    directed: bool
    code: str
    root: str
    realis: bool
    denied: bool  # the text says it did not or will not happen
    modality: str
    when: str | None
    background: bool
    span: Span | None
    own_time: bool
    published: dt.date | None
    source_key: str
    outlet: str | None
    stem: str
    words: str  # content words of its sentence
    source_name: str | None  # normalised names of the people or bodies on each side, when named
    target_name: str | None
    goldstein: float | None = None
    quad_class: int | None = None
    length: int = 0  # characters of its sentence
    cluster: str | None = None  # the stored group it belongs to; None for a new report
    when_until: str | None = None  # the end of a period `when` starts ("during X's presidency")

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.family, self.a, self.b)


@dataclass(frozen=True)
class ClaimFeature:
    """One numeric claim, as figure grouping compares it."""

    doc_id: str
    idx: int
    value: float
    unit: str  # normalised
    approx: bool
    qualifier: str | None
    about: str | None
    words: str  # content words of `about` that are not the unit's own
    actors: tuple[str, ...]  # sorted
    published: dt.date | None
    source_key: str
    span: Span | None
    cluster: str | None = None
    original: str = ""  # the document it is a near-copy of, else its own
    # `span` is the claim's own time when its text gives one ("in 2019", "since 2016"), else its publication day
    own_time: bool = False
    period: bool = False  # its own time is a period it totals ("since 2016", "in the first quarter")

    @property
    def block(self) -> str:
        """Unit, states and the month of publication: only claims of one block can be one figure."""
        month = self.published.isoformat()[:7] if self.published else "undated"
        return f"{self.unit}|{','.join(self.actors)}|{month}"


@dataclass(frozen=True)
class RelationFeature:
    """One standing relation asserted or denied by one document."""

    doc_id: str
    idx: int
    block: str  # type|a|b, the pair sorted for symmetric types
    type: str
    a: str
    b: str
    polarity: str
    published: dt.date | None
    source_key: str
    original: str = ""


@dataclass(frozen=True)
class ContradictionItem:
    """A contradiction as fusion finds it, before it is stored: two items and what each says."""

    kind: str
    ref: str
    subject: str
    a: str
    b: str
    first_doc: str
    first_table: str
    first_idx: int
    first_says: str
    second_doc: str
    second_table: str
    second_idx: int
    second_says: str
    day: dt.date | None

    @property
    def id(self) -> str:
        text = f"{self.kind}|{self.ref}|{self.first_doc}|{self.first_idx}|{self.second_doc}|{self.second_idx}"
        return "C" + hashlib.sha1(text.encode()).hexdigest()[:12]
