"""A manifest: metadata for plain files, one record per file (JSON Lines or CSV).

Each record names a `file`, relative to the manifest's own folder, and may
give `published`, `title`, `outlet`, `url` and `language`; null or empty
values mean unknown. Other fields are ignored. A manifest is read as a
stream, with the same line and nesting limits as a file of records, and a
`file` that leads outside the manifest's folder is refused: a manifest that
came with a corpus cannot make dyad read the rest of the disk.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from dyad.ingest.decode import DecodeError, decode
from dyad.ingest.files import bounded_lines, open_regular, reason
from dyad.ingest.items import IngestError, note
from dyad.ingest.jsonl import LineTooLong, TextLines, table_encoding
from dyad.ingest.meta import Meta, meta_from_mapping
from dyad.ingest.structured import StructureError, load_json
from dyad.settings import Settings


@dataclass
class Manifest:
    path: Path
    entries: dict[str, Meta] = field(default_factory=dict)  # real path of the file -> metadata
    errors: list[IngestError] = field(default_factory=list)

    def meta_for(self, file: str | Path) -> Meta:
        return self.entries.get(os.path.realpath(file), Meta())

    def files(self) -> list[Path]:
        return [Path(p) for p in self.entries]


def _table_records(fh: BinaryIO, path: Path, settings: Settings) -> Iterator[tuple[str, object]]:
    codec, _ = table_encoding(fh)
    csv.field_size_limit(settings.max_line_bytes)
    reader = csv.DictReader(iter(TextLines(fh, codec, settings.max_line_bytes)),
                            delimiter="\t" if path.suffix.lower() == ".tsv" else ",")
    try:
        for row in reader:
            yield f"{path}:{reader.line_num}", row
    except csv.Error as exc:
        yield f"{path}:{reader.line_num}", f"broken CSV ({exc}); the rest of the manifest is skipped"
    except LineTooLong:
        yield f"{path}:{reader.line_num + 1}", "line too long; the rest of the manifest is skipped"


def _json_records(fh: BinaryIO, path: Path, settings: Settings) -> Iterator[tuple[str, object]]:
    for number, raw in enumerate(bounded_lines(fh, settings.max_line_bytes), start=1):
        where = f"{path}:{number}"
        if raw is None:
            yield where, f"line longer than {settings.max_line_bytes} bytes; skipped"
        elif raw.strip():
            try:
                yield where, load_json(decode(raw).text, settings.max_nesting)
            except (DecodeError, StructureError) as exc:
                yield where, str(exc)
            except ValueError as exc:
                yield where, f"broken JSON line ({exc})"


def _target(folder: str, file: object) -> str | None:
    """The real path a record's `file` names, or None when it is not a path inside the folder."""
    if not isinstance(file, str) or not file or "\x00" in file:
        return None
    target = os.path.realpath(os.path.join(folder, file))
    return target if target.startswith(folder.rstrip(os.sep) + os.sep) else None


def load_manifest(path: Path, settings: Settings | None = None) -> Manifest:
    settings = settings or Settings()
    manifest = Manifest(path)
    folder = os.path.realpath(path.parent)
    try:
        with open_regular(path) as fh:
            records = _table_records if path.suffix.lower() in (".csv", ".tsv") else _json_records
            for where, record in records(fh, path, settings):
                if isinstance(record, str):
                    manifest.errors.append(IngestError(where, record))
                elif not isinstance(record, dict) or not record.get("file"):
                    manifest.errors.append(IngestError(where, "manifest record without a `file`"))
                elif (target := _target(folder, record["file"])) is None:
                    manifest.errors.append(IngestError(where, "manifest `file` outside the manifest's folder"))
                else:
                    notes: list[str] = []
                    manifest.entries[target] = meta_from_mapping(record, notes)
                    for line in notes:
                        note(where, line)
    except OSError as exc:
        manifest.errors.append(IngestError(str(path), f"cannot read manifest ({reason(exc)})"))
    except DecodeError as exc:
        manifest.errors.append(IngestError(str(path), f"manifest: {exc}"))
    return manifest
