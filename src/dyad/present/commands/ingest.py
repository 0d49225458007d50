"""`dyad ingest`: read sources, extract, store."""

from __future__ import annotations

from pathlib import Path

import click

from dyad.present.cli import App, pass_app


def report_errors(errors: list) -> None:
    for err in errors:
        click.echo(f"dyad: {err.line()}", err=True)


@click.command("ingest")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--manifest", type=click.Path(path_type=Path), help="JSONL or CSV of metadata for plain files.")
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
    """Ingest files, folders, JSONL, HTML, URLs or - (stdin) into the store.

    Re-ingesting the same text stores nothing new. Inputs that cannot be read
    are named on stderr; the others still go in, and the exit code is 1.
    """
    from dyad.ingest.runner import ingest_documents
    from dyad.ingest.sources import iter_documents
    from dyad.scale import extractor_for

    if batch_size:
        app.settings.batch_size = batch_size
    settings = app.settings
    items = iter_documents(list(inputs), settings)
    extractor = extractor_for(settings, workers or settings.workers, engine, scheduler)
    report = ingest_documents(items, app.store(), extractor)
    report_errors(report.errors)
    if not app.quiet:
        click.echo(
            f"stored {len(report.stored)} new document(s), {len(report.duplicates)} already stored, "
            f"{len(report.errors)} failed",
            err=True,
        )
    if report.failed:
        raise SystemExit(1)


COMMANDS = [ingest_cmd]
