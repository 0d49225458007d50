"""A manifest: metadata for plain files, one record per file (JSON Lines or CSV).

Each record names a `file`, relative to the manifest's own folder, and may
give `published`, `title`, `outlet`, `url` and `language`; null or empty
values mean unknown. Other fields are ignored.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from dyad.ingest.decode import DecodeError, decode_bytes
from dyad.ingest.items import IngestError
from dyad.ingest.meta import Meta, meta_from_mapping


@dataclass
class Manifest:
    path: Path
    entries: dict[Path, Meta] = field(default_factory=dict)  # resolved file path -> metadata
    errors: list[IngestError] = field(default_factory=list)

    def meta_for(self, file: str | Path) -> Meta:
        return self.entries.get(Path(file).resolve(), Meta())

    def files(self) -> list[Path]:
        return list(self.entries)


def _records(path: Path, text: str) -> list[tuple[str, object]]:
    """(where, record) pairs; a record that does not parse is (where, the error message)."""
    if path.suffix.lower() in (".csv", ".tsv"):
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter="\t" if path.suffix.lower() == ".tsv" else ",")
        return [(f"{path}:{reader.line_num}", row) for row in reader]
    out: list[tuple[str, object]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            out.append((f"{path}:{number}", json.loads(line)))
        except ValueError as exc:
            out.append((f"{path}:{number}", f"broken JSON line ({exc})"))
    return out


def load_manifest(path: Path) -> Manifest:
    manifest = Manifest(path)
    try:
        text = decode_bytes(path.read_bytes())
    except OSError as exc:
        manifest.errors.append(IngestError(str(path), f"cannot read manifest ({exc.strerror or exc})"))
        return manifest
    except DecodeError as exc:
        manifest.errors.append(IngestError(str(path), f"manifest: {exc}"))
        return manifest
    folder = path.parent
    for where, record in _records(path, text):
        if isinstance(record, str):
            manifest.errors.append(IngestError(where, record))
        elif not isinstance(record, dict) or not record.get("file"):
            manifest.errors.append(IngestError(where, "manifest record without a `file`"))
        else:
            manifest.entries[(folder / str(record["file"])).resolve()] = meta_from_mapping(record)
    return manifest
