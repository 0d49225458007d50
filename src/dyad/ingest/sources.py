"""Read inputs (files, folders) into Documents; bad inputs become IngestError items."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from dyad.ingest.normalize import document_id, normalize_text
from dyad.records import Document
from dyad.settings import Settings


@dataclass
class IngestError:
    """One input that could not be read; `source` names it."""

    source: str
    problem: str

    def line(self) -> str:
        return f"{self.source}: {self.problem}"


def read_file(path: Path, settings: Settings) -> Document | IngestError:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return IngestError(str(path), f"cannot read ({exc.strerror or exc})")
    if len(data) > settings.max_bytes:
        return IngestError(str(path), f"too large ({len(data)} bytes > {settings.max_bytes})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return IngestError(str(path), f"not UTF-8 text (byte {exc.start})")
    text = normalize_text(text)
    if not text:
        return IngestError(str(path), "empty")
    return Document(id=document_id(text), text=text, source=str(path))


def iter_documents(inputs: list[str], settings: Settings) -> Iterator[Document | IngestError]:
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                yield read_file(child, settings)
        elif path.exists():
            yield read_file(path, settings)
        else:
            yield IngestError(raw, "no such file or directory")
