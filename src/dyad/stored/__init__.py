"""The records the store gives back, defined once for every reader.

`dyad.records` holds what flows into the store (a Document, its DocExtraction);
`dyad.stored` holds what comes out of it: the items fusion works on (`items`:
events, claims, relations, quotes and sentences, each with its `DocInfo` and
`Cited` words, and the document actors), and the rows of the listings and
aggregates the CLI and the library print (`rows`). They are frozen dataclasses,
so fusion rules stay pure functions that tests can feed by hand; a row's
`as_dict()` gives the plain dict a table, JSON or CSV writer needs.
"""

from dyad.stored.items import (
    Cited,
    ClaimItem,
    Corpus,
    DocActor,
    DocInfo,
    Dyad,
    EventItem,
    QuoteItem,
    RelationItem,
    SentenceItem,
    event_date,
)
from dyad.stored.rows import (
    ActorQuote,
    Appearance,
    ClaimRow,
    Count,
    DyadRow,
    Edge,
    EventRow,
    FacetCount,
    FailureRow,
    GoldsteinWindows,
    QuoteRow,
    RelationRow,
    Row,
    SearchHit,
    TrendRow,
)

__all__ = [
    "ActorQuote", "Appearance", "Cited", "ClaimItem", "ClaimRow", "Corpus", "Count", "DocActor", "DocInfo", "Dyad",
    "DyadRow", "Edge", "EventItem", "EventRow", "FacetCount", "FailureRow", "GoldsteinWindows", "QuoteItem", "QuoteRow",
    "RelationItem", "RelationRow", "Row", "SearchHit", "SentenceItem", "TrendRow", "event_date",
]
