"""`dyad export LAYER`: every layer as files other tools read (CSV, JSON Lines, Parquet, GDELT, GraphML, GEXF)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from dyad.present.cli import App, pass_app
from dyad.present.commands.events import with_filters
from dyad.present.export import EXPORT_FORMATS
from dyad.present.tables import GRAPH_FORMATS, TABLE_FORMATS

GDELT_TABLE_FORMATS = ("gdelt", *TABLE_FORMATS)


def _output(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
                        help="Write to this file instead of standard output (required for parquet).")(f)


def _format(choices: tuple[str, ...], default: str, help: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option("--format", "fmt", type=click.Choice(choices), default=default, show_default=True, help=help)


def _header(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--header", is_flag=True, help="With --format gdelt, start with a row of column names.")(f)


def _story_scope(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option("--min-sources", type=int, default=1, show_default=True,
                     help="Only stories with this many independent sources.")(f)
    f = click.option("--until", help="Documents published up to this date (YYYY, YYYY-MM or YYYY-MM-DD).")(f)
    f = click.option("--since", help="Documents published from this date (YYYY, YYYY-MM or YYYY-MM-DD).")(f)
    f = click.option("--directed", is_flag=True, help="Only events from the first state to the second.")(f)
    return click.option("--dyad", "dyad_text", help="Two ISO3 codes, e.g. KOR-CHN.")(f)


def _done(app: App, n: int, what: str, output: Path | None) -> None:
    if not app.quiet and output:
        click.echo(f"wrote {n} {what} to {output}", err=True)


@click.group("export")
def export_group() -> None:
    """Write stored data to files other tools read: every layer as CSV, JSON Lines or Parquet;
    events, stories and mentions also as GDELT 2.0 tables; the network as GraphML or GEXF."""


@export_group.command("events")
@_format(EXPORT_FORMATS, "csv", "gdelt: the GDELT 2.0 event table of reports (61 tab-separated columns, no header); "
         "csv; jsonl; parquet.")
@_output
@_header
@with_filters
@pass_app
def export_events_cmd(
    app: App, fmt: str, output: Path | None, header: bool, source: tuple[str, ...], target: tuple[str, ...],
    root: tuple[str, ...], realis_only: bool, since: str | None, until: str | None, doc: str | None,
) -> None:
    """Export events, one row per report: realis only unless --all; CAMEO codes are zero-padded strings
    ("042", root "04"); trigger and party offsets in every format but gdelt."""
    n = app.db(read_only=True).export_events(
        output or sys.stdout, fmt, header, source=source, target=target, root=root, realis_only=realis_only,
        since=since, until=until, doc=doc,
    )
    _done(app, n, "event(s)", output)


@export_group.command("stories")
@_format(GDELT_TABLE_FORMATS, "csv", "gdelt: the GDELT 2.0 event table, one row per story; csv; jsonl; parquet.")
@_output
@_header
@_story_scope
@pass_app
def export_stories_cmd(app: App, fmt: str, output: Path | None, header: bool, dyad_text: str | None,
                       directed: bool, since: str | None, until: str | None, min_sources: int) -> None:
    """Export story events (one real event with every report of it); joins `export mentions` on
    global_event_id (GlobalEventID in the GDELT layouts)."""
    n = app.db(read_only=True).export_stories(output or sys.stdout, fmt, header, dyad_text, directed, since, until,
                                              min_sources)
    _done(app, n, "story(ies)", output)


@export_group.command("mentions")
@_format(GDELT_TABLE_FORMATS, "csv", "gdelt: the GDELT 2.0 mentions table (16 tab-separated columns); csv; jsonl; "
         "parquet.")
@_output
@_header
@_story_scope
@pass_app
def export_mentions_cmd(app: App, fmt: str, output: Path | None, header: bool, dyad_text: str | None,
                        directed: bool, since: str | None, until: str | None, min_sources: int) -> None:
    """Export every report of every story, with the offsets of both parties and the trigger."""
    n = app.db(read_only=True).export_mentions(output or sys.stdout, fmt, header, dyad_text, directed, since,
                                               until, min_sources)
    _done(app, n, "mention(s)", output)


@export_group.command("actors")
@_format(TABLE_FORMATS, "csv", "csv, jsonl or parquet.")
@_output
@click.option("--kind", help="Only actors of this kind (person, organization, state, group).")
@click.option("--country", help="Only actors of this country (ISO3).")
@click.option("--role", help="Only actors with this role.")
@click.option("--doc", help="Only actors named in this document (its own id, id, file name or title).")
@pass_app
def export_actors_cmd(app: App, fmt: str, output: Path | None, kind: str | None, country: str | None,
                      role: str | None, doc: str | None) -> None:
    """Export actors resolved across documents, with aliases, mentions and documents."""
    n = app.db(read_only=True).export_actors(output or sys.stdout, fmt, kind, country, role, doc)
    _done(app, n, "actor(s)", output)


@export_group.command("quotes")
@_format(TABLE_FORMATS, "csv", "csv, jsonl or parquet.")
@_output
@click.option("--speaker", help="Only quotes whose speaker name contains this text.")
@click.option("--actor", help="Only quotes by this actor or by actors of this country (ISO3).")
@click.option("--doc", help="Only quotes from this document.")
@click.option("--kind", type=click.Choice(["direct", "partial", "indirect"]), help="Only this kind of quote.")
@pass_app
def export_quotes_cmd(app: App, fmt: str, output: Path | None, speaker: str | None, actor: str | None,
                      doc: str | None, kind: str | None) -> None:
    """Export quotations with their speakers and offsets."""
    n = app.db(read_only=True).export_quotes(output or sys.stdout, fmt, speaker, actor, doc, kind)
    _done(app, n, "quote(s)", output)


@export_group.command("claims")
@_format(TABLE_FORMATS, "csv", "csv, jsonl or parquet.")
@_output
@click.option("--unit", help="Only claims in this unit.")
@click.option("--actor", help="Only claims about this state (ISO3) or asserted by this speaker.")
@click.option("--doc", help="Only claims from this document.")
@pass_app
def export_claims_cmd(app: App, fmt: str, output: Path | None, unit: str | None, actor: str | None,
                      doc: str | None) -> None:
    """Export numeric claims with what they measure and their offsets."""
    n = app.db(read_only=True).export_claims(output or sys.stdout, fmt, unit, actor, doc)
    _done(app, n, "claim(s)", output)


@export_group.command("relations")
@_format(TABLE_FORMATS, "csv", "csv, jsonl or parquet.")
@_output
@click.option("--pair", help="Only relations between these two states, e.g. KOR-CHN.")
@click.option("--type", "kind", help="Only relations of this type.")
@click.option("--polarity", type=click.Choice(["+", "-"]), help="Only asserted (+) or denied (-) relations.")
@click.option("--doc", help="Only relations from this document.")
@pass_app
def export_relations_cmd(app: App, fmt: str, output: Path | None, pair: str | None, kind: str | None,
                         polarity: str | None, doc: str | None) -> None:
    """Export standing relations between states with polarity and offsets."""
    n = app.db(read_only=True).export_relations(output or sys.stdout, fmt, pair, kind, polarity, doc)
    _done(app, n, "relation(s)", output)


@export_group.command("documents")
@_format(TABLE_FORMATS, "csv", "csv, jsonl or parquet.")
@_output
@click.option("--doc", help="Only this document.")
@click.option("--since", help="Documents published from this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", help="Documents published up to this date.")
@pass_app
def export_documents_cmd(app: App, fmt: str, output: Path | None, doc: str | None, since: str | None,
                         until: str | None) -> None:
    """Export documents with all the metadata their inputs gave (not the text)."""
    n = app.db(read_only=True).export_documents(output or sys.stdout, fmt, doc, since, until)
    _done(app, n, "document(s)", output)


@export_group.command("network")
@_format((*GRAPH_FORMATS, *TABLE_FORMATS), "graphml",
         "graphml or gexf: the graph with node centrality and edge weights; csv, jsonl, parquet: the edges.")
@_output
@click.option("--level", type=click.Choice(["state", "actor"]), default="state", show_default=True)
@click.option("--since", help="Events from this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", help="Events up to this date.")
@pass_app
def export_network_cmd(app: App, fmt: str, output: Path | None, level: str, since: str | None,
                       until: str | None) -> None:
    """Export the network of realis events between states (or named actors), for Gephi, Cytoscape or networkx."""
    n = app.db(read_only=True).export_network(output or sys.stdout, fmt, level, since, until)
    _done(app, n, "node(s)" if fmt in GRAPH_FORMATS else "edge(s)", output)


COMMANDS = [export_group]
