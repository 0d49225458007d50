"""Rows (plain dicts) as files other tools read: CSV, JSON Lines, Parquet; a graph as GraphML or GEXF.

One writer for every layer's export, so a column is written the same way in
each: dates as ISO days, lists joined with `;` in CSV and kept as lists in
JSON Lines and Parquet, nothing for a missing value.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from dyad.errors import BAD_FORMAT, PARQUET_NEEDS_FILE

if TYPE_CHECKING:
    import networkx as nx

TABLE_FORMATS = ("csv", "jsonl", "parquet")
GRAPH_FORMATS = ("graphml", "gexf")


def check_format(fmt: str, allowed: Sequence[str]) -> None:
    if fmt not in allowed:
        raise BAD_FORMAT("format", value=fmt, choices=", ".join(allowed))


def _json_value(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ";".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return _json_value(value)


def _parquet_value(value: Any) -> Any:
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else None
    if isinstance(value, tuple):
        return list(value)
    return value


def write_rows(rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str, out: TextIO | Path) -> None:
    """Write `columns` of each row in `fmt` to a text stream, or (always for Parquet) to a file."""
    check_format(fmt, TABLE_FORMATS)
    if fmt == "parquet":
        if not isinstance(out, Path):
            raise PARQUET_NEEDS_FILE()
        import pyarrow as pa
        import pyarrow.parquet as pq

        data = {c: [_parquet_value(r.get(c)) for r in rows] for c in columns}
        table = pa.table(data) if rows else pa.table({c: pa.array([], pa.string()) for c in columns})
        pq.write_table(table, out)
        return
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as handle:
            write_rows(rows, columns, fmt, handle)
        return
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for r in rows:
            writer.writerow([_csv_value(r.get(c)) for c in columns])
        return
    for r in rows:
        out.write(json.dumps({c: _json_value(r.get(c)) for c in columns}, ensure_ascii=False, default=str) + "\n")


def write_graph(graph: nx.Graph, fmt: str, out: TextIO | Path) -> None:
    """The graph as GraphML or GEXF (attributes of nodes and edges kept), to a file or a text stream."""
    import networkx as nx

    check_format(fmt, GRAPH_FORMATS)
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8") as handle:
            write_graph(graph, fmt, handle)
        return
    lines = nx.generate_graphml(graph) if fmt == "graphml" else nx.generate_gexf(graph)
    for line in lines:
        out.write(line + "\n")
