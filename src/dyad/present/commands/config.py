"""`dyad config`: print the settings in force and where they come from."""

from __future__ import annotations

import click

from dyad.present.cli import App, pass_app
from dyad.present.output import chosen_format, emit, format_option
from dyad.settings import describe, origins


@click.command("config")
@click.option("--show-origin", is_flag=True,
              help="Say where each value comes from: default, a file and line, a DYAD_* variable or a flag.")
@format_option
@pass_app
def config_cmd(app: App, show_origin: bool, as_json: bool, as_csv: bool) -> None:
    """Print the settings in force (defaults < dyad.toml < DYAD_* variables < flags)."""
    where = origins(app.settings)
    rows = [{"setting": n, "value": v, "origin": where[n], "meaning": d} for n, v, d in describe(app.settings)]
    fmt = chosen_format(as_json, as_csv)
    columns = ["setting", "value", "origin", "meaning"] if show_origin or fmt != "table" else ["setting", "value",
                                                                                             "meaning"]
    emit(rows, columns, fmt, title="dyad settings")


COMMANDS = [config_cmd]
