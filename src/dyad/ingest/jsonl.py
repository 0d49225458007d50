"""Files of records, one document each: JSON Lines, CSV/TSV and JSON arrays."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from dyad.ingest.decode import DecodeError, decode_bytes, looks_binary
from dyad.ingest.items import IngestError, RawText
from dyad.ingest.meta import meta_from_mapping

RECORD_SUFFIXES = {".jsonl", ".ndjson", ".json", ".csv", ".tsv"}


def record_to_raw(record: Any, source: str, max_bytes: int) -> RawText | IngestError:
    """One record: its `text` (or `html`) and metadata fields; `id` and others are ignored."""
    if not isinstance(record, Mapping):
        return IngestError(source, "not a JSON object")
    html = False
    body = record.get("text")
    if not (isinstance(body, str) and body.strip()) and isinstance(record.get("html"), str):
        body, html = record["html"], True
    if body is None:
        return IngestError(source, "no `text` field")
    if not isinstance(body, str):
        return IngestError(source, "`text` is not a string")
    if len(body.encode("utf-8", "surrogatepass")) > max_bytes:
        return IngestError(source, f"too large (more than {max_bytes} bytes)")
    return RawText(source=source, text=body, meta=meta_from_mapping(record), html=html)


def _json_lines(lines: Iterable[bytes], name: str, max_bytes: int) -> Iterator[RawText | IngestError]:
    for number, raw in enumerate(lines, start=1):
        source = f"{name}:{number}"
        if not raw.strip():
            continue
        try:
            line = decode_bytes(raw)
            record = json.loads(line)
        except DecodeError as exc:
            yield IngestError(source, str(exc))
            continue
        except ValueError as exc:
            yield IngestError(source, f"broken JSON line ({exc})")
            continue
        yield record_to_raw(record, source, max_bytes)


def _table(lines: Iterable[str], name: str, max_bytes: int, delimiter: str) -> Iterator[RawText | IngestError]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    reader = csv.DictReader(lines, delimiter=delimiter)
    try:
        if not reader.fieldnames or ("text" not in reader.fieldnames and "html" not in reader.fieldnames):
            yield IngestError(name, "no `text` column")
            return
        for row in reader:
            yield record_to_raw(row, f"{name}:{reader.line_num}", max_bytes)
    except csv.Error as exc:
        yield IngestError(f"{name}:{reader.line_num}", f"broken CSV ({exc})")
    except UnicodeDecodeError as exc:
        yield IngestError(f"{name}:{reader.line_num + 1}", f"not UTF-8 text (byte {exc.start} of the line)")


def read_records(path: Path, name: str, max_bytes: int) -> Iterator[RawText | IngestError]:
    """Stream the records of one file; a broken record is one error, the others still come."""
    suffix = path.suffix.lower()
    try:
        if suffix in (".jsonl", ".ndjson"):
            with path.open("rb") as fh:
                yield from _json_lines(fh, name, max_bytes)
            return
        if suffix in (".csv", ".tsv"):
            with path.open("rb") as fh:
                if looks_binary(fh.read(8192)):
                    yield IngestError(name, "binary file")
                    return
            with path.open(encoding="utf-8-sig", newline="") as fh:
                yield from _table(fh, name, max_bytes, "\t" if suffix == ".tsv" else ",")
            return
        text = decode_bytes(path.read_bytes())
    except OSError as exc:
        yield IngestError(name, f"cannot read ({exc.strerror or exc})")
        return
    except DecodeError as exc:
        yield IngestError(name, str(exc))
        return
    try:
        data = json.loads(text)
    except ValueError as exc:
        yield IngestError(name, f"broken JSON ({exc})")
        return
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records):
        yield record_to_raw(record, f"{name}[{index}]", max_bytes)


def read_json_lines_text(text: str, name: str, max_bytes: int) -> Iterator[RawText | IngestError]:
    """JSON Lines given as one string (stdin)."""
    yield from _json_lines((line.encode("utf-8") for line in text.splitlines()), name, max_bytes)
