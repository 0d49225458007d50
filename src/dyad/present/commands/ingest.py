"""`dyad ingest`: read sources, drop furniture, link near-copies, extract, store."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from dyad.ingest.items import IngestError
from dyad.present.cli import App, pass_app
from dyad.records import Document

if TYPE_CHECKING:
    from dyad.run import Notify


def report_errors(errors: list[IngestError]) -> None:
    """One `dyad: <input>: <problem>` line per error, on stderr."""
    for err in errors:
        click.echo(f"dyad: {err.line()}", err=True)


@contextmanager
def progress_notify(show: bool, total: int | None, first_step: str = "loading model") -> Iterator[Notify]:
    """A Notify that drives a rich progress bar on stderr (with its total and ETA when `total` is
    known, and `first_step` shown until the first input is settled), or that only reports errors."""

    def plain(kind: str, item: Document | IngestError) -> None:
        if kind == "error" and isinstance(item, IngestError):
            click.echo(f"dyad: {item.line()}", err=True)

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
    columns.append(TextColumn("{task.fields[last]}", style="dim"))
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(first_step, total=total, last="")

        def notify(kind: str, item: Document | IngestError) -> None:
            if kind == "error" and isinstance(item, IngestError):
                progress.console.print(f"dyad: {item.line()}", markup=False, highlight=False)
            name = getattr(item, "source", None) or ""
            progress.update(task, advance=1, description="ingesting", last=str(name)[-60:])

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
    go in, and the exit code is 1.
    """
    from dyad.ingest.count import count_inputs

    db = app.db()
    total = count_inputs(list(inputs)) if inputs else None
    if update_metadata:
        with progress_notify(app.progress, total, "reading") as notify:
            fixed = db.update_metadata(inputs, manifest, notify=notify)
        if not app.quiet:
            click.echo(fixed.summary(), err=True)
        if fixed.failed:
            raise SystemExit(1)
        return
    with progress_notify(app.progress, total) as notify:
        report = db.ingest(inputs, manifest, workers=workers, engine=engine, scheduler=scheduler,
                           batch_size=batch_size, notify=notify)
    if not app.quiet:
        click.echo(report.summary(), err=True)
    if report.failed:
        raise SystemExit(1)


COMMANDS = [ingest_cmd]
