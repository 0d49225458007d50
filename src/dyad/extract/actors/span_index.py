"""Character spans held in order of their start, to find those over given characters by bisection.

It answers as an index from each character to the spans over it (appended as
they are added) would, in that index's order, without a list per character.
"""

from __future__ import annotations

import bisect
import itertools

Span = tuple[int, int]  # (start, end) character offsets


class SpanIndex:
    def __init__(self) -> None:
        self._held: list[tuple[int, int, int]] = []  # (start, end, when added), sorted
        self._when: dict[Span, int] = {}
        self._added = itertools.count()
        self._longest = 0

    def add(self, span: Span) -> None:
        """Hold a span (not held already)."""
        start, end = span
        when = next(self._added)
        self._when[span] = when
        bisect.insort(self._held, (start, end, when))
        self._longest = max(self._longest, end - start)

    def remove(self, span: Span) -> None:
        """Let go of a held span."""
        held = (*span, self._when.pop(span))
        del self._held[bisect.bisect_left(self._held, held)]

    def over(self, start: int, end: int) -> list[Span]:
        """The spans over any character of start..end, in the order a walk over those characters, each
        character's spans in the order they were added, first meets them."""
        if start >= end:
            return []
        found = [(max(s, start), when, (s, e)) for s, e, when in self._near(start, end) if s < e and start < e]
        return [span for _, _, span in sorted(found)]

    def at(self, char: int) -> list[Span]:
        """The spans over one character, in the order they were added."""
        return [span for _, span in sorted((when, (s, e)) for s, e, when in self._near(char, char + 1) if char < e)]

    def _near(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """Held spans that start before `end` and late enough to reach `start`."""
        lo = bisect.bisect_left(self._held, (start - self._longest,))
        hi = bisect.bisect_left(self._held, (end,))
        return self._held[lo:hi]
