"""What fusion reads: every item with its document and the words it cites, one statement per kind.

With a pair of states the corpus is what fusion needs for that dyad only: its
events and relations, the quotes, sentences and claims of the documents that
report it, and every claim about either state wherever it appears (it may
corroborate one of theirs).
"""

from __future__ import annotations

import re
from typing import Any

from dyad.records import Document
from dyad.store.db import Store, source_name
from dyad.store.expressions import OUTLET_SQL
from dyad.stored import Cited, ClaimItem, Corpus, DocInfo, EventItem, QuoteItem, RelationItem, SentenceItem

# How listings name a document: the input's own id, else the file it came from (not a record's
# line in a file of records), else its title, else its id.
DOC_NAME_SQL = (
    "coalesce(d.ref, CASE WHEN regexp_matches(coalesce(d.source_name, ''), '(:[0-9]+|\\[[0-9]+\\])$') "
    "THEN NULL ELSE d.source_name END, d.title, d.id)"
)

_LINE_NUMBERED = re.compile(r"(:[0-9]+|\[[0-9]+\])$")


def document_name(document: Document) -> str:
    """What DOC_NAME_SQL gives for a document: its own id, a file name that is no line number, its title, its id."""
    name = source_name(document.source)
    if name and _LINE_NUMBERED.search(name):
        name = None
    return document.ref or name or document.title or document.id


Pair = tuple[str, str]


def _cited(doc: DocInfo, start: int | None, end: int | None, words: str | None) -> Cited:
    return Cited(doc.id, doc.outlet, doc.title, doc.published, start or 0, end or 0, words or "")


def _span(alias: str) -> str:
    return f'substr(d.text, {alias}."start" + 1, {alias}."end" - {alias}."start")'


def _between(a: str, b: str, pair: Pair | None) -> tuple[str, list[Any]]:
    """Rows between the two states of `pair`, either direction; everything without a pair."""
    if pair is None:
        return "TRUE", []
    return f"{a} IN (?, ?) AND {b} IN (?, ?) AND {a} <> {b}", [*pair, *pair]


def _in_scope(alias: str, pair: Pair | None) -> tuple[str, list[Any]]:
    """Rows of documents with an event or relation between the pair."""
    if pair is None:
        return "TRUE", []
    events, p1 = _between("source", "target", pair)
    relations, p2 = _between("a", "b", pair)
    return (
        f"{alias}.doc_id IN (SELECT doc_id FROM events WHERE {events} "
        f"UNION SELECT doc_id FROM relations WHERE {relations})",
        [*p1, *p2],
    )


def load_docs(store: Store) -> dict[str, DocInfo]:
    rows = store.rows(f"SELECT d.id, {OUTLET_SQL} AS outlet, d.title, d.published, d.near_copy_of FROM documents d")
    return {r["id"]: DocInfo(r["id"], r["outlet"], r["title"], r["published"], r["near_copy_of"]) for r in rows}


def load_events(store: Store, docs: dict[str, DocInfo], pair: Pair | None = None) -> list[EventItem]:
    where, params = _between("e.source", "e.target", pair)
    rows = store.rows(
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


def load_claims(store: Store, docs: dict[str, DocInfo], pair: Pair | None = None) -> list[ClaimItem]:
    where, params = _in_scope("c", pair)
    if pair is not None:  # figures about either state corroborate wherever they appear
        where = f"({where} OR list_has_any(c.actors, [?, ?]))"
        params = [*params, *pair]
    rows = store.rows(
        f"""SELECT c.*, {_span('c')} AS words FROM claims c JOIN documents d ON d.id = c.doc_id
        WHERE {where} ORDER BY c.doc_id, c.idx""",
        params,
    )
    return [
        ClaimItem(
            doc=docs[r["doc_id"]], idx=r["idx"], value=float(r["value"]), unit=r["unit"] or "",
            cited=_cited(docs[r["doc_id"]], r["start"], r["end"], r["words"]), approx=bool(r["approx"]),
            about=r["about"], actors=tuple(r["actors"] or ()), asserted_by=r["asserted_by"],
            qualifier=r["qualifier"], bound=r["bound"],
        )
        for r in rows
    ]


def load_relations(store: Store, docs: dict[str, DocInfo], pair: Pair | None = None) -> list[RelationItem]:
    where, params = _between("r.a", "r.b", pair)
    rows = store.rows(
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


def load_quotes(store: Store, docs: dict[str, DocInfo], pair: Pair | None = None) -> list[QuoteItem]:
    where, params = _in_scope("q", pair)
    rows = store.rows(
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
            kind=r["kind"] or "direct",
        )
        for r in rows
    ]


def load_sentences(store: Store, docs: dict[str, DocInfo], pair: Pair | None = None) -> list[SentenceItem]:
    where, params = _in_scope("s", pair)
    rows = store.rows(
        f"SELECT s.doc_id, s.idx, {_span('s')} AS words FROM sentences s JOIN documents d ON d.id = s.doc_id"
        f" WHERE {where} ORDER BY s.doc_id, s.idx",
        params,
    )
    return [SentenceItem(docs[r["doc_id"]], r["idx"], r["words"] or "") for r in rows]


def load_corpus(store: Store, pair: Pair | None = None) -> Corpus:
    """Everything, or (with a pair of states) what fusion needs for that dyad (see the module docstring)."""
    docs = load_docs(store)
    return Corpus(
        docs=docs,
        events=load_events(store, docs, pair),
        claims=load_claims(store, docs, pair),
        relations=load_relations(store, docs, pair),
        quotes=load_quotes(store, docs, pair),
        sentences=load_sentences(store, docs, pair),
    )
