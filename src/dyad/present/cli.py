"""The `dyad` command line. Commands live in `present/commands/`, one module each."""

from __future__ import annotations

import functools
import importlib
import pkgutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from dyad.errors import DyadError
from dyad.settings import Settings, load_settings
from dyad.version import __version__

if TYPE_CHECKING:
    from dyad.api import Database

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class App:
    """What every command receives: the settings, and the library's Database opened on demand."""

    def __init__(self, settings: Settings, quiet: bool, debug: bool = False) -> None:
        self.settings = settings
        self.quiet = quiet
        self.debug = debug
        self._db: Database | None = None

    @property
    def progress(self) -> bool:
        """Show progress bars only to a person watching a terminal."""
        return not self.quiet and sys.stderr.isatty()

    def db(self, read_only: bool = False) -> Database:
        """The store named by --db: read-only for commands that only read, else for writing."""
        from dyad.api import Database

        if self._db is not None and self._db.read_only and not read_only:
            self._db.close()
            self._db = None
        if self._db is None:
            self._db = Database(self.settings, read_only)
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()


def click_error(error: DyadError) -> click.ClickException:
    """A library error as click reports it: usage mistakes exit 2 with the usage line, others exit 1."""
    if error.entry.usage and error.param:
        return click.BadParameter(str(error), param_hint="--" + error.param.replace("_", "-"))
    if error.entry.usage:
        return click.UsageError(str(error))
    return click.ClickException(str(error))


def reports_errors(command: click.Command) -> click.Command:
    """Wrap a command's callback (and its subcommands') so a DyadError becomes a click error."""
    callback = command.callback
    if callback is not None:

        @functools.wraps(callback)
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                return callback(*args, **kwargs)
            except DyadError as exc:
                raise click_error(exc) from exc

        command.callback = run
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            reports_errors(sub)
    return command


pass_app = click.make_pass_decorator(App)


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", prog_name="dyad")
@click.option("--db", type=click.Path(path_type=Path), default=None, help="DuckDB store file [dyad.duckdb].")
@click.option("--config", type=click.Path(path_type=Path), default=None, help="Settings file [dyad.toml].")
@click.option("--model", "models", multiple=True, help="spaCy pipeline to use (repeat for fallbacks).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or chatter on stderr.")
@click.option("--debug", is_flag=True, help="Show the traceback of a document whose extraction failed.")
@click.pass_context
def main(
    ctx: click.Context, db: Path | None, config: Path | None, models: tuple[str, ...], quiet: bool, debug: bool
) -> None:
    """dyad: rebuild the system of states that news texts describe.

    Ingest articles, then list actors, CAMEO events, quotes, claims and
    relations, fuse them across sources, and write briefings and exports.
    Every stored fact points to the characters it came from.
    """
    try:
        settings = load_settings(config, db=db, models=list(models) or None)
    except DyadError as exc:
        raise click_error(exc) from exc
    app = App(settings, quiet, debug)
    ctx.obj = app
    ctx.call_on_close(app.close)


def _register_commands() -> None:
    from dyad.present import commands

    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"dyad.present.commands.{info.name}")
        for command in getattr(module, "COMMANDS", []):
            main.add_command(reports_errors(command))


_register_commands()
