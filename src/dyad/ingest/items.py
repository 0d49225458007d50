"""What readers yield: raw texts with their metadata, or an error naming the input."""

from __future__ import annotations

from dataclasses import dataclass, field

from dyad.ingest.meta import Meta


@dataclass
class IngestError:
    """One input that could not be read; `source` names it."""

    source: str
    problem: str

    def line(self) -> str:
        return f"{self.source}: {self.problem}"


@dataclass
class RawText:
    """A text as read, before normalisation; `html` marks markup still to be extracted."""

    source: str
    text: str
    meta: Meta = field(default_factory=Meta)
    html: bool = False
    path: str | None = None  # the file it came from, to look up in a manifest
