"""What readers yield: raw texts with their metadata, or an error naming the input; and notes."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from dyad.ingest.meta import Meta

# C0 and C1 control characters but tab and newline: never echoed raw to a terminal.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LOG = logging.getLogger("dyad.ingest")


def printable(text: str) -> str:
    """`text` with control characters and lone surrogates shown as escapes, on one line."""
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return _CONTROLS.sub(lambda m: repr(m.group(0))[1:-1], text).replace("\n", "\\n").replace("\t", "\\t")


@dataclass
class IngestError:
    """One input that could not be read; `source` names it."""

    source: str
    problem: str

    def line(self) -> str:
        return f"{printable(self.source)}: {printable(self.problem)}"


@dataclass
class RawText:
    """A text as read, before normalisation; `html` marks markup still to be extracted."""

    source: str
    text: str
    meta: Meta = field(default_factory=Meta)
    html: bool = False
    path: str | None = None  # the file it came from, to look up in a manifest
    notes: list[str] = field(default_factory=list)  # what was dropped or guessed while reading


def note(source: str, message: str) -> None:
    """One `dyad: <input>: <message>` line on stderr for something read with a change (not a failure)."""
    _LOG.warning("dyad: %s: %s", printable(source), printable(message))
