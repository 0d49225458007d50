"""`Database`: the library a user scripts against, one method for each thing the CLI lists or writes.

Every `dyad` command parses its options, calls one of these methods and
renders what it returns; the web app does the same. Methods take plain
Python values (strings, dates, lists), check them (a bad value raises a
`DyadError` with its code) and return the typed records of `dyad.stored`,
`dyad.fuse` and `dyad.analyse`.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, get_args

from dyad.analyse.dyads import Temperature, dyad_table, temperature, trend
from dyad.analyse.network import Node, build_graph, centrality, edges
from dyad.api import options as opt
from dyad.api.browse import Browsing
from dyad.api.exports import Exports, Output, sink
from dyad.api.fusion import CONTRADICTION_KINDS, FusionMethods
from dyad.api.reads import one_read
from dyad.errors import (
    NO_ACTOR,
    NO_DOCUMENT,
    NO_INPUTS,
    SCHEMA_OLDER,
    SEVERAL_ACTORS,
    STORE_READ_ONLY,
    DyadError,
)
from dyad.fuse.actors import GlobalActor, exact_key, find_actor, find_exact, stored_actor
from dyad.records import ActorKind, Document, Polarity, QuoteKind, RelationType
from dyad.run import IngestReport, MetadataReport, Notify
from dyad.settings import Settings
from dyad.store import Store, actor_tables, failures, listings
from dyad.store.actors import actor_quotes, actor_with_id, appearances
from dyad.store.doctor import Diagnosis, Problem
from dyad.stored import (
    ActorQuote,
    Appearance,
    ClaimRow,
    Count,
    Dyad,
    DyadRow,
    Edge,
    EventRow,
    FailureRow,
    QuoteRow,
    RelationRow,
    TrendRow,
)

if TYPE_CHECKING:
    from dyad.api.view import DocView
    from dyad.watch import Round

ACTOR_KINDS: tuple[str, ...] = get_args(ActorKind)
QUOTE_KINDS: tuple[str, ...] = get_args(QuoteKind)
RELATION_TYPES: tuple[str, ...] = get_args(RelationType)
POLARITIES: tuple[str, ...] = get_args(Polarity)
__all__ = ["CONTRADICTION_KINDS", "ActorProfile", "Database", "DemoRun"]
NETWORK_LEVELS = ("state", "actor")
BRIEF_FORMATS = ("md", "html")


@dataclass
class ActorProfile:
    """One actor in full: who it is, how each document saw it, and what it said."""

    actor: GlobalActor
    appearances: list[Appearance] = field(default_factory=list)
    quotes: list[ActorQuote] = field(default_factory=list)


@dataclass
class DemoRun:
    """What `demo` did: the ingest, the store's summary afterwards, the report written."""

    ingest: IngestReport
    summary: list[Count]
    report: Path


class Database(FusionMethods, Exports, Browsing):
    """A dyad store and the settings to read it with; the connection opens on first use.

    `read_only` opens the store without the right to write: listings work,
    `ingest` and `demo` raise DY105.
    """

    def __init__(self, settings: Settings, read_only: bool = False) -> None:
        self.settings = settings
        self.read_only = read_only
        self.store = Store(settings.db, read_only, wait=settings.lock_wait)

    @property
    def path(self) -> Path:
        return self.settings.db

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _writable(self, action: str) -> None:
        if self.read_only:
            raise STORE_READ_ONLY(path=self.path, action=action)

    # -- ingest --------------------------------------------------------------------------

    def ingest(
        self,
        inputs: opt.Values = (),
        manifest: str | Path | None = None,
        *,
        workers: int | None = None,
        engine: str = "local",
        scheduler: str | None = None,
        batch_size: int | None = None,
        notify: Notify | None = None,
    ) -> IngestReport:
        """Ingest files, folders, JSONL/CSV, HTML, Markdown, URLs or "-" (stdin): read, extract, store.

        With a manifest and no inputs, the files it lists. Inputs that cannot be
        read are in the report's `errors`; the others still go in.
        """
        from dyad.run import ingest

        sources = opt.values(inputs)
        if not sources and manifest is None:
            raise NO_INPUTS()
        self._writable("ingest")
        settings = self.settings.model_copy(update={"batch_size": batch_size}) if batch_size else self.settings
        return ingest(self.store, sources, settings, Path(manifest) if manifest else None,
                      workers=workers, engine=engine, scheduler=scheduler, notify=notify)

    def update_metadata(
        self, inputs: opt.Values = (), manifest: str | Path | None = None, *, notify: Notify | None = None
    ) -> MetadataReport:
        """Correct the metadata of stored documents from their inputs (`dyad ingest --update-metadata`).

        Documents are found by their text; nothing is extracted again.
        """
        from dyad.run import update_metadata

        sources = opt.values(inputs)
        if not sources and manifest is None:
            raise NO_INPUTS()
        self._writable("update metadata")
        return update_metadata(self.store, sources, self.settings, Path(manifest) if manifest else None, notify)

    def watch(
        self, sources: opt.Values = (), once: bool = False, interval: float | None = None,
        fetch_articles: bool | None = None, alerts_file: str | Path | None = None, alert_command: str | None = None,
        *, on_round: Callable[[Round], None] | None = None, warn: Callable[[str], None] | None = None,
        rounds: int | None = None,
    ) -> None:
        """Follow folders, JSON Lines files and RSS/Atom feeds (`sources`, else the `watch` setting): ingest
        what is new every `interval` seconds, raise the alerts of the settings; one round with `once`."""
        from dyad.watch import watch

        s = self.settings
        found = opt.values(sources) or list(s.watch)
        if not found:
            raise NO_INPUTS()
        self._writable("watch")
        watch(self, found, once, interval or s.watch_interval, s.fetch_articles if fetch_articles is None
              else fetch_articles, Path(alerts_file) if alerts_file else s.alerts_file, alert_command or s.alert_command,
              warn or (lambda line: print(f"dyad: {line}", file=sys.stderr)), on_round or (lambda r: None), rounds)

    def demo(self, report: str | Path = Path("reports/demo-report.md")) -> DemoRun:
        """Ingest the embedded example articles, then write the Markdown report of the store."""
        from dyad.examples import example_files
        from dyad.run import ingest

        self._writable("store the examples")
        # The files, not the folder: the package folder also holds __init__.py.
        run = ingest(self.store, [str(p) for p in example_files()], self.settings)
        rows = self.summary()
        return DemoRun(run, rows, self.report(report, rows))

    # -- what the store holds ------------------------------------------------------------

    @one_read
    def summary(self) -> list[Count]:
        """Documents, actors, events (realis, irrealis, per CAMEO root), quotes, claims, relations."""
        return listings.summary(self.store)

    @one_read
    def documents(
        self, doc: str | None = None, since: opt.Day = None, until: opt.Day = None, limit: int | None = None
    ) -> list[Document]:
        """Stored documents with their metadata, by publication day; `doc` names one (its own id, id,
        file name or title), `since` and `until` take YYYY, YYYY-MM or YYYY-MM-DD."""
        found = listings.documents(self.store, doc, opt.since(since),
                                   opt.until(until), opt.limit(limit))
        if doc and not found:
            raise NO_DOCUMENT("doc", value=doc)
        return found

    @one_read
    def report(self, output: str | Path, summary: list[Count] | None = None) -> Path:
        """Write the Markdown digest of the store (what `dyad demo` writes), every row cited."""
        from dyad.present.report import write_report

        return write_report(self.store, summary if summary is not None else self.summary(), Path(output))

    @one_read
    def show(self, doc: str) -> DocView:
        """One document (its own id, id, id prefix, file name or title) with the spans of its actors, event
        triggers, quotes and figures; DY206 when none fits, the earliest when several do."""
        from dyad.api.view import document_view

        found = self.documents(doc, limit=1)
        return document_view(self.store, found[0])

    @one_read
    def failures(self) -> list[FailureRow]:
        """Documents whose extraction failed, the latest first; the next ingest of their sources tries them again."""
        return failures.failures(self.store)

    def doctor(self, repair: bool = False) -> Diagnosis:
        """Check the store is whole (schema, keys, spans, orphans, duplicates, failures; see dyad.store.doctor).

        With `repair`, make the repairs that are safe and check again: the
        diagnosis then lists what was repaired and what is still wrong.
        """
        import dyad.fuse.check  # noqa: F401 - registers the doctor's check of the fusion tables
        from dyad.store import doctor

        if repair:
            self._writable("repair it")
        try:
            self.store.connect()
        except DyadError as exc:
            if exc.entry is not SCHEMA_OLDER:
                raise
            return Diagnosis(None, problems=[Problem("schema", exc.message + "; or run `dyad doctor --repair`")])
        return doctor.diagnose(self.store, repair)

    # -- actors ------------------------------------------------------------------------------

    @one_read
    def actors(
        self, kind: str | None = None, country: str | None = None, role: str | None = None,
        doc: str | None = None, limit: int | None = None,
    ) -> list[GlobalActor]:
        """Actors resolved across documents (the stored global actors), most mentioned first."""
        opt.choice(kind, ACTOR_KINDS, "kind")
        country = opt.state(country, "country")
        if doc and not listings.document_ids(self.store, doc):
            raise NO_DOCUMENT("doc", value=doc)
        rows = actor_tables.actors(self.store, kind, country, role, doc, opt.limit(limit))
        return [stored_actor(r) for r in rows]

    @one_read
    def find_actors(self, name: str) -> list[GlobalActor]:
        """Actors a name, an alias or an id fits (close spellings too)."""
        # the exact rules first, on the few actors SQL finds spelled so; every actor only when none is
        spelled = [stored_actor(r) for r in actor_tables.actors_spelled(self.store, *exact_key(name))]
        return find_exact(spelled, name) or find_actor(self.actors(), name)

    @one_read
    def actor(self, name: str) -> ActorProfile:
        """The one actor `name` fits, in full; DY207 when none fits, DY208 when several do."""
        return self.profile(self.one_actor(name))

    @one_read
    def one_actor(self, name: str) -> GlobalActor:
        """The one actor `name` fits, with the document actors it merges; DY207 when none fits, DY208 when
        several do. An actor's id names that actor alone (the pages link by id), so it is looked up
        first; a name is compared with every actor's names and aliases (`find_actors`)."""
        matches = [stored_actor(r) for r in actor_with_id(self.store, name)] or self.find_actors(name)
        if not matches:
            raise NO_ACTOR(value=name)
        if len(matches) > 1:
            raise SEVERAL_ACTORS(value=name, count=len(matches))
        actor = matches[0]
        return dataclasses.replace(actor, members=actor.members or actor_tables.members(self.store, actor.id))

    @one_read
    def profile(self, actor: GlobalActor) -> ActorProfile:
        """An actor's appearances per document (role, country, first mention) and its quotations."""
        members = actor.members or actor_tables.members(self.store, actor.id)
        actor = dataclasses.replace(actor, members=members)  # so that `actor_events(profile.actor)` finds them
        return ActorProfile(actor, appearances(self.store, members), actor_quotes(self.store, members))

    # -- extracted items -----------------------------------------------------------------------

    @one_read
    def events(
        self, source: opt.Values = None, target: opt.Values = None, root: opt.Values = None,
        realis_only: bool = True, since: opt.Day = None, until: opt.Day = None, doc: str | None = None,
        limit: int | None = None,
    ) -> list[EventRow]:
        """CAMEO-coded events, realis only unless `realis_only=False`.

        `source`, `target` (ISO3) and `root` (01..20) take one value or several;
        `since` and `until` take YYYY, YYYY-MM or YYYY-MM-DD and keep events whose
        own date (else their document's day) overlaps the period; `doc` is a
        document id, id prefix or file name.
        """
        return listings.events(
            self.store, opt.states(source, "source"), opt.states(target, "target"), opt.roots(root), realis_only,
            opt.since(since), opt.until(until), doc, opt.limit(limit),
        )

    @one_read
    def quotes(
        self, speaker: str | None = None, actor: str | None = None, doc: str | None = None,
        kind: str | None = None, limit: int | None = None,
    ) -> list[QuoteRow]:
        """Quotations with their speakers; `speaker` and `actor` match part of a name, `actor` also a country."""
        opt.choice(kind, QUOTE_KINDS, "kind")
        return listings.quotes(self.store, speaker, actor, doc, kind, opt.limit(limit))

    @one_read
    def claims(
        self, unit: str | None = None, actor: str | None = None, doc: str | None = None, limit: int | None = None
    ) -> list[ClaimRow]:
        """Numeric claims; `actor` is a state the figure is about or part of the asserting speaker's name."""
        return listings.claims(self.store, unit, actor, doc, opt.limit(limit))

    @one_read
    def relations(
        self, pair: str | tuple[str, str] | None = None, type: str | None = None, polarity: str | None = None,
        doc: str | None = None, limit: int | None = None,
    ) -> list[RelationRow]:
        """Standing relations; `pair` ("KOR-CHN") matches either order for ally, partner and rival."""
        opt.choice(type, RELATION_TYPES, "type")
        opt.choice(polarity, POLARITIES, "polarity")
        return listings.relations(self.store, opt.pair(pair), type, polarity, doc, opt.limit(limit))

    # -- analyses ------------------------------------------------------------------------------

    @one_read
    def dyads(
        self, directed: bool = False, limit: int | None = None, since: opt.Day = None, until: opt.Day = None
    ) -> list[DyadRow]:
        """Every dyad by realis events, QuadClass and Goldstein, busiest first; `since` and `until` keep
        events whose day falls in the period (YYYY, YYYY-MM or YYYY-MM-DD)."""
        return dyad_table(self.store, directed, opt.limit(limit), opt.since(since), opt.until(until))

    @one_read
    def trend(
        self, dyad: str | Dyad, directed: bool = False, bucket: str = "week", by_outlet: bool = False,
        since: opt.Day = None, until: opt.Day = None,
    ) -> list[TrendRow]:
        """One dyad's realis events per day, week or month (per outlet when asked)."""
        opt.choice(bucket, ("day", "week", "month"), "bucket")
        return trend(self.store, opt.dyad(dyad, directed), bucket, by_outlet,
                     opt.since(since), opt.until(until))

    @one_read
    def temperature(
        self, dyad: str | Dyad, directed: bool = False, window: int = 30, until: opt.Day = None
    ) -> Temperature:
        """Warming or cooling: mean Goldstein of the last `window` days against the window before."""
        return temperature(self.store, opt.dyad(dyad, directed), window, opt.until(until))

    @one_read
    def network_edges(
        self, level: str = "state", since: opt.Day = None, until: opt.Day = None, limit: int | None = None
    ) -> list[Edge]:
        """Realis events between states (or named actors), as weighted edges."""
        opt.choice(level, NETWORK_LEVELS, "level")
        return edges(self.store, level, opt.since(since), opt.until(until))[: opt.limit(limit)]

    @one_read
    def network(
        self, level: str = "state", since: opt.Day = None, until: opt.Day = None, limit: int | None = None
    ) -> list[Node]:
        """The nodes of the event network with degree and betweenness centrality, most central first."""
        return centrality(build_graph(self.network_edges(level, since, until)))[: opt.limit(limit)]

    # -- briefs and exports ----------------------------------------------------------------------

    @one_read
    def brief(
        self, dyad: str | Dyad | None = None, directed: bool = False, since: opt.Day = None, until: opt.Day = None,
        format: str = "md", output: str | Path | None = None, window: int = 30,
    ) -> list[Path]:
        """Write a cited briefing (Markdown with a PNG chart, or HTML); returns the files written.

        The file defaults to brief-<dyad>.<format> in the working folder.
        """
        from dyad.present.brief import write_brief

        opt.choice(format, BRIEF_FORMATS, "format")
        scope = opt.dyad(dyad, directed)
        if output is None:
            name = scope.label if scope else "all"
            output = Path(f"brief-{name}.{format}")
        return write_brief(self, Path(output), format, scope, opt.since(since), opt.until(until), window)

    @one_read
    def export_events(
        self, output: Output = None, format: str = "csv", header: bool = False,
        source: opt.Values = None, target: opt.Values = None, root: opt.Values = None, realis_only: bool = True,
        since: opt.Day = None, until: opt.Day = None, doc: str | None = None,
    ) -> int:
        """Write events (filtered as `events` filters them) as gdelt, csv, jsonl or parquet; returns how many.

        `output` is a file path or an open text stream (standard output when not given);
        Parquet needs a path. `header` starts a GDELT table with its column names.
        """
        from dyad.present.export import write_events

        rows = self.events(source, target, root, realis_only, since, until, doc)
        write_events(rows, format, sink(output), header)
        return len(rows)

