"""What a browser asks of a store beyond the CLI's listings: one document in full, a page of
events with facet counts, an actor's events, full-text search, dyad temperatures at once, a briefing.

`Browsing` is a part of `dyad.Database` (the web app calls these methods, as the
CLI calls the others); it reads through the same store and checks its arguments
the same way, raising `DyadError`s with their codes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from dyad.analyse.dyads import Temperature, background_days
from dyad.api import options as opt
from dyad.api.reads import one_read
from dyad.errors import BAD_CHOICE, BAD_LIMIT, NO_DOCUMENT
from dyad.figures import figure_text
from dyad.fuse.actors import GlobalActor
from dyad.records import Actor, ActorMention, DocExtraction, Document
from dyad.settings import Settings
from dyad.store import Store, browse, listings, search
from dyad.store.corpus import document_name
from dyad.stored import ClaimRow, Dyad, EventRow, FacetCount, QuoteRow, RelationRow, SearchHit

if TYPE_CHECKING:
    from dyad.present.brief import Briefing

EVENT_SORTS: tuple[str, ...] = tuple(browse.SORTS)
SEARCH_KINDS = ("documents", "quotes")
MAX_PAGE = 500


@dataclass
class DocumentView:
    """One document and everything extracted from it, each item with its character offsets."""

    document: Document
    actors: list[Actor]
    mentions: list[ActorMention]
    events: list[EventRow]
    quotes: list[QuoteRow]
    claims: list[ClaimRow]
    relations: list[RelationRow]


@dataclass
class EventPage:
    """One page of the events a filter keeps, how many it keeps, and the facet counts among them."""

    rows: list[EventRow]
    total: int
    limit: int
    offset: int
    sort: str
    facets: dict[str, list[FacetCount]] = field(default_factory=dict)


@dataclass
class SearchPage:
    """The results of one full-text search: the words looked up, how many units match, a page of hits."""

    query: str
    kind: str
    terms: list[str]
    total: int
    limit: int
    offset: int
    hits: list[SearchHit]


def _items(d: Document, x: DocExtraction) -> tuple[list[QuoteRow], list[ClaimRow], list[RelationRow]]:
    """A document's quotes, claims and relations as the listings give them, from its extraction alone."""
    country = {a.key: a.country for a in x.actors}
    base: dict[str, Any] = {"doc_id": d.id, "doc": document_name(d), "doc_ref": d.ref, "published": d.published,
                            "outlet": d.outlet}
    quotes = [QuoteRow(**base, idx=i, speaker=q.speaker, speaker_country=country.get(q.speaker_actor or ""),
                       kind=q.kind, text=q.text, start=q.evidence.start, end=q.evidence.end)
              for i, q in enumerate(x.quotes)]
    claims = [ClaimRow(**base, idx=i, value=c.value, unit=c.unit, approx=c.approx, qualifier=c.qualifier,
                       about=c.about, actors=list(c.actors), asserted_by=c.asserted_by,
                       evidence=d.text[c.evidence.start:c.evidence.end], start=c.evidence.start, end=c.evidence.end,
                       bound=c.bound, expected=c.expected,
                       figure=figure_text(c.value, c.unit, c.qualifier, c.bound))
              for i, c in enumerate(x.claims)]
    relations = [RelationRow(**base, idx=i, a=r.a, b=r.b, type=r.type, polarity=r.polarity, directed=r.directed,
                             evidence=d.text[r.evidence.start:r.evidence.end], start=r.evidence.start,
                             end=r.evidence.end)
                 for i, r in enumerate(x.relations)]
    return quotes, claims, relations


def _page_size(limit: int, offset: int) -> tuple[int, int]:
    if limit < 0 or limit > MAX_PAGE:
        raise BAD_LIMIT("limit", value=limit)
    if offset < 0:
        raise BAD_LIMIT("offset", value=offset)
    return limit, offset


def _quads(values: opt.Values) -> list[int]:
    quads = []
    for v in opt.values(values):
        if v.strip() not in {"1", "2", "3", "4"}:
            raise BAD_CHOICE("quad", value=v, choices="1, 2, 3, 4")
        quads.append(int(v))
    return quads


def _realis(value: str | bool | None) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    if value not in {"yes", "no"}:
        raise BAD_CHOICE("realis", value=value, choices="yes, no")
    return value == "yes"


class Browsing:
    """The browsing methods of `Database` (see the module docstring)."""

    store: Store
    settings: Settings

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Several calls that read one state of the store, on one connection (a web page's reads)."""
        with self.store.reading():
            yield

    def document(self, doc: str) -> DocumentView:
        """One document (an id, id prefix or file name) with its actors, mentions, events, quotes, claims, relations."""
        ids = sorted(listings.document_ids(self.store, doc))
        found = self.store.document(ids[0]) if len(ids) == 1 else None
        if found is None:
            raise NO_DOCUMENT("doc", value=doc)
        x = self.store.extraction(found.id)
        events = browse.event_page(self.store, browse.EventFilter(doc_ids=[found.id]), "position", MAX_PAGE, 0)
        return DocumentView(found, list(x.actors), list(x.mentions), events, *_items(found, x))

    def event_page(
        self, root: opt.Values = None, quad: opt.Values = None, realis: str | bool | None = None,
        outlet: opt.Values = None, country: opt.Values = None, source: opt.Values = None, target: opt.Values = None,
        actor: opt.Values = None, since: opt.Day = None, until: opt.Day = None, doc: str | None = None,
        sort: str = "date", limit: int = 50, offset: int = 0, facets: bool = True,
    ) -> EventPage:
        """A page of events (realis and irrealis unless `realis` is "yes" or "no"), with facet counts.

        Each facet takes one value or several: `root` (01..20), `quad` (1..4), `outlet`,
        `country` (either side), `source`, `target` (ISO3), `actor` (a CAMEO actor code on
        either side); `since`/`until` as for `events`; `sort` is one of EVENT_SORTS.
        """
        opt.choice(sort, EVENT_SORTS, "sort")
        limit, offset = _page_size(limit, offset)
        f = browse.EventFilter(
            roots=opt.roots(root), quads=_quads(quad), realis=_realis(realis), outlets=opt.values(outlet),
            countries=opt.states(country), sources=opt.states(source), targets=opt.states(target),
            actors=opt.states(actor), since=opt.bound(since, "since", end=False),
            until=opt.bound(until, "until", end=True), doc=doc,
        )
        counts: dict[str, list[FacetCount]] = {}
        if facets:
            for c in browse.event_facets(self.store, f):
                counts.setdefault(c.facet, []).append(c)
        rows = browse.event_page(self.store, f, sort, limit, offset)
        # every kept event is realis or not, so the realis facet's two counts add up to them all
        total = sum(c.n for c in counts.get("realis", [])) if facets else browse.event_count(self.store, f)
        return EventPage(rows, total, limit, offset, sort, counts)

    def actor_events(self, actor: GlobalActor, sort: str = "-date", limit: int = 100) -> list[EventRow]:
        """The events an actor (from `actors` or `actor`) is the source or target of, realis or not."""
        opt.choice(sort, EVENT_SORTS, "sort")
        limit, _ = _page_size(limit, 0)
        return browse.event_page(self.store, browse.EventFilter(members=list(actor.members)), sort, limit, 0)

    def search(self, text: str, kind: str = "documents", limit: int = 20, offset: int = 0) -> SearchPage:
        """Full-text search over document titles and texts, or over quotations (`kind="quotes"`), BM25-ranked."""
        opt.choice(kind, SEARCH_KINDS, "kind")
        limit, offset = _page_size(limit, offset)
        quotes = kind == "quotes"
        words = search.terms(self.store, text)
        if not words:
            return SearchPage(text, kind, [], 0, limit, offset, [])
        total, hits = search.search(self.store, text, quotes, limit, offset)
        return SearchPage(text, kind, words, total, limit, offset, hits)

    def temperatures(self, dyads: list[str | Dyad], window: int = 30) -> dict[str, Temperature]:
        """Warming or cooling of several undirected dyads at once, keyed by their label ("CHN-KOR")."""
        scopes = [d for d in (opt.dyad(x) for x in dyads) if d is not None]
        found = browse.dyad_windows(self.store, [d.pair for d in scopes], window, background_days())
        out = {}
        for d in scopes:
            a, b = sorted(d.pair)
            if (a, b) in found:
                until, w = found[(a, b)]
                out[f"{a}-{b}"] = Temperature(until, window, w.recent_mean, w.recent_n, w.previous_mean, w.previous_n)
            else:  # no current event (only history): as `temperature` says, nothing to compare up to today
                out[f"{a}-{b}"] = Temperature(dt.date.today(), window, None, 0, None, 0)
        return out

    @one_read
    def briefing(self, dyad: str | Dyad | None = None, directed: bool = False, since: opt.Day = None,
                 until: opt.Day = None, window: int = 30) -> Briefing:
        """What `brief` writes, as data: stories, quotes, figures, contradictions, outlets and the trend."""
        from dyad.api.fusion import FusionMethods
        from dyad.present.brief import build_briefing

        # a Database is both: the briefing reads its fusion methods
        return build_briefing(cast(FusionMethods, self), opt.dyad(dyad, directed), opt.since(since),
                              opt.until(until), window)

    def store_info(self) -> dict[str, Any]:
        """The store's path, schema version and size (documents), for introspection."""
        return {"path": str(self.store.path), **browse.store_info(self.store)}

