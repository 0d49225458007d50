"""`dyad doctor`: check that the store is whole, list failed documents, and make the safe repairs."""

from __future__ import annotations

import click

from dyad.present.cli import App, pass_app
from dyad.present.output import as_row, emit, json_dumps
from dyad.present.safe import one_line

FAILURE_COLUMNS = ["doc_id", "source", "stage", "reason", "attempts", "last_failed"]


@click.command("doctor")
@click.option("--repair", is_flag=True, help="Make the repairs that are safe, then check again.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def doctor_cmd(app: App, repair: bool, as_json: bool) -> None:
    """Check the store: schema version, keys, evidence spans, orphan and duplicate rows.

    Exits 0 when the store is whole, else lists each problem and exits 1.
    Documents whose extraction failed are listed too (they are not a problem
    of the store: the next ingest of their sources tries them again). With
    --repair, rows that belong to no document are deleted, links to missing
    documents cleared, and a document whose rows are broken is dropped and
    listed as failed, so that ingesting its source again stores it whole.
    """
    db = app.db(read_only=not repair)
    found = db.doctor(repair=repair)
    failed = db.failures() if found.version is not None else []
    if as_json:
        data = {
            "store": str(db.path), "version": found.version, "expected": found.expected, "ok": found.ok,
            "problems": [p.as_dict() for p in found.problems], "repaired": found.repaired,
            "failures": [as_row(f) for f in failed],
        }
        click.echo(json_dumps(data, indent=2))
    else:
        click.echo(f"store {one_line(str(db.path))}: schema version {found.version} (this dyad: {found.expected})")
        for line in found.repaired:
            click.echo(f"repaired: {line}")
        for problem in found.problems:
            click.echo(f"problem: {problem.check}: {one_line(problem.message)}")
        if failed:
            emit(failed, FAILURE_COLUMNS, "table", title=f"{len(failed)} document(s) failed extraction")
        click.echo("ok: the store is whole" if found.ok else f"{len(found.problems)} problem(s)")
    if not found.ok:
        raise SystemExit(1)


COMMANDS = [doctor_cmd]
