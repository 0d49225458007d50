"""`dyad watch`: follow folders, JSON Lines drops and feeds; ingest what is new; print alerts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from dyad.present.cli import App, pass_app

if TYPE_CHECKING:
    from dyad.watch import Round


@click.command("watch")
@click.argument("sources", nargs=-1)
@click.option("--once", is_flag=True, help="One round, then exit (for cron).")
@click.option("--interval", type=float, default=None, help="Seconds between rounds [settings: watch_interval, 300].")
@click.option("--fetch-articles/--no-fetch-articles", default=None,
              help="Fetch the page a feed entry links to for its full text [settings: fetch_articles].")
@click.option("--alerts-file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Append each alert to this JSON Lines file [settings: alerts_file].")
@click.option("--alert-command", default=None,
              help="Run this command for each alert, the alert as JSON on its stdin [settings: alert_command].")
@click.option("--json", "as_json", is_flag=True, help="Print each alert as one JSON line.")
@pass_app
def watch_cmd(app: App, sources: tuple[str, ...], once: bool, interval: float | None, fetch_articles: bool | None,
              alerts_file: Path | None, alert_command: str | None, as_json: bool) -> None:
    """Follow SOURCES (folders, JSONL files, RSS/Atom feed URLs; else the `watch` setting): ingest what is
    new, fuse it, and raise the alerts the settings define ([[dyad.alerts]]: goldstein_shift, new_story,
    new_contradiction) on stdout, in a JSON Lines file and through a command.

    Items already taken in are remembered in the store and never ingested twice; a
    feed that is down or malformed is reported on stderr and the others go on.
    """

    def on_round(done: Round) -> None:
        for alert in done.alerts:
            click.echo(json.dumps(alert.as_dict(), ensure_ascii=False, default=str) if as_json
                       else f"ALERT {alert.kind}: {alert.message}")
        if not app.quiet:
            click.echo(f"dyad watch: {done.summary()}", err=True)

    try:
        app.db().watch(sources, once, interval, fetch_articles, alerts_file, alert_command, on_round=on_round,
                       warn=lambda line: click.echo(f"dyad: {line}", err=True))
    except KeyboardInterrupt:
        click.echo("dyad watch: stopped", err=True)


COMMANDS = [watch_cmd]
