"""`dyad events`: list CAMEO events with their evidence (`dyad export events` writes them to files)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from dyad.present.cli import App, pass_app
from dyad.present.export import FULL_COLUMNS
from dyad.present.hints import hint_if_empty
from dyad.present.output import chosen_format, emit, format_option

TABLE_COLUMNS = ["doc", "when", "source", "target", "code", "modality", "evidence"]
EVIDENCE_WIDTH = 90
DOC_WIDTH = 12


def _short(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= EVIDENCE_WIDTH else text[: EVIDENCE_WIDTH - 1] + "\u2026"


FILTERS = [
    click.option("--source", multiple=True, help="Only events whose source is this state (ISO3; repeatable)."),
    click.option("--target", multiple=True, help="Only events whose target is this state (ISO3; repeatable)."),
    click.option("--root", multiple=True, help="Only this CAMEO root, 01..20 (repeatable)."),
    click.option("--realis/--all", "realis_only", default=True, show_default=True,
                 help="Only events the text asserts happened, or all (planned, hypothetical, denied ... too)."),
    click.option("--since", help="Only events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
    click.option("--until", help="Only events on or before this date."),
    click.option("--doc", help="Only events of this document (its own id, id, id prefix, file name or title)."),
]


def with_filters(f: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(FILTERS):
        f = option(f)
    return f


@click.command("events")
@with_filters
@click.option("--limit", type=int, default=None, help="Show at most this many events.")
@format_option
@pass_app
def events_cmd(
    app: App, source: tuple[str, ...], target: tuple[str, ...], root: tuple[str, ...], realis_only: bool,
    since: str | None, until: str | None, doc: str | None, limit: int | None, as_json: bool, as_csv: bool,
) -> None:
    """List CAMEO-coded events between states, with the sentence each came from.

    By default only events the text asserts (realis); --all adds planned,
    expected, hypothetical, conditional, demanded and denied ones, marked in
    the `realis` and `modality` columns. Dates are the event's own date when
    the text gives one (`when`), else the document's publication day.
    """
    found = app.db(read_only=True).events(source, target, root, realis_only, since, until, doc, limit)
    rows = [r.as_dict() for r in found]
    fmt = chosen_format(as_json, as_csv)
    hint_if_empty(rows, "events" if realis_only else "events (realis or not)", source=source, target=target,
                  root=root, since=since, until=until, doc=doc)
    if fmt == "table":
        for r in rows:
            r["evidence"] = _short(r["evidence"])
            r["doc"] = r["doc"][:DOC_WIDTH]
        emit(rows, TABLE_COLUMNS, fmt, title="events" + ("" if realis_only else " (all)"))
    else:
        emit(rows, FULL_COLUMNS, fmt)


COMMANDS = [events_cmd]
