"""`dyad ingest`: read sources, drop furniture, link near-copies, extract, store."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from dyad.present.cli import App, pass_app


def report_errors(errors: list) -> None:
    """One `dyad: <input>: <problem>` line per error, on stderr."""
    for err in errors:
        click.echo(f"dyad: {err.line()}", err=True)


@contextmanager
def _progress(show: bool) -> Iterator[object]:
    """A rich progress line on stderr, or a do-nothing stand-in."""
    if not show:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    columns = (SpinnerColumn(), TextColumn("ingesting"), BarColumn(), TextColumn("{task.completed} input(s)"),
               TimeElapsedColumn(), TextColumn("{task.fields[last]}", style="dim"))
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
    """
    from dyad.ingest.runner import ingest_documents
    from dyad.ingest.sources import iter_documents
    from dyad.scale import extractor_for

    if not inputs and manifest is None:
        raise click.UsageError("give at least one input (file, folder, URL or -), or --manifest")
    if batch_size:
        app.settings.batch_size = batch_size
    settings = app.settings
    items = iter_documents(list(inputs), settings, manifest)
    try:
        extractor = extractor_for(settings, workers or settings.workers, engine, scheduler)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    with _progress(app.progress) as progress:

        def notify(kind: str, item: object) -> None:
            if kind == "error":
                line = f"dyad: {item.line()}"  # type: ignore[attr-defined]
                if progress is not None:
                    progress.console.print(line, markup=False, highlight=False)  # type: ignore[attr-defined]
                else:
                    click.echo(line, err=True)
            if progress is not None:
                name = getattr(item, "source", None) or ""
                progress.update(progress.task_ids[0], advance=1, last=str(name)[-60:])  # type: ignore[attr-defined]

        report = ingest_documents(
            items, app.store(), extractor, near_copy_threshold=settings.near_copy_threshold, notify=notify
        )
    if not app.quiet:
        click.echo(report.summary(), err=True)
    if report.failed:
        raise SystemExit(1)


COMMANDS = [ingest_cmd]
