"""Analyses and briefs: `dyad dyads`, `network`, `brief`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from dyad.present.cli import App, pass_app
from dyad.present.commands.fuse import Day, scope_options
from dyad.present.hints import hint_if_empty
from dyad.present.output import chosen_format, emit, format_option

# -- dyads -------------------------------------------------------------------------------


@click.command("dyads")
@click.option("--dyad", "dyad_text", help="Two ISO3 codes, e.g. KOR-CHN: its trend over time.")
@click.option("--directed", is_flag=True, help="Directed dyads (KOR-CHN apart from CHN-KOR).")
@click.option("--bucket", type=click.Choice(["day", "week", "month"]), default="week", show_default=True)
@click.option("--by-outlet", is_flag=True, help="One series per outlet.")
@click.option("--window", type=int, default=30, show_default=True, help="Days compared for warming/cooling.")
@click.option("--since", help="Events from this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", help="Events up to this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--limit", type=int, default=None, help="Show at most this many dyads (or periods).")
@format_option
@pass_app
def dyads_cmd(app: App, dyad_text: str | None, directed: bool, bucket: str, by_outlet: bool, window: int,
              since: Day, until: Day, limit: int | None, as_json: bool, as_csv: bool) -> None:
    """Dyads by realis events, QuadClass and Goldstein; with --dyad, its trend over time
    and whether it is warming or cooling (printed on stderr)."""
    from dyad.analyse.dyads import DYAD_COLUMNS, TREND_COLUMNS
    from dyad.api.options import dyad as parse_dyad

    db = app.db(read_only=True)
    fmt = chosen_format(as_json, as_csv)
    if not dyad_text:
        table = db.dyads(directed, limit, since, until)
        hint_if_empty(table, "dyads", since=since, until=until)
        emit(table, DYAD_COLUMNS, fmt, title="dyads")
        return
    dyad = parse_dyad(dyad_text, directed)
    assert dyad is not None
    rows = db.trend(dyad, directed, bucket, by_outlet, since, until)[:limit]
    hint_if_empty(rows, "events", dyad=dyad_text, since=since, until=until)
    columns = ["period", "outlet", *TREND_COLUMNS[1:]] if by_outlet else TREND_COLUMNS
    emit(rows, columns, fmt, title=f"{dyad.label} by {bucket}")
    t = db.temperature(dyad, directed, window, until)
    if not app.quiet:
        change = "n/a" if t.change is None else f"{t.change:+.2f}"
        click.echo(
            f"{dyad.label}: mean Goldstein {window} days to {t.until} vs the {window} before: {change} "
            f"({t.label}; {t.recent_n} vs {t.previous_n} events)",
            err=True,
        )


# -- network -----------------------------------------------------------------------------


@click.command("network")
@click.option("--level", type=click.Choice(["state", "actor"]), default="state", show_default=True)
@click.option("--since", help="Events from this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", help="Events up to this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--edges", "show_edges", is_flag=True, help="List the edges instead of the nodes.")
@click.option("--limit", type=int, default=None, help="Show at most this many nodes (or edges).")
@format_option
@pass_app
def network_cmd(app: App, level: str, since: Day, until: Day, show_edges: bool, limit: int | None, as_json: bool,
                as_csv: bool) -> None:
    """The actor network of realis events: degree and betweenness centrality per node
    (`dyad export network` writes it as GraphML or GEXF)."""
    from dyad.analyse.network import NETWORK_COLUMNS

    db = app.db(read_only=True)
    fmt = chosen_format(as_json, as_csv)
    if show_edges:
        found: list[Any] = db.network_edges(level, since, until, limit)
        columns = ["source", "target", "n_events", "goldstein_sum"]
    else:
        found, columns = db.network(level, since, until, limit), NETWORK_COLUMNS
    hint_if_empty(found, "events", since=since, until=until)
    emit(found, columns, fmt, title="network edges" if show_edges else "network")


# -- brief -------------------------------------------------------------------------------


@click.command("brief")
@scope_options
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File to write [brief-<dyad>.<format>].")
@click.option("--window", type=int, default=30, show_default=True, help="Days compared for warming/cooling.")
@pass_app
def brief_cmd(app: App, dyad_text: str | None, directed: bool, since: Day, until: Day, fmt: str,
              output: Path | None, window: int) -> None:
    """Write a briefing: key story events (corroborated first), who said what, figures and
    their corroboration, contradictions, source comparison and a trend chart. Extractive:
    every line quotes the words it rests on and names its document."""
    written = app.db(read_only=True).brief(dyad_text, directed, since, until, fmt, output, window)
    if not app.quiet:
        for path in written:
            click.echo(f"wrote {path}", err=True)


COMMANDS = [dyads_cmd, network_cmd, brief_cmd]
