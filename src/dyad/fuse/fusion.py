"""All cross-source results for one scope (a dyad, a period), computed on demand."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dyad.fuse.contradictions import Contradiction, all_contradictions
from dyad.fuse.corroboration import Figure, figures
from dyad.fuse.sources import OutletRow, compare_outlets
from dyad.fuse.stories import Story, build_stories
from dyad.store import Store
from dyad.store.corpus import load_corpus
from dyad.stored import Corpus, DocInfo, Dyad

__all__ = ["Dyad", "Fusion", "fuse", "fuse_store", "in_period", "restrict"]


@dataclass
class Fusion:
    dyad: Dyad | None
    docs: list[DocInfo]
    stories: list[Story] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)
    outlets: list[OutletRow] = field(default_factory=list)
    corpus: Corpus = field(default_factory=Corpus)


def in_period(day: dt.date | None, since: dt.date | None, until: dt.date | None) -> bool:
    """Undated documents stay in any period."""
    if day is None:
        return True
    return (since is None or day >= since) and (until is None or day <= until)


def restrict(corpus: Corpus, since: dt.date | None = None, until: dt.date | None = None) -> Corpus:
    """The documents published in the period, with their items."""
    keep = {i: d for i, d in corpus.docs.items() if in_period(d.published, since, until)}
    return Corpus(
        docs=keep,
        events=[e for e in corpus.events if e.doc.id in keep],
        claims=[c for c in corpus.claims if c.doc.id in keep],
        relations=[r for r in corpus.relations if r.doc.id in keep],
        quotes=[q for q in corpus.quotes if q.doc.id in keep],
        sentences=[s for s in corpus.sentences if s.doc.id in keep],
    )


def fuse(corpus: Corpus, window_days: int = 3, tolerance: float = 0.02, dyad: Dyad | None = None) -> Fusion:
    """Stories, figures, contradictions and outlet rows; narrowed to a dyad when given.

    Corroboration is counted over the whole corpus, so a figure another source
    repeats outside the dyad still counts as corroborated.
    """
    stories = build_stories(corpus.events, window_days)
    figs = figures(corpus.claims, tolerance)
    relations = corpus.relations
    if dyad is not None:
        stories = [s for s in stories if dyad.covers(s.source, s.target) or (not s.directed and {s.source, s.target} == {dyad.a, dyad.b})]
        scope = {e.doc.id for e in corpus.events if dyad.covers(e.source, e.target)}
        scope |= {r.doc.id for r in relations if {r.a, r.b} == {dyad.a, dyad.b}}
        figs = [f for f in figs if any(c.doc.id in scope and dyad.touches(c.actors) for c in f.claims)]
        relations = [r for r in relations if {r.a, r.b} == {dyad.a, dyad.b}]
        events = [e for e in corpus.events if dyad.covers(e.source, e.target)]
        docs = [d for i, d in corpus.docs.items() if i in scope]
    else:
        events = corpus.events
        docs = list(corpus.docs.values())
    ids = {d.id for d in docs}
    contradictions = all_contradictions(figs, relations, stories, tolerance)
    outlets = compare_outlets(
        docs, events, stories, [f for f in figs if any(c.doc.id in ids for c in f.claims)],
        [s for s in corpus.sentences if s.doc.id in ids],
    )
    return Fusion(dyad, docs, stories, figs, contradictions, outlets, corpus)


def fuse_store(
    store: Store,
    window_days: int = 3,
    tolerance: float = 0.02,
    dyad: Dyad | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> Fusion:
    """Fuse what the store holds for the dyad (everything without one), published in the period."""
    corpus = restrict(load_corpus(store, dyad.pair if dyad else None), since, until)
    return fuse(corpus, window_days, tolerance, dyad)
