"""Pairing quotation marks: which opening mark goes with which closing mark, one line at a time.

News style leaves the closing mark off a quotation that runs on into the next paragraph and
opens the next paragraph with a new mark; copy that has lost its line breaks then shows an
opening mark while a quotation is still open. When the open stretch ends a sentence, it is
taken as a quotation that ends there (an *unclosed* pair, closed right after its last
character); otherwise the earlier mark is dropped.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

# Opening and closing marks may be curly or straight, and mixed ("...\u201d) as careless copy gives them.
MARK_RE = re.compile(r"[\u201c\u201d\"]")
MAX_QUOTE_CHARS = 3000
OPEN_AFTER = "([{\u2014\u2013-/"  # a mark right after these (or a space) opens
CLOSE_BEFORE = ".,;:!?)]}\u2014\u2013-"  # a mark right before these (or a space) closes
STRETCH_END = ".!?\u2026"  # an open stretch ending with one of these was a quotation whose closing mark was lost


def _role(text: str, k: int) -> str:
    """Whether the mark at k can only open, only close, or either (a straight mark between two words)."""
    if text[k] == "\u201c":
        return "open"
    if text[k] == "\u201d":
        return "close"
    before = text[k - 1] if k else " "
    after = text[k + 1] if k + 1 < len(text) else " "
    opens = (before.isspace() or before in OPEN_AFTER) and not after.isspace()
    closes = not before.isspace() and (after.isspace() or after in CLOSE_BEFORE)
    if opens != closes:
        return "open" if opens else "close"
    return "either"


def _unclosed_end(text: str, opened: int, k: int) -> int | None:
    """Where an open stretch that a new opening mark interrupts ends, if it ends a sentence."""
    end = len(text[:k].rstrip())
    if end <= opened + 1 or text[end - 1] not in STRETCH_END:
        return None
    return end if end < k else k - 1


def mark_pairs(text: str) -> list[tuple[int, int]]:
    """Opening and closing marks paired left to right on one line.

    A mark that can only open while a quotation is open means the earlier one
    was never closed (a dropped mark): when the stretch before it ends a sentence it is a
    quotation closed after its last character (the returned closing offset is then a space,
    not a mark); otherwise it is left out, so one lost mark does not turn every later
    quotation inside out.
    """
    found: list[tuple[int, int]] = []
    opened: int | None = None
    for m in MARK_RE.finditer(text):
        k, role = m.start(), _role(text, m.start())
        if opened is not None and ("\n" in text[opened:k] or k - opened > MAX_QUOTE_CHARS):
            opened = None
        if opened is None:
            if role != "close":
                opened = k
        elif role == "open":
            end = _unclosed_end(text, opened, k)
            if end is not None:
                found.append((opened, end))
            opened = k
        else:
            if k > opened + 1:
                found.append((opened, k))
            opened = None
    return found


def is_mark(text: str, k: int) -> bool:
    """Whether the character at k is a quotation mark (an unclosed pair's end is not)."""
    return 0 <= k < len(text) and MARK_RE.match(text[k]) is not None


@lru_cache(maxsize=8)
def _spans(text: str) -> tuple[list[int], list[int]]:
    pairs = mark_pairs(text)
    return [o for o, _ in pairs], [c + 1 for _, c in pairs]


def in_quotation(text: str, char: int) -> bool:
    """Whether a character lies inside a pair of quotation marks of the text."""
    starts, ends = _spans(text)
    k = bisect.bisect_right(starts, char) - 1
    return k >= 0 and char < ends[k]
