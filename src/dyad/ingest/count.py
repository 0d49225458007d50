"""How many documents a list of inputs holds, when that can be known cheaply (for a progress total)."""

from __future__ import annotations

from pathlib import Path

from dyad.ingest.urls import is_url

LINE_RECORDS = {".jsonl", ".ndjson"}


def _records_in(path: Path) -> int:
    """Non-blank lines of a JSON Lines file."""
    with path.open("rb") as fh:
        return sum(1 for line in fh if line.strip())


def count_inputs(inputs: list[str]) -> int | None:
    """Documents in the inputs: one per plain file or URL, one per line of a JSON Lines file;
    None when some input cannot be counted without reading it (a folder, stdin, CSV, JSON)."""
    total = 0
    for raw in inputs:
        if is_url(raw):
            total += 1
            continue
        path = Path(raw)
        if raw == "-" or not path.is_file():
            return None
        suffix = path.suffix.lower()
        if suffix in LINE_RECORDS:
            try:
                total += _records_in(path)
            except OSError:
                return None
        elif suffix in {".csv", ".tsv", ".json"}:
            return None
        else:
            total += 1
    return total
