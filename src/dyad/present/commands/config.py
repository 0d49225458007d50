"""`dyad config`: print the settings in force and where they come from."""

from __future__ import annotations

import click

from dyad.present.cli import App, pass_app
from dyad.present.output import chosen_format, emit, format_option
from dyad.settings import describe


@click.command("config")
@format_option
@pass_app
def config_cmd(app: App, as_json: bool, as_csv: bool) -> None:
    """Print the settings in force (defaults < dyad.toml < DYAD_* variables < flags)."""
    rows = [{"setting": n, "value": v, "meaning": d} for n, v, d in describe(app.settings)]
    emit(rows, ["setting", "value", "meaning"], chosen_format(as_json, as_csv), title="dyad settings")


COMMANDS = [config_cmd]
