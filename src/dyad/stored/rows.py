"""Rows of the listings and aggregates read from the store, each with `as_dict()` for printing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any


class Row:
    """Mixin: the record as a plain dict, field by field, in declaration order."""

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}  # type: ignore[arg-type]


# -- listing rows ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Count(Row):
    """One line of the store's summary."""

    what: str
    count: int


@dataclass(frozen=True)
class FailureRow(Row):
    """A document whose extraction failed: a re-run of the ingest tries it again."""

    doc_id: str
    source: str | None
    title: str | None
    stage: str
    reason: str
    attempts: int
    first_failed: dt.datetime
    last_failed: dt.datetime


@dataclass(frozen=True)
class EventRow(Row):
    """A stored event with its document, its actors' names and codes, and its sentence."""

    doc_id: str
    doc: str  # the input's own id, else its file name, else its title, else its id
    doc_ref: str | None  # the input's own id for the document
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
    source_start: int | None  # the words naming the source party
    source_end: int | None
    target_start: int | None  # the words naming the target party
    target_end: int | None
    sentence_index: int  # sentences of the document before this one
    when_until: str | None = None  # the end of a period `when` starts ("during X's presidency")


@dataclass(frozen=True)
class QuoteRow(Row):
    doc_id: str
    doc: str
    doc_ref: str | None
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
    doc_ref: str | None
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
    bound: str | None = None  # "lower" ("more than 10", a range's low end) or "upper"
    expected: bool = False  # a forecast or plan, not a reported figure
    figure: str = ""  # the figure as it reads, qualifier and all: "more than 10 agreements"
    when: str | None = None  # the claim's own time ("in 2019", "by 2030"); None when its text gives none
    when_precision: str | None = None
    when_until: str | None = None  # the end of a period `when` starts ("since 2016")
    when_text: str | None = None  # the words the time was read from


@dataclass(frozen=True)
class RelationRow(Row):
    doc_id: str
    doc: str
    doc_ref: str | None
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


@dataclass(frozen=True)
class SearchHit(Row):
    """A document or a quotation found by full-text search, with its BM25 score."""

    kind: str  # "document" or "quote"
    doc_id: str
    idx: int  # -1 for a document, else the quotation's idx
    doc: str
    title: str | None
    outlet: str | None
    url: str | None
    published: dt.date | None
    speaker: str | None
    quote_kind: str | None
    matched: int  # how many of the query's words it has
    score: float
    snippet: str  # the words around the first match (a quotation whole)
    start: int  # where the snippet starts and ends in the document's text
    end: int


@dataclass(frozen=True)
class FacetCount(Row):
    """How many of the listed events have one value of one facet."""

    facet: str
    value: str
    n: int


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
