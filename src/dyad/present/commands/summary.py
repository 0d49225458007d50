"""`dyad summary`: what the store holds."""

from __future__ import annotations

import click

from dyad.present.cli import App, pass_app
from dyad.present.output import chosen_format, emit, format_option


@click.command("summary")
@format_option
@pass_app
def summary_cmd(app: App, as_json: bool, as_csv: bool) -> None:
    """Count documents, actors, events by CAMEO root, quotes, claims and relations."""
    emit(app.db(read_only=True).summary(), ["what", "count"], chosen_format(as_json, as_csv), title="dyad store")


COMMANDS = [summary_cmd]
