"""The library's methods across sources: stories, mentions, figures, contradictions, outlets, and fusing.

Listings read the fusion tables (filtered, ordered and cut in SQL); nothing
here recomputes fusion over the corpus. `fuse` and `refresh_fusion` are the
writers, for documents stored without fusion, a rebuild, or documents whose
metadata changed; `fusion_problems` says whether the tables agree with their
sources.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from dyad.api import options as opt
from dyad.api.reads import one_read
from dyad.errors import NO_FIGURE, NO_STORY, STORE_READ_ONLY
from dyad.fuse.config import speculative_modalities
from dyad.fuse.sources import speculation_index
from dyad.fuse.update import FusionUpdate
from dyad.settings import Settings
from dyad.store import Store, fusion_rows, source_rows, story_rows
from dyad.stored import Dyad
from dyad.stored.fusion import (
    ContradictionRow,
    FigureDetail,
    FigureRow,
    MentionRow,
    OutletRow,
    Shown,
    StoryDetail,
    StoryRow,
)

CONTRADICTION_KINDS = ("figure", "relation", "realis")
STORY_STATUSES = ("happened", "planned", "denied")


@dataclass
class Fusion:
    """What a briefing shows across sources for one scope, with how much of each listing it holds."""

    dyad: Dyad | None
    since: dt.date | None
    until: dt.date | None
    stories: list[StoryRow] = field(default_factory=list)
    background: list[StoryRow] = field(default_factory=list)
    figures: list[FigureRow] = field(default_factory=list)
    contradictions: list[ContradictionRow] = field(default_factory=list)
    outlets: list[OutletRow] = field(default_factory=list)
    shown: dict[str, Shown] = field(default_factory=dict)  # per listing: rows shown of rows in scope


def _pair(scope: Dyad | None) -> tuple[str, str] | None:
    return scope.pair if scope else None


class FusionMethods:
    """Mixed into `dyad.Database`: everything read from or written to the fusion tables."""

    settings: Settings
    store: Store
    read_only: bool

    # -- stories -----------------------------------------------------------------------------------------

    @one_read
    def stories(
        self, dyad: str | Dyad | None = None, directed: bool = False, since: opt.Day = None, until: opt.Day = None,
        min_sources: int = 1, limit: int | None = None, status: str | None = None,
        background: bool | None = False, offset: int = 0,
    ) -> list[StoryRow]:
        """Stories (one real event, every report of it), most independent sources first.

        `since`/`until` (YYYY, YYYY-MM or YYYY-MM-DD) keep stories whose own time, else the days they
        were reported, overlap the period; `background=False` (the default) leaves out stories only
        ever recalled as history, `True` keeps only those, `None` keeps all.
        """
        scope = opt.dyad(dyad, directed)
        opt.choice(status, STORY_STATUSES, "status")
        return story_rows.stories(
            self.store, _pair(scope), bool(scope and scope.directed), opt.bound(since, "since", end=False),
            opt.bound(until, "until", end=True), min_sources, status, background, opt.limit(limit), offset,
        )

    @one_read
    def story_count(
        self, dyad: str | Dyad | None = None, directed: bool = False, since: opt.Day = None, until: opt.Day = None,
        min_sources: int = 1, status: str | None = None, background: bool | None = False,
    ) -> int:
        """How many stories `stories` would list without a limit."""
        scope = opt.dyad(dyad, directed)
        return story_rows.story_count(
            self.store, _pair(scope), bool(scope and scope.directed), opt.bound(since, "since", end=False),
            opt.bound(until, "until", end=True), min_sources, status, background,
        )

    @one_read
    def story(self, story: str) -> StoryDetail:
        """One story with every report of it and the contradictions about it; DY209 when there is none."""
        row = story_rows.story(self.store, story)
        if row is None:
            raise NO_STORY("story", value=story)
        return StoryDetail(row, story_rows.mentions(self.store, story_id=story),
                           fusion_rows.contradictions_about(self.store, story))

    @one_read
    def story_mentions(
        self, story: str | None = None, dyad: str | Dyad | None = None, directed: bool = False,
        since: opt.Day = None, until: opt.Day = None, doc: str | None = None, limit: int | None = None,
    ) -> list[MentionRow]:
        """Reports of stories, one per event (GDELT's mentions table): of a story, a dyad, a document, or
        published in a period."""
        scope = opt.dyad(dyad, directed)
        return story_rows.mentions(
            self.store, story, _pair(scope), bool(scope and scope.directed), opt.bound(since, "since", end=False),
            opt.bound(until, "until", end=True), doc, opt.limit(limit),
        )

    @one_read
    def story_sources(
        self, story: str, dyad: str | Dyad | None = None, directed: bool = False, since: opt.Day = None,
        until: opt.Day = None,
    ) -> list[dict[str, Any]]:
        """How each outlet reports one story: its documents, reports, codes, what it says, its tone."""
        detail = self.story(story)
        rows: dict[str, dict[str, Any]] = {}
        for m in detail.mentions:
            outlet = m.outlet or source_rows.UNKNOWN_OUTLET
            row = rows.setdefault(outlet, {"story": story, "outlet": outlet, "docs": set(), "n_mentions": 0,
                                           "codes": set(), "realis": False, "modalities": set(), "goldstein": [],
                                           "evidence": m.evidence})
            row["docs"].add(m.doc_id)
            row["n_mentions"] += 1
            row["codes"].add(m.code)
            row["realis"] |= m.realis
            row["modalities"].add("did not happen" if m.negated else m.modality)
            if m.goldstein is not None:
                row["goldstein"].append(m.goldstein)
        return [
            {"story": story, "outlet": o, "n_documents": len(r["docs"]), "n_mentions": r["n_mentions"],
             "codes": sorted(r["codes"]), "says": "happened" if r["realis"] else "/".join(sorted(r["modalities"])),
             "mean_goldstein": sum(r["goldstein"]) / len(r["goldstein"]) if r["goldstein"] else None,
             "evidence": r["evidence"]}
            for o, r in sorted(rows.items())
        ]

    # -- figures and contradictions ------------------------------------------------------------------------

    @one_read
    def figures(
        self, dyad: str | Dyad | None = None, directed: bool = False, since: opt.Day = None, until: opt.Day = None,
        single_source: bool = False, limit: int | None = None, unit: str | None = None,
    ) -> list[FigureRow]:
        """Figures (one measured thing, its consensus value), the most independent sources first; with a
        dyad, those about either state, reported in the period."""
        scope = opt.dyad(dyad, directed)
        return fusion_rows.figures(self.store, _pair(scope), opt.bound(since, "since", end=False),
                                   opt.bound(until, "until", end=True), single_source, unit, opt.limit(limit))

    @one_read
    def figure_count(
        self, dyad: str | Dyad | None = None, directed: bool = False, since: opt.Day = None, until: opt.Day = None,
        single_source: bool = False, unit: str | None = None,
    ) -> int:
        scope = opt.dyad(dyad, directed)
        return fusion_rows.figure_count(self.store, _pair(scope), opt.bound(since, "since", end=False),
                                        opt.bound(until, "until", end=True), single_source, unit)

    @one_read
    def figure(self, figure: str) -> FigureDetail:
        """One figure with every claim of it; DY213 when there is none."""
        row = fusion_rows.figure(self.store, figure)
        if row is None:
            raise NO_FIGURE("figure", value=figure)
        return FigureDetail(row, fusion_rows.figure_claims(self.store, figure))

    @one_read
    def contradictions(
        self, dyad: str | Dyad | None = None, directed: bool = False, since: opt.Day = None, until: opt.Day = None,
        kind: str | None = None, limit: int | None = None,
    ) -> list[ContradictionRow]:
        """Where sources disagree (figure, relation, realis), the latest first."""
        opt.choice(kind, CONTRADICTION_KINDS, "kind")
        scope = opt.dyad(dyad, directed)
        return fusion_rows.contradictions(self.store, _pair(scope), opt.bound(since, "since", end=False),
                                          opt.bound(until, "until", end=True), kind, opt.limit(limit))

    @one_read
    def contradiction_count(
        self, dyad: str | Dyad | None = None, directed: bool = False, since: opt.Day = None, until: opt.Day = None,
        kind: str | None = None,
    ) -> int:
        opt.choice(kind, CONTRADICTION_KINDS, "kind")
        scope = opt.dyad(dyad, directed)
        return fusion_rows.contradiction_count(self.store, _pair(scope), opt.bound(since, "since", end=False),
                                               opt.bound(until, "until", end=True), kind)

    # -- outlets -------------------------------------------------------------------------------------------

    @one_read
    def sources(
        self, dyad: str | Dyad | None = None, directed: bool = False, since: opt.Day = None, until: opt.Day = None,
        limit: int | None = None,
    ) -> list[OutletRow]:
        """Per outlet: what it reports, what it alone reports, mean Goldstein, speculation index (most
        speculative first). Documents with no outlet, site name or URL are one row, "(unknown outlet)"."""
        scope = opt.dyad(dyad, directed)
        rows = source_rows.sources(self.store, _pair(scope), bool(scope and scope.directed),
                                   opt.bound(since, "since", end=False), opt.bound(until, "until", end=True),
                                   speculative_modalities())
        out = [OutletRow(**r, speculation_index=speculation_index(
            r["irrealis_share"], r["single_source_claim_share"], r["speculative_sentence_share"])) for r in rows]
        return sorted(out, key=lambda r: (-(r.speculation_index or 0.0), r.outlet))[: opt.limit(limit)]

    # -- all at once, for briefs ---------------------------------------------------------------------------

    @one_read
    def fusion(
        self, dyad: str | Dyad | None = None, directed: bool = False, since: opt.Day = None, until: opt.Day = None,
        limit: int | None = 12, figures: int | None = None,
    ) -> Fusion:
        """Stories (current and background), figures, contradictions and outlets of one scope, each cut to
        `limit` rows (None for all; `figures` for figures when given) with how many there are."""
        scope = opt.dyad(dyad, directed)
        start, end = opt.bound(since, "since", end=False), opt.bound(until, "until", end=True)
        n = opt.limit(limit)
        found = Fusion(scope, start, end)
        n_figures = opt.limit(figures) if figures else n
        (found.stories, found.background, found.figures, found.contradictions, found.outlets, n_stories,
         n_background, n_figures_all, n_contradictions) = self.store.at_once(
            lambda: self.stories(scope, directed, start, end, limit=n),
            lambda: self.stories(scope, directed, start, end, limit=n, background=True),
            lambda: self.figures(scope, directed, start, end, limit=n_figures),
            lambda: self.contradictions(scope, directed, start, end, limit=n),
            lambda: self.sources(scope, directed, start, end),
            lambda: self.story_count(scope, directed, start, end),
            lambda: self.story_count(scope, directed, start, end, background=True),
            lambda: self.figure_count(scope, directed, start, end),
            lambda: self.contradiction_count(scope, directed, start, end),
        )
        found.shown = {
            "stories": Shown(len(found.stories), n_stories),
            "background": Shown(len(found.background), n_background),
            "figures": Shown(len(found.figures), n_figures_all),
            "contradictions": Shown(len(found.contradictions), n_contradictions),
        }
        return found

    # -- writing -------------------------------------------------------------------------------------------

    def fuse(self, docs: Iterable[str] | None = None, rebuild: bool = False) -> FusionUpdate:
        """Bring the fusion tables up to date: the documents not fused yet (or `docs`, by id), or with
        `rebuild` every table from scratch. Resolves actors when names changed."""
        from dyad.fuse.actor_tables import resolve_stored
        from dyad.fuse.update import fuse_documents, fuse_pending
        from dyad.fuse.update import rebuild as rebuild_all

        self._fusion_writable("fuse")
        if rebuild:
            update = rebuild_all(self.store, self.settings)
        elif docs is not None:
            update = fuse_documents(self.store, list(docs), self.settings)
        else:
            update = fuse_pending(self.store, self.settings)
        update.actors_resolved = resolve_stored(self.store, self.settings.overrides, force=rebuild)
        return update

    def refresh_fusion(self, docs: Iterable[str]) -> FusionUpdate:
        """Fuse these documents again after their metadata (outlet, URL, date) changed in the store."""
        from dyad.fuse.actor_tables import resolve_stored
        from dyad.fuse.update import refresh_documents

        self._fusion_writable("refresh fusion")
        update = refresh_documents(self.store, list(docs), self.settings)
        update.actors_resolved = resolve_stored(self.store, self.settings.overrides)
        return update

    @one_read
    def fusion_problems(self) -> list[str]:
        """Every way the fusion tables disagree with their sources, one line each with the command that
        mends it; empty when they agree."""
        from dyad.fuse.check import problems

        return [str(p) for p in problems(self.store, self.settings)]

    def _fusion_writable(self, action: str) -> None:
        if self.read_only:
            raise STORE_READ_ONLY(path=self.settings.db, action=action)
