"""Print rows as a rich table, JSON or CSV; every listing command goes through here.

What the rows hold came from articles, so nothing is printed as it is (see
`dyad.present.safe`): table cells are plain text (never rich markup) with
control characters escaped; JSON has those characters as `\\u` escapes and a
figure that is not finite as null (JSON has no Infinity); a CSV cell that a
spreadsheet would run as a formula starts with an apostrophe.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
import math
import sys
from collections.abc import Sequence
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from dyad.present.safe import for_terminal, json_text, spreadsheet_cell

FORMATS = ("table", "json", "csv")


def format_option(f: Any) -> Any:
    """Adds --json / --csv (and --format) to a listing command."""
    f = click.option("--csv", "as_csv", is_flag=True, help="Print CSV.")(f)
    f = click.option("--json", "as_json", is_flag=True, help="Print JSON.")(f)
    return f


def chosen_format(as_json: bool, as_csv: bool) -> str:
    return "json" if as_json else "csv" if as_csv else "table"


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 4) if math.isfinite(value) else None
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        return f"{value:.3g}" if abs(value) < 1e6 else f"{value:,.0f}"
    return str(_plain(value))


def table_text(value: str) -> Text:
    """A table cell or title: plain text, never read as rich markup, control characters escaped."""
    return Text(for_terminal(value))


def as_row(record: Any) -> dict[str, Any]:
    """A record (a dict, a record with `as_dict`, or a dataclass) as a plain dict."""
    if isinstance(record, dict):
        return record
    if hasattr(record, "as_dict"):
        row: dict[str, Any] = record.as_dict()
        return row
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}
    raise TypeError(f"cannot print a {type(record).__name__} as a row")


def emit(records: Sequence[Any], columns: Sequence[str], fmt: str, title: str | None = None) -> None:
    """Write rows (dicts or records) to stdout in the chosen format."""
    rows = [as_row(r) for r in records]
    if fmt == "json":
        data = [{c: _plain(r.get(c)) for c in columns} for r in rows]
        click.echo(json_dumps(data, indent=2))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        for r in rows:
            values = (r.get(c) for c in columns)
            writer.writerow([spreadsheet_cell(";".join(map(str, v)) if isinstance(v, list) else _plain(v)) for v in values])
    else:
        table = Table(title=table_text(title) if title else None, show_lines=False)
        for c in columns:
            table.add_column(c, overflow="fold")
        for r in rows:
            table.add_row(*[table_text(_cell(r.get(c))) for c in columns])
        Console(soft_wrap=False).print(table)


def json_dumps(data: Any, indent: int | None = None) -> str:
    """JSON of plain data, safe for a terminal and for any JSON reader (no NaN or Infinity)."""
    return json_text(json.dumps(_plain(data), ensure_ascii=False, indent=indent, default=str, allow_nan=False))
