"""Files of records, one document each: JSON Lines, CSV/TSV and JSON arrays.

Records stream through one at a time; a line longer than `max_line_bytes` is
skipped unread, JSON nested deeper than `max_nesting` is refused, and a CSV
field can never grow past the line limit, so memory stays bounded whatever
the file holds.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

from dyad.ingest.decode import DecodeError, decode, looks_binary
from dyad.ingest.files import NotRegular, bounded_lines, open_regular, read_limited, reason
from dyad.ingest.items import IngestError, RawText, note
from dyad.ingest.meta import meta_from_mapping
from dyad.ingest.normalize import scrub
from dyad.ingest.structured import StructureError, load_json
from dyad.settings import Settings

RECORD_SUFFIXES = {".jsonl", ".ndjson", ".json", ".csv", ".tsv"}
_SNIFF = 65536


class LineTooLong(Exception):
    """A CSV line over the limit: the csv module cannot skip it, so the file stops there."""


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
    notes: list[str] = []
    meta = meta_from_mapping(record, notes)
    return RawText(source=source, text=scrub(body), meta=meta, html=html, notes=notes)


def _json_lines(lines: Iterable[bytes | None], name: str, settings: Settings) -> Iterator[RawText | IngestError]:
    noted: set[str] = set()  # how lines were decoded, said once per file
    for number, raw in enumerate(lines, start=1):
        source = f"{name}:{number}"
        if raw is None:
            yield IngestError(source, f"line longer than {settings.max_line_bytes} bytes; skipped")
            continue
        if not raw.strip():
            continue
        try:
            line = decode(raw)
            record = load_json(line.text, settings.max_nesting)
        except (DecodeError, StructureError) as exc:
            yield IngestError(source, str(exc))
            continue
        except ValueError as exc:
            yield IngestError(source, f"broken JSON line ({exc})")
            continue
        item = record_to_raw(record, source, settings.max_bytes)
        if isinstance(item, RawText) and line.note and line.note not in noted:
            noted.add(line.note)
            item.notes.insert(0, f"{line.note}; later lines read the same way are not noted")
        yield item


class TextLines:
    """Decoded lines for the csv module: a line that is not in the file's encoding is read with
    replacement characters and counted; a line over the limit stops the file."""

    def __init__(self, fh: BinaryIO, encoding: str, limit: int) -> None:
        self.raw = bounded_lines(fh, limit)
        self.encoding = encoding
        self.replaced = 0
        self.first = True

    def __iter__(self) -> Iterator[str]:
        for raw in self.raw:
            if raw is None:
                raise LineTooLong
            if self.first and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            self.first = False
            try:
                yield raw.decode(self.encoding)
            except UnicodeDecodeError:
                self.replaced += 1
                yield raw.decode(self.encoding, "replace")


def table_encoding(fh: BinaryIO) -> tuple[str, str | None]:
    """(codec, note) from the first 64 KiB: UTF-8 unless those bytes say otherwise."""
    head = fh.read(_SNIFF)
    fh.seek(0)
    if looks_binary(head):
        raise DecodeError("binary file")
    try:
        head.decode("utf-8")
        return "utf-8", None
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3 and len(head) == _SNIFF:  # a character cut at the end of the sample
            return "utf-8", None
    found = decode(head)
    return found.encoding, found.note


def _table(fh: BinaryIO, name: str, settings: Settings, delimiter: str) -> Iterator[RawText | IngestError]:
    codec, encoding_note = table_encoding(fh)
    if encoding_note:
        note(name, encoding_note)
    # A field can never be longer than the line limit; the csv module holds one field at a time.
    csv.field_size_limit(settings.max_line_bytes)
    lines = TextLines(fh, codec, settings.max_line_bytes)
    reader = csv.DictReader(iter(lines), delimiter=delimiter)
    try:
        if not reader.fieldnames or ("text" not in reader.fieldnames and "html" not in reader.fieldnames):
            yield IngestError(name, "no `text` column")
            return
        for row in reader:
            yield record_to_raw(row, f"{name}:{reader.line_num}", settings.max_bytes)
    except csv.Error as exc:
        yield IngestError(f"{name}:{reader.line_num}", f"broken CSV ({exc}); the rest of the file is skipped")
    except LineTooLong:
        yield IngestError(f"{name}:{reader.line_num + 1}",
                          f"line longer than {settings.max_line_bytes} bytes; the rest of the file is skipped")
    if lines.replaced:
        note(name, f"{lines.replaced} line(s) not in {codec}: their undecodable bytes were replaced")


def _json_file(fh: BinaryIO, name: str, settings: Settings) -> Iterator[RawText | IngestError]:
    data = read_limited(fh, settings.max_line_bytes)
    if data is None:
        yield IngestError(name, f"too large (more than {settings.max_line_bytes} bytes of JSON)")
        return
    try:
        found = decode(data)
        value = load_json(found.text, settings.max_nesting)
    except (DecodeError, StructureError) as exc:
        yield IngestError(name, str(exc))
        return
    except ValueError as exc:
        yield IngestError(name, f"broken JSON ({exc})")
        return
    if found.note:
        note(name, found.note)
    records = value if isinstance(value, list) else [value]
    for index, record in enumerate(records):
        yield record_to_raw(record, f"{name}[{index}]", settings.max_bytes)


def read_records(path: Path, name: str, settings: Settings) -> Iterator[RawText | IngestError]:
    """Stream the records of one file; a broken record is one error, the others still come."""
    suffix = path.suffix.lower()
    try:
        with open_regular(path) as fh:
            if suffix in (".jsonl", ".ndjson"):
                yield from _json_lines(bounded_lines(fh, settings.max_line_bytes), name, settings)
            elif suffix in (".csv", ".tsv"):
                yield from _table(fh, name, settings, "\t" if suffix == ".tsv" else ",")
            else:
                yield from _json_file(fh, name, settings)
    except NotRegular as exc:
        yield IngestError(name, f"{exc}; not read")
    except OSError as exc:
        yield IngestError(name, f"cannot read ({reason(exc)})")
    except DecodeError as exc:
        yield IngestError(name, str(exc))


def read_json_lines_text(text: str, name: str, settings: Settings) -> Iterator[RawText | IngestError]:
    """JSON Lines given as one string (stdin)."""
    data = io.BytesIO(text.encode("utf-8", "surrogatepass"))
    yield from _json_lines(bounded_lines(data, settings.max_line_bytes), name, settings)
