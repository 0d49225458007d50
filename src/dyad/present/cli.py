"""The `dyad` command line. Commands live in `present/commands/`, one module each."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path
from typing import Any

import click

from dyad import __version__
from dyad.settings import Settings, load_settings

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class App:
    """What every command receives: the settings, and a store opened on demand."""

    def __init__(self, settings: Settings, quiet: bool) -> None:
        self.settings = settings
        self.quiet = quiet
        self._store: Any = None

    @property
    def progress(self) -> bool:
        """Show progress bars only to a person watching a terminal."""
        return not self.quiet and sys.stderr.isatty()

    def store(self, read_only: bool = False) -> Any:
        from dyad.store import open_store

        if self._store is None:
            if read_only and not Path(self.settings.db).exists():
                raise click.ClickException(f"{self.settings.db}: no store yet; run `dyad ingest` first")
            self._store = open_store(self.settings.db)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


pass_app = click.make_pass_decorator(App)


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", prog_name="dyad")
@click.option("--db", type=click.Path(path_type=Path), default=None, help="DuckDB store file [dyad.duckdb].")
@click.option("--config", type=click.Path(path_type=Path), default=None, help="Settings file [dyad.toml].")
@click.option("--model", "models", multiple=True, help="spaCy pipeline to use (repeat for fallbacks).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or chatter on stderr.")
@click.pass_context
def main(ctx: click.Context, db: Path | None, config: Path | None, models: tuple[str, ...], quiet: bool) -> None:
    """dyad: rebuild the system of states that news texts describe.

    Ingest articles, then list actors, CAMEO events, quotes, claims and
    relations, fuse them across sources, and write briefings and exports.
    Every stored fact points to the characters it came from.
    """
    try:
        settings = load_settings(config, db=db, models=list(models) or None)
    except (FileNotFoundError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    app = App(settings, quiet)
    ctx.obj = app
    ctx.call_on_close(app.close)


def _register_commands() -> None:
    from dyad.present import commands

    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"dyad.present.commands.{info.name}")
        for command in getattr(module, "COMMANDS", []):
            main.add_command(command)


_register_commands()
