"""`dyad demo`: ingest the embedded example corpus, print the summary, write a report."""

from __future__ import annotations

from pathlib import Path

import click

from dyad.present.cli import App, pass_app
from dyad.present.commands.ingest import report_errors
from dyad.present.commands.summary import summary_rows
from dyad.present.output import emit

DEFAULT_REPORT = Path("reports/demo-report.md")


@click.command("demo")
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_REPORT,
    show_default=True,
    help="Markdown report to write.",
)
@pass_app
def demo_cmd(app: App, report_path: Path) -> None:
    """Ingest the embedded example articles, print a summary and write a report.

    The articles (short news reports under fictional outlet names) ship with
    dyad; they go into the store named by --db like any other input, so
    running the demo twice stores nothing new.
    """
    from dyad.examples import example_files
    from dyad.ingest.runner import ingest_documents
    from dyad.ingest.sources import iter_documents
    from dyad.present.report import write_report
    from dyad.scale import extractor_for

    settings = app.settings
    store = app.store()
    # The files, not the folder: the package folder also holds __init__.py.
    items = iter_documents([str(p) for p in example_files()], settings)
    result = ingest_documents(
        items, store, extractor_for(settings, settings.workers), near_copy_threshold=settings.near_copy_threshold
    )
    report_errors(result.errors)
    if not app.quiet:
        click.echo(f"example corpus: {result.summary()}", err=True)
    rows = summary_rows(store)
    emit(rows, ["what", "count"], "table", title=f"dyad store {settings.db}")
    written = write_report(store, rows, report_path)
    click.echo(f"report written to {written}")
    if result.failed:
        raise SystemExit(1)


COMMANDS = [demo_cmd]
