"""`dyad demo`: ingest the embedded example corpus, print the summary, write a report."""

from __future__ import annotations

from pathlib import Path

import click

from dyad.present.cli import App, pass_app
from dyad.present.commands.ingest import report_errors
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
    run = app.db().demo(report_path)
    report_errors(run.ingest.errors)
    if not app.quiet:
        click.echo(f"example corpus: {run.ingest.summary()}", err=True)
    emit(run.summary, ["what", "count"], "table", title=f"dyad store {app.settings.db}")
    click.echo(f"report written to {run.report}")
    if run.ingest.failed:
        raise SystemExit(1)


COMMANDS = [demo_cmd]
