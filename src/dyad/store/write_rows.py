"""A write batch's rows as Arrow tables, one per table, built a column at a time.

One Arrow insert per table and batch is what makes writing cheap: DuckDB runs
`INSERT ... SELECT` over Arrow without the GIL, where a statement per row
(`executemany`) or a Python tuple per row holds it while the next batch is parsed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from operator import attrgetter
from pathlib import PurePosixPath
from typing import Any

import duckdb
import pyarrow as pa
from pydantic import BaseModel

from dyad.records import DocExtraction, Document
from dyad.store.schema import DOCUMENTS_DDL, arrow_schema, ddl_columns, document_value, fields_of, record_schema

_TABLES = ddl_columns(DOCUMENTS_DDL)
DOCUMENTS_SCHEMA = arrow_schema(_TABLES["documents"])
MINHASH_SCHEMA = arrow_schema(_TABLES["doc_minhash"])


def insert(con: duckdb.DuckDBPyConnection, table: str, rows: pa.Table) -> None:
    """Append an Arrow table whose columns are the table's own, in its order."""
    con.register("_dyad_rows", rows)
    try:
        con.execute(f"INSERT INTO {table} SELECT * FROM _dyad_rows")
    finally:
        con.unregister("_dyad_rows")


def _table(schema: pa.Schema, columns: dict[str, list[Any]]) -> pa.Table:
    return pa.Table.from_arrays([pa.array(columns[f.name], type=f.type) for f in schema], schema=schema)


def documents_table(written: Sequence[tuple[Document, str]], now: dt.datetime) -> pa.Table:
    """documents rows of (document, model name) pairs; ingested_at a microsecond apart, so it keeps
    the order the documents arrived in."""
    columns: dict[str, list[Any]] = {
        name: [document_value(name, getattr(d, name)) for d, _ in written] for name in Document.model_fields
    }
    derived = [derived_fields(d) for d, _ in written]
    for i, name in enumerate(("source_name", "n_chars", "n_words")):
        columns[name] = [row[i] for row in derived]
    columns["model"] = [model for _, model in written]
    columns["ingested_at"] = [now + dt.timedelta(microseconds=i) for i in range(len(written))]
    return _table(DOCUMENTS_SCHEMA, columns)


def minhash_table(hashes: Sequence[tuple[str, list[int]]]) -> pa.Table:
    """doc_minhash rows of (document id, signature) pairs."""
    return _table(MINHASH_SCHEMA, {"doc_id": [d for d, _ in hashes], "hashvalues": [h for _, h in hashes]})


def extraction_table(record: type[BaseModel], attr: str, written: Sequence[tuple[str, DocExtraction]]) -> pa.Table | None:
    """The rows of one extraction table (records of `attr` of each extraction), or None when there are none."""
    held = [(doc_id, of_doc) for doc_id, x in written if (of_doc := getattr(x, attr))]
    if not held:
        return None
    items: list[BaseModel] = [item for _, of_doc in held for item in of_doc]
    columns: list[list[Any]] = [
        [doc_id for doc_id, of_doc in held for _ in of_doc],
        [i for _, of_doc in held for i in range(len(of_doc))],
    ]
    for name, evidence in fields_of(record):
        values = list(map(attrgetter(name), items))
        if evidence:
            columns.append([v.start if v is not None else None for v in values])
            columns.append([v.end if v is not None else None for v in values])
        else:
            columns.append(values)
    schema = record_schema(record)
    return pa.Table.from_arrays([pa.array(c, type=f.type) for c, f in zip(columns, schema, strict=True)], schema=schema)


def derived_fields(document: Document) -> tuple[str | None, int, int]:
    """What the documents table computes from a document: its source's file name, characters, words."""
    return source_name(document.source), len(document.text), len(document.text.split())


def source_name(source: str | None) -> str | None:
    """The file name of a source path or URL, which gold files use to name documents."""
    if not source:
        return None
    return PurePosixPath(source.replace("\\", "/").rstrip("/")).name or source
