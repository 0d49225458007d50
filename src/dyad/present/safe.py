"""Text from articles made safe to show: in a terminal, in JSON, and in a spreadsheet.

Article text, titles and file names are data an attacker may write. Printed as
they are, an escape sequence (ESC [ ...) can rewrite or hide what a terminal
shows, a bidirectional override can reorder it, and a CSV cell that starts
with `=`, `+`, `-` or `@` is run as a formula by spreadsheet programs.

- `for_terminal`: control characters (C0 but tab and newline, DEL, C1) and the
  bidirectional embedding, override and isolate controls become visible
  escapes (`\\x1b`, `\\u202e`); `one_line` escapes tab and newline too, for
  messages that must stay one line.
- `json_text`: the same characters as JSON `\\u` escapes, which a JSON reader
  turns back into the very characters: nothing is lost.
- `markdown_text`: text for one Markdown line: whitespace runs become one
  space, and the characters Markdown or HTML would read as syntax (`<`, `&`,
  brackets, emphasis, code, table bars) are backslash-escaped, so a CommonMark
  renderer shows `<script>` or `[x](javascript:...)` as the very text.
- `spreadsheet_cell`: a text cell that a spreadsheet would read as a formula
  gets a leading apostrophe (OWASP's advice for CSV injection), and control
  characters but tab and newline are escaped; numbers are left alone, so -2.0
  stays a number.

Every function is one pass over the text.
"""

from __future__ import annotations

import re
from typing import Any

_C0 = [c for c in range(0x20) if c not in (0x09, 0x0A)]
_BIDI = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_LINES = [0x2028, 0x2029]
_UNSAFE = [*_C0, 0x7F, *range(0x80, 0xA0), *_BIDI, *_LINES]


def _escape(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_TERMINAL = {code: _escape(code) for code in _UNSAFE}
_CONTROLS = {code: _escape(code) for code in [*_C0, 0x7F, *range(0x80, 0xA0)]}
_ONE_LINE = {**_TERMINAL, 0x09: "\\t", 0x0A: "\\n"}
_JSON_ESCAPE = re.compile("[" + "".join(re.escape(chr(c)) for c in [0x7F, *range(0x80, 0xA0), *_BIDI, *_LINES]) + "]")

_MARKDOWN = re.compile(r"([\\`*_\[\]<>&|~])")

# what a spreadsheet reads as the start of a formula (tab and carriage return included, as OWASP lists them)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def for_terminal(text: str) -> str:
    """The text with every control character and bidi control shown as an escape; lines kept."""
    return text.translate(_TERMINAL)


def one_line(text: str) -> str:
    """The text on one line, every control character shown as an escape (for messages on stderr)."""
    return text.translate(_ONE_LINE)


def json_text(dumped: str) -> str:
    """JSON text with DEL, C1 and bidi controls as `\\uXXXX` escapes (json.dumps escapes C0 itself)."""
    return _JSON_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def markdown_text(text: str) -> str:
    """Plain text on one Markdown line, shown by a CommonMark renderer as written: no HTML, link or emphasis."""
    return _MARKDOWN.sub(r"\\\1", for_terminal(" ".join(text.split())))


def spreadsheet_cell(value: Any) -> Any:
    """A text cell that cannot start a formula and holds no control character; other values as they are."""
    if not isinstance(value, str):
        return value
    text = value.translate(_CONTROLS)
    return "'" + text if value.startswith(FORMULA_START) else text
