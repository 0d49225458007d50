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
    from dyad.run import Failed, Notify


def report_errors(errors: list[IngestError]) -> None:
    """One `dyad: <input>: <problem>` line per error, on stderr."""
    for err in errors:
        click.echo(f"dyad: {one_line(err.line())}", err=True)


@contextmanager
def progress_notify(
    show: bool, total: int | None, first_step: str = "loading model", debug: bool = False
) -> Iterator[Notify]:
    """A Notify that names every input that could not be read and every document that failed on
    stderr (with its traceback under `debug`), and drives a rich progress bar there when a person
    watches (with its total and ETA when `total` is known, `first_step` shown until the first
    input is settled)."""
    from dyad.run import Failed

    def lines(item: Document | IngestError | Failed) -> list[str]:
        if isinstance(item, Document):
            return []
        said = [f"dyad: {one_line(item.line())}"]
        if debug and not isinstance(item, IngestError):
            said.append(for_terminal(item.failure.detail.rstrip()))
        return said

    def plain(kind: str, item: Document | IngestError | Failed) -> None:
        for line in lines(item):
            click.echo(line, err=True)

    if not show:
        yield plain
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn()]
    if total is not None:
        columns.append(TimeRemainingColumn())
    columns.append(TextColumn("{task.fields[last]}", style="dim", markup=False))
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(first_step, total=total, last="")

        def notify(kind: str, item: Document | IngestError | Failed) -> None:
            for line in lines(item):
                progress.console.print(line, markup=False, highlight=False)
            name = item.document.source if isinstance(item, Failed) else item.source
            progress.update(task, advance=1, description="ingesting", last=one_line(str(name or ""))[-60:])

        yield notify


@click.command("ingest")
@click.argument("inputs", nargs=-1)
@click.option("--manifest", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="JSONL or CSV of metadata (file, id, published, title, outlet, url, language, author, ...) "
                   "for plain files.")
@click.option("--update-metadata", is_flag=True,
              help="Correct the metadata of documents already stored (found by their text) from these inputs, "
                   "without extracting them again.")
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
    update_metadata: bool,
    batch_size: int | None,
    workers: int | None,
    engine: str,
    scheduler: str | None,
) -> None:
    """Ingest files, folders, JSONL/CSV, HTML, Markdown, URLs or - (stdin) into the store.

    Site furniture is dropped, a near-copy of a stored story is linked to it,
    and re-ingesting the same text stores nothing new. The input's own fields
    (`id`, `author`, `section`, `keywords` and any other) are kept with the
    document. With --manifest and no INPUTS, the files the manifest lists are
    ingested. Inputs that cannot be read are named on stderr; the others still
    go in, and the exit code is 1. A document whose extraction fails is named on
    stderr too (`dyad --debug ingest` adds the traceback), recorded in the store
    (see `dyad doctor`) and tried again by the next ingest; the others are
    stored, and the exit code is 1.
    """
    from dyad.ingest.count import count_inputs

    db = app.db()
    total = count_inputs(list(inputs)) if inputs else None
    if update_metadata:
        with progress_notify(app.progress, total, "reading", app.debug) as notify:
            fixed = db.update_metadata(inputs, manifest, notify=notify)
        if not app.quiet:
            click.echo(fixed.summary(), err=True)
        if fixed.failed:
            raise SystemExit(1)
        return
    with progress_notify(app.progress, total, debug=app.debug) as notify:
        report = db.ingest(inputs, manifest, workers=workers, engine=engine, scheduler=scheduler,
                           batch_size=batch_size, notify=notify)
    if not app.quiet:
        click.echo(report.summary(), err=True)
    if report.failed:
        raise SystemExit(1)


COMMANDS = [ingest_cmd]
