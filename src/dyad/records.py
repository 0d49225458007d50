"""The records that flow between stages, defined once and imported everywhere.

Every extracted item carries an `Evidence` (document id, start, end) pointing at
the characters it came from. Records are pydantic models so they serialise to
JSON, Parquet rows and DuckDB rows without hand-written glue.
"""

from __future__ import annotations

import datetime as dt
import traceback
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

ActorKind = Literal["person", "organization", "state", "group"]
Modality = Literal[
    "asserted",
    "planned",
    "expected",
    "hypothetical",
    "conditional",
    "attempted",
    "desired",
    "demanded",
    "negated",
    "reported",
]
DatePrecision = Literal["day", "month", "year"]
QuoteKind = Literal["direct", "partial", "indirect"]
RelationType = Literal["ally", "partner", "depends_on", "supports", "rival", "neutral"]
Polarity = Literal["+", "-"]
Bound = Literal["lower", "upper"]  # a figure that is a floor ("more than 10") or a ceiling ("up to 10")


class Record(BaseModel):
    """Base for all records: strict fields, no surprises."""

    model_config = ConfigDict(extra="forbid", frozen=False)


class Evidence(Record):
    """A character span of one document."""

    doc_id: str
    start: int
    end: int

    def text(self, doc_text: str) -> str:
        return doc_text[self.start : self.end]


class Document(Record):
    """One ingested text; `id` is the hash of its normalised text."""

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    language: str = "en"
    source: str | None = None  # path, URL or "-" it came from
    near_copy_of: str | None = None  # id of the first copy of a republished story
    near_copy_score: float | None = None
    ref: str | None = None  # the input's own id (a record's `id`, a manifest's or front matter's)
    author: str | None = None
    section: str | None = None
    keywords: list[str] = Field(default_factory=list)
    extra: dict[str, Any] = Field(default_factory=dict)  # every other field the input gave


class Sentence(Record):
    index: int
    evidence: Evidence


class EntityMention(Record):
    """A named-entity span as the spaCy pipeline labelled it."""

    text: str
    label: str
    evidence: Evidence


class Actor(Record):
    """An actor as one document knows it; `key` is unique within the document."""

    key: str
    name: str
    kind: ActorKind
    country: str | None = None  # ISO 3166-1 alpha-3, None for international bodies
    role: str | None = None
    sector: str | None = None  # GOV MIL LEG JUD COP OPP REB BUS MED EDU NGO IGO CVL ELI
    code: str | None = None  # CAMEO-style actor code, country + sector
    aliases: list[str] = Field(default_factory=list)
    why: str | None = None  # how country and role were read


class ActorMention(Record):
    actor_key: str
    text: str
    evidence: Evidence
    how: str = "name"  # name, alias, surname, title, pronoun, metonym, demonym


class Event(Record):
    source_actor: str | None = None  # actor key within the document
    target_actor: str | None = None
    source: str | None = None  # ISO3 of the state the source acts for
    target: str | None = None
    code: str  # CAMEO 3-digit code, e.g. "042"
    root: str  # CAMEO root, "01".."20"
    trigger: str
    realis: bool
    modality: Modality = "asserted"
    negated: bool = False
    when: str | None = None  # ISO date, YYYY-MM or YYYY
    when_precision: DatePrecision | None = None
    goldstein: float | None = None
    quad_class: int | None = None
    plover: str | None = None
    evidence: Evidence  # the sentence
    trigger_evidence: Evidence
    source_evidence: Evidence | None = None
    target_evidence: Evidence | None = None
    # added in schema version 2 (new fields go last: table columns follow field order)
    background: bool = False  # history the document recalls, not news it reports ("since 2016", "when Xi visited")
    when_text: str | None = None  # the words `when` was read from; None when the text gives no time
    # added in schema version 8: a period ("during X's presidency"): `when` is its start, this its end, both at
    # `when_precision`; None for a single day, month or year
    when_until: str | None = None


class Quote(Record):
    text: str
    kind: QuoteKind = "direct"
    speaker: str | None = None  # surface name of the speaker as resolved
    speaker_actor: str | None = None  # actor key
    evidence: Evidence  # the quoted words
    speaker_evidence: Evidence | None = None


class Claim(Record):
    value: float
    unit: str
    approx: bool = False
    qualifier: str | None = None  # about, nearly, more than ...
    about: str | None = None
    actors: list[str] = Field(default_factory=list)  # ISO3 codes the figure is about
    asserted_by: str | None = None  # speaker or outlet
    evidence: Evidence
    # after the evidence, so a store migrated from schema 3 (columns added at the end) keeps the order
    bound: Bound | None = None  # lower: "more than 10", the low end of a range; upper: "up to 10", the high end
    expected: bool = False  # a forecast or plan ("is expected to reach 5 million"), not a reported figure
    # added in schema version 12: the claim's own time when its text gives one ("in 2019", "last year", "by 2030"),
    # resolved against the publication date; `when_until` ends a period `when` starts ("since 2016", "in the first
    # quarter"), both at `when_precision`; None when the text gives no time
    when: str | None = None
    when_precision: DatePrecision | None = None
    when_until: str | None = None
    when_text: str | None = None


class Relation(Record):
    a: str  # ISO3
    b: str
    type: RelationType
    polarity: Polarity = "+"
    directed: bool = False
    evidence: Evidence


class DocExtraction(Record):
    """Everything extracted from one document, with no knowledge of any other."""

    doc_id: str
    model: str
    sentences: list[Sentence] = Field(default_factory=list)
    entities: list[EntityMention] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    mentions: list[ActorMention] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)


REASON_CHARS = 300  # a failure's reason is one line; its traceback carries the rest


class ExtractionFailure(Record):
    """Why extraction of one document failed: what an engine yields instead of its DocExtraction."""

    doc_id: str
    stage: str  # the component that raised, "parse" for the spaCy pipeline, "worker" for a crashed process
    reason: str  # one line: the exception's type and message
    detail: str = ""  # the traceback, shown with --debug

    def line(self) -> str:
        return f"extraction failed: {self.reason} (in {self.stage})"

    @classmethod
    def of(cls, doc_id: str, stage: str, exc: BaseException) -> ExtractionFailure:
        """The failure `exc` caused in `stage`: its type and message on one line, its traceback as detail."""
        message = " ".join(str(exc).split())
        reason = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
        if len(reason) > REASON_CHARS:
            reason = reason[: REASON_CHARS - 3] + "..."
        detail = "".join(traceback.format_exception(exc))
        return cls(doc_id=doc_id, stage=stage, reason=reason, detail=detail)


Extracted = DocExtraction | ExtractionFailure
