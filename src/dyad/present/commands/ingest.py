"""`dyad ingest`: read sources, drop furniture, link near-copies, extract, store."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from dyad.ingest.items import IngestError
from dyad.present.cli import App, pass_app
from dyad.present.safe import for_terminal, one_line
from dyad.records import Document

if TYPE_CHECKING:
    from rich.progress import Progress

    from dyad.run import Failed


def report_errors(errors: list[IngestError]) -> None:
    """One `dyad: <input>: <problem>` line per error, on stderr."""
    for err in errors:
        click.echo(f"dyad: {one_line(err.line())}", err=True)


@contextmanager
def _progress(show: bool) -> Iterator[Progress | None]:
    """A rich progress line on stderr, or a do-nothing stand-in."""
    if not show:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    columns = (SpinnerColumn(), TextColumn("ingesting"), BarColumn(), TextColumn("{task.completed} input(s)"),
               TimeElapsedColumn(), TextColumn("{task.fields[last]}", style="dim", markup=False))
    with Progress(*columns, console=console, transient=True) as progress:
        progress.add_task("ingest", total=None, last="")
        yield progress


@click.command("ingest")
@click.argument("inputs", nargs=-1)
@click.option("--manifest", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="JSONL or CSV of metadata (file, published, title, outlet, url, language) for plain files.")
@click.option("--batch-size", type=int, default=None, help="Documents per nlp.pipe batch.")
@click.option("--workers", type=int, default=None, help="Extraction processes (default from settings).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Run extraction in local processes or on a Dask cluster.")
@click.option("--scheduler", default=None, help="Dask scheduler address (default: a LocalCluster).")
@pass_app
def ingest_cmd(
    app: App,
    inputs: tuple[str, ...],
    manifest: Path | None,
    batch_size: int | None,
    workers: int | None,
    engine: str,
    scheduler: str | None,
) -> None:
    """Ingest files, folders, JSONL/CSV, HTML, Markdown, URLs or - (stdin) into the store.

    Site furniture is dropped, a near-copy of a stored story is linked to it,
    and re-ingesting the same text stores nothing new. With --manifest and no
    INPUTS, the files the manifest lists are ingested. Inputs that cannot be
    read are named on stderr; the others still go in, and the exit code is 1.
    A document whose extraction fails is named on stderr too (`dyad --debug
    ingest` adds the traceback), recorded in the store (see `dyad doctor`) and
    tried again by the next ingest; the others are stored, and the exit code is 1.
    """
    with _progress(app.progress) as progress:

        def say(text: str) -> None:
            if progress is not None:
                progress.console.print(text, markup=False, highlight=False)
            else:
                click.echo(text, err=True)

        def notify(kind: str, item: Document | IngestError | Failed) -> None:
            if not isinstance(item, Document):  # an input that could not be read, a document that failed
                say(f"dyad: {one_line(item.line())}")
            if isinstance(item, (Document, IngestError)):
                name = item.source
            else:
                name = item.document.source
                if app.debug:
                    say(for_terminal(item.failure.detail.rstrip()))
            if progress is not None:
                progress.update(progress.task_ids[0], advance=1, last=one_line(str(name or ""))[-60:])

        report = app.db().ingest(inputs, manifest, workers=workers, engine=engine, scheduler=scheduler,
                                 batch_size=batch_size, notify=notify)
    if not app.quiet:
        click.echo(report.summary(), err=True)
    if report.failed:
        raise SystemExit(1)


COMMANDS = [ingest_cmd]
