"""Table layout derived from the records, so a field is declared in one place only.

An `Evidence` field named `x` becomes columns `x_start`, `x_end` (the field
named `evidence` becomes `start`, `end`); its document id is the row's
`doc_id`. Every extraction table starts with `doc_id` and `idx`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import types
import typing
from functools import cache
from typing import Any, Literal

import pyarrow as pa
from pydantic import BaseModel

from dyad.records import (
    Actor,
    ActorMention,
    Claim,
    EntityMention,
    Event,
    Evidence,
    Quote,
    Relation,
    Sentence,
)
from dyad.store.aggregate_tables import AGGREGATE_DDL
from dyad.store.fusion_tables import FUSION_DDL, FUSION_INDEXES
from dyad.store.pair_tables import PAIR_DDL

SCHEMA_VERSION = 12

# table name -> (record class, field of DocExtraction holding the rows)
EXTRACTION_TABLES: dict[str, tuple[type[BaseModel], str]] = {
    "sentences": (Sentence, "sentences"),
    "entities": (EntityMention, "entities"),
    "actors": (Actor, "actors"),
    "mentions": (ActorMention, "mentions"),
    "events": (Event, "events"),
    "quotes": (Quote, "quotes"),
    "claims": (Claim, "claims"),
    "relations": (Relation, "relations"),
}

DOCUMENTS_DDL = """
CREATE TABLE IF NOT EXISTS documents (
    id VARCHAR PRIMARY KEY,
    title VARCHAR,
    outlet VARCHAR,
    url VARCHAR,
    published DATE,
    language VARCHAR,
    source VARCHAR,
    source_name VARCHAR,
    near_copy_of VARCHAR,
    near_copy_score DOUBLE,
    n_chars INTEGER,
    n_words INTEGER,
    model VARCHAR,
    ingested_at TIMESTAMP,
    text VARCHAR,
    ref VARCHAR,
    author VARCHAR,
    section VARCHAR,
    keywords VARCHAR[],
    extra VARCHAR
);
CREATE TABLE IF NOT EXISTS doc_minhash (
    doc_id VARCHAR PRIMARY KEY,
    hashvalues UBIGINT[]
);
"""

WATCH_DDL = """
CREATE TABLE IF NOT EXISTS watch_seen (
    source VARCHAR,
    item VARCHAR,
    seen_at TIMESTAMP,
    PRIMARY KEY (source, item)
);
CREATE TABLE IF NOT EXISTS watch_alerts (
    key VARCHAR PRIMARY KEY,
    kind VARCHAR,
    dyad VARCHAR,
    fired_at TIMESTAMP,
    alert VARCHAR
);
"""

# The full-text index (dyad.store.fulltext): a unit is a document (idx -1: its title and text)
# or one of its quotations (idx = the quote's idx: speaker and quoted words); `length` counts
# its indexed words. One row of search_terms per distinct word of a unit, with the unit's length
# again so that ranking needs no join.
SEARCH_DDL = """
CREATE TABLE IF NOT EXISTS search_units (
    doc_id VARCHAR,
    idx INTEGER,
    length INTEGER
);
CREATE TABLE IF NOT EXISTS search_terms (
    term VARCHAR,
    doc_id VARCHAR,
    idx INTEGER,
    tf INTEGER,
    length INTEGER
);
CREATE INDEX IF NOT EXISTS search_terms_term ON search_terms(term);
CREATE INDEX IF NOT EXISTS search_terms_doc ON search_terms(doc_id);
CREATE INDEX IF NOT EXISTS search_units_doc ON search_units(doc_id);
"""

# Documents whose extraction failed (version 6): one row per document id, kept until the
# document is stored; a later run retries them. See docs/schema.md.
FAILURES_DDL = """
CREATE TABLE IF NOT EXISTS failures (
    doc_id VARCHAR PRIMARY KEY,
    source VARCHAR,
    title VARCHAR,
    stage VARCHAR,
    reason VARCHAR,
    detail VARCHAR,
    attempts INTEGER,
    first_failed TIMESTAMP,
    last_failed TIMESTAMP
);
"""


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """(inner type, nullable) of `X | None`."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0], True
    return annotation, False


def _sql_type(annotation: Any) -> str:
    inner, _ = _unwrap(annotation)
    if typing.get_origin(inner) is Literal:
        return "VARCHAR"
    if typing.get_origin(inner) is list:
        return "VARCHAR[]"
    if typing.get_origin(inner) is dict:
        return "VARCHAR"  # JSON text
    return {str: "VARCHAR", int: "INTEGER", float: "DOUBLE", bool: "BOOLEAN", dt.date: "DATE"}[inner]


def _is_evidence(annotation: Any) -> bool:
    return _unwrap(annotation)[0] is Evidence


def _evidence_columns(name: str) -> tuple[str, str]:
    return ("start", "end") if name == "evidence" else (f"{name}_start", f"{name}_end")


def evidence_columns(record: type[BaseModel]) -> list[tuple[str, str]]:
    """(start column, end column) of every Evidence field of a record's table."""
    return [_evidence_columns(name) for name, f in record.model_fields.items() if _is_evidence(f.annotation)]


def columns(record: type[BaseModel]) -> list[tuple[str, str]]:
    """(column, SQL type) for a record's table, after doc_id and idx."""
    cols: list[tuple[str, str]] = []
    for name, field in record.model_fields.items():
        if _is_evidence(field.annotation):
            start, end = _evidence_columns(name)
            cols += [(start, "INTEGER"), (end, "INTEGER")]
        else:
            cols.append((name, _sql_type(field.annotation)))
    return cols


def table_ddl(table: str, record: type[BaseModel]) -> str:
    body = ",\n    ".join(f'"{c}" {t}' for c, t in row_columns(record))
    return f"CREATE TABLE IF NOT EXISTS {table} (\n    {body}\n);"


def all_ddl() -> str:
    parts = [DOCUMENTS_DDL, WATCH_DDL, FAILURES_DDL]
    parts += [table_ddl(t, rec) for t, (rec, _) in EXTRACTION_TABLES.items()]
    parts += [f"CREATE INDEX IF NOT EXISTS {t}_doc ON {t}(doc_id);" for t in EXTRACTION_TABLES]
    parts.append(SEARCH_DDL)
    parts += [FUSION_DDL, FUSION_INDEXES, AGGREGATE_DDL, PAIR_DDL]
    return "\n".join(parts)


def table_columns() -> dict[str, list[tuple[str, str]]]:
    """(column, SQL type) of every table but schema_version, in the order the DDL creates them."""
    tables: dict[str, list[tuple[str, str]]] = {}
    tables.update(ddl_columns(DOCUMENTS_DDL + WATCH_DDL + SEARCH_DDL + FAILURES_DDL))
    for table, (record, _) in EXTRACTION_TABLES.items():
        tables[table] = row_columns(record)
    tables.update(ddl_columns(FUSION_DDL))
    tables.update(ddl_columns(AGGREGATE_DDL))
    tables.update(ddl_columns(PAIR_DDL))
    return tables


def ddl_columns(ddl: str) -> dict[str, list[tuple[str, str]]]:
    """(column, SQL type) of each table a block of CREATE TABLE statements creates."""
    tables: dict[str, list[tuple[str, str]]] = {}
    for name, body in re.findall(r"CREATE TABLE IF NOT EXISTS (\w+) \((.*?)\);", ddl, re.S):
        pairs = [line.strip().rstrip(",").split()[:2] for line in body.strip().splitlines()
                 if not line.strip().startswith("PRIMARY KEY")]
        tables[name] = [(column.strip('"'), sql) for column, sql in pairs]
    return tables


ARROW_TYPES = {
    "VARCHAR": pa.string(),
    "INTEGER": pa.int32(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
    "VARCHAR[]": pa.list_(pa.string()),
    "TIMESTAMP": pa.timestamp("us"),
    "UBIGINT[]": pa.list_(pa.uint64()),
}


def row_columns(record: type[BaseModel]) -> list[tuple[str, str]]:
    """All columns of a record's table: doc_id, idx, then the record's own."""
    return [("doc_id", "VARCHAR"), ("idx", "INTEGER"), *columns(record)]


def arrow_schema(cols: list[tuple[str, str]]) -> pa.Schema:
    """The Arrow layout of (column, SQL type) pairs, for bulk inserts and Parquet shards."""
    return pa.schema([(name, ARROW_TYPES[sql]) for name, sql in cols])


@cache
def record_schema(record: type[BaseModel]) -> pa.Schema:
    return arrow_schema(row_columns(record))


def to_arrow(record: type[BaseModel], rows: list[tuple[Any, ...]]) -> pa.Table:
    """Table rows (from `to_row`) of one record type as one Arrow table."""
    schema = record_schema(record)
    return pa.Table.from_arrays(
        [pa.array(list(col), type=field.type) for col, field in zip(zip(*rows, strict=True), schema, strict=True)], schema=schema
    )


def document_value(name: str, value: Any) -> Any:
    """A Document field as the documents table holds it: the extra fields as JSON text."""
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else None
    return value


def document_fields(row: dict[str, Any]) -> dict[str, Any]:
    """A documents-table row back as Document fields (the JSON text of the extra fields parsed)."""
    from dyad.records import Document

    values = {k: v for k, v in row.items() if k in Document.model_fields}
    values["extra"] = json.loads(values["extra"]) if values.get("extra") else {}
    values["keywords"] = list(values.get("keywords") or [])
    return values


@cache
def fields_of(record: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """(field name, whether it is Evidence) of a record, in column order, worked out once per type."""
    return tuple((name, _is_evidence(f.annotation)) for name, f in record.model_fields.items())


def to_row(doc_id: str, idx: int, item: BaseModel) -> tuple[Any, ...]:
    row: list[Any] = [doc_id, idx]
    for name, evidence in fields_of(type(item)):
        value = getattr(item, name)
        if evidence:
            row += [value.start, value.end] if value is not None else [None, None]
        else:
            row.append(value)
    return tuple(row)


def from_row(record: type[BaseModel], doc_id: str, row: dict[str, Any]) -> BaseModel:
    values: dict[str, Any] = {}
    for name, field in record.model_fields.items():
        if _is_evidence(field.annotation):
            start, end = _evidence_columns(name)
            values[name] = (
                Evidence(doc_id=doc_id, start=row[start], end=row[end]) if row[start] is not None else None
            )
        else:
            values[name] = row[name]
    return record(**values)
