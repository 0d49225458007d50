"""The stored items that fusion works on, as plain rows with their quoted evidence.

Fusion rules are pure functions over these dataclasses, so tests build them by
hand; `load_*` reads them from a Store with one SQL statement each.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parents[1] / "data"


@lru_cache(maxsize=1)
def fusion_config() -> dict[str, Any]:
    """The fusion rules data file (families, thresholds, unit aliases)."""
    return yaml.safe_load((DATA / "fusion.yaml").read_text(encoding="utf-8"))


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


def outlet_of(outlet: str | None, title: str | None, source_name: str | None, doc_id: str) -> str:
    """The outlet, else the document title, else the file it came from, else its id."""
    for value in (outlet, title, source_name):
        if value and value.strip():
            return value.strip()
    return doc_id[:12]


def event_date(when: str | None, published: dt.date | None) -> dt.date | None:
    """The day an event is placed on: its own day, else its document's date.

    A month or year (`2026-01`, `2026`) is the publication day when that falls in
    the period, else the first day of the period. Mirrors EVENT_DATE_SQL.
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


# The same rule as event_date, for SQL over `events e JOIN documents d`.
EVENT_DATE_SQL = """CASE
    WHEN e."when" IS NULL THEN d.published
    WHEN length(e."when") = 10 THEN coalesce(try_cast(e."when" AS DATE), d.published)
    WHEN starts_with(CAST(d.published AS VARCHAR), e."when") THEN d.published
    WHEN length(e."when") = 7 THEN coalesce(try_cast(e."when" || '-01' AS DATE), d.published)
    WHEN length(e."when") = 4 THEN coalesce(try_cast(e."when" || '-01-01' AS DATE), d.published)
    ELSE d.published END"""

OUTLET_SQL = "coalesce(nullif(trim(d.outlet), ''), nullif(trim(d.title), ''), d.source_name, left(d.id, 12))"


# -- loading from a store ---------------------------------------------------------


def _cited(doc: DocInfo, start: int | None, end: int | None, words: str | None) -> Cited:
    return Cited(doc.id, doc.outlet, doc.title, doc.published, start or 0, end or 0, words or "")


def load_docs(store: Any) -> dict[str, DocInfo]:
    rows = store.query(
        f"SELECT d.id, {OUTLET_SQL} AS outlet, d.title, d.published, d.near_copy_of FROM documents d"
    )
    return {r["id"]: DocInfo(r["id"], r["outlet"], r["title"], r["published"], r["near_copy_of"]) for r in rows}


def _span(alias: str, start: str = "start", end: str = "end") -> str:
    return f'substr(d.text, {alias}."{start}" + 1, {alias}."{end}" - {alias}."{start}")'


def _pair_filter(a: str, b: str, pair: tuple[str, str] | None) -> tuple[str, list[str]]:
    """SQL keeping rows between the two states of `pair` (either direction), or everything."""
    if pair is None:
        return "TRUE", []
    return f"{a} IN (?, ?) AND {b} IN (?, ?) AND {a} <> {b}", [*pair, *pair]


def _in_scope(alias: str, pair: tuple[str, str] | None) -> tuple[str, list[str]]:
    """SQL keeping rows of documents with an event or relation between the pair."""
    if pair is None:
        return "TRUE", []
    events, p1 = _pair_filter("source", "target", pair)
    relations, p2 = _pair_filter("a", "b", pair)
    return (
        f"{alias}.doc_id IN (SELECT doc_id FROM events WHERE {events} UNION SELECT doc_id FROM relations WHERE {relations})",
        [*p1, *p2],
    )


def load_events(store: Any, docs: dict[str, DocInfo], pair: tuple[str, str] | None = None) -> list[EventItem]:
    where, params = _pair_filter("e.source", "e.target", pair)
    rows = store.query(
        f"""SELECT e.*, {_span('e')} AS words, sa.name AS source_name, ta.name AS target_name
        FROM events e JOIN documents d ON d.id = e.doc_id
        LEFT JOIN actors sa ON sa.doc_id = e.doc_id AND sa.key = e.source_actor
        LEFT JOIN actors ta ON ta.doc_id = e.doc_id AND ta.key = e.target_actor
        WHERE {where}
        ORDER BY e.doc_id, e.idx""",
        params,
    )
    items = []
    for r in rows:
        doc = docs[r["doc_id"]]
        items.append(
            EventItem(
                doc=doc, idx=r["idx"], source=r["source"], target=r["target"], code=r["code"], root=r["root"],
                realis=bool(r["realis"]), cited=_cited(doc, r["start"], r["end"], r["words"]),
                trigger=r["trigger"] or "", modality=r["modality"] or "asserted", negated=bool(r["negated"]),
                when=r["when"], goldstein=r["goldstein"], quad_class=r["quad_class"],
                source_name=r["source_name"], target_name=r["target_name"],
            )
        )
    return items


def load_claims(store: Any, docs: dict[str, DocInfo], pair: tuple[str, str] | None = None) -> list[ClaimItem]:
    where, params = _in_scope("c", pair)
    if pair is not None:  # figures about either state corroborate wherever they appear
        where = f"({where} OR list_has_any(c.actors, [?, ?]))"
        params = [*params, *pair]
    rows = store.query(
        f"""SELECT c.*, {_span('c')} AS words FROM claims c JOIN documents d ON d.id = c.doc_id
        WHERE {where} ORDER BY c.doc_id, c.idx""",
        params,
    )
    return [
        ClaimItem(
            doc=docs[r["doc_id"]], idx=r["idx"], value=float(r["value"]), unit=r["unit"] or "",
            cited=_cited(docs[r["doc_id"]], r["start"], r["end"], r["words"]), approx=bool(r["approx"]),
            about=r["about"], actors=tuple(r["actors"] or ()), asserted_by=r["asserted_by"],
            qualifier=r["qualifier"],
        )
        for r in rows
    ]


def load_relations(store: Any, docs: dict[str, DocInfo], pair: tuple[str, str] | None = None) -> list[RelationItem]:
    where, params = _pair_filter("r.a", "r.b", pair)
    rows = store.query(
        f"""SELECT r.*, {_span('r')} AS words FROM relations r JOIN documents d ON d.id = r.doc_id
        WHERE {where} ORDER BY r.doc_id, r.idx""",
        params,
    )
    return [
        RelationItem(
            doc=docs[r["doc_id"]], idx=r["idx"], a=r["a"], b=r["b"], type=r["type"], polarity=r["polarity"],
            cited=_cited(docs[r["doc_id"]], r["start"], r["end"], r["words"]), directed=bool(r["directed"]),
        )
        for r in rows
    ]


def load_quotes(store: Any, docs: dict[str, DocInfo], pair: tuple[str, str] | None = None) -> list[QuoteItem]:
    where, params = _in_scope("q", pair)
    rows = store.query(
        f"""SELECT q.*, {_span('q')} AS words, a.country AS speaker_country
        FROM quotes q JOIN documents d ON d.id = q.doc_id
        LEFT JOIN actors a ON a.doc_id = q.doc_id AND a.key = q.speaker_actor
        WHERE {where}
        ORDER BY q.doc_id, q.idx""",
        params,
    )
    return [
        QuoteItem(
            doc=docs[r["doc_id"]], idx=r["idx"], text=r["text"] or r["words"] or "", speaker=r["speaker"],
            cited=_cited(docs[r["doc_id"]], r["start"], r["end"], r["words"]), speaker_country=r["speaker_country"],
        )
        for r in rows
    ]


def load_sentences(store: Any, docs: dict[str, DocInfo], pair: tuple[str, str] | None = None) -> list[SentenceItem]:
    where, params = _in_scope("s", pair)
    rows = store.query(
        f"SELECT s.doc_id, s.idx, {_span('s')} AS words FROM sentences s JOIN documents d ON d.id = s.doc_id"
        f" WHERE {where} ORDER BY s.doc_id, s.idx",
        params,
    )
    return [SentenceItem(docs[r["doc_id"]], r["idx"], r["words"] or "") for r in rows]


def load_corpus(store: Any, pair: tuple[str, str] | None = None) -> Corpus:
    """Everything, or (with a pair of states) what fusion needs for that dyad: its events and
    relations, the quotes, sentences and claims of the documents that report it, and every
    claim about either state wherever it appears (it may corroborate one of theirs)."""
    docs = load_docs(store)
    return Corpus(
        docs=docs,
        events=load_events(store, docs, pair),
        claims=load_claims(store, docs, pair),
        relations=load_relations(store, docs, pair),
        quotes=load_quotes(store, docs, pair),
        sentences=load_sentences(store, docs, pair),
    )
