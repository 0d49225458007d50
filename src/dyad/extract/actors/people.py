"""The people of one document found so far, shared by the finders that run after the person finder."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from dyad.extract.actors.readings import Reading


@dataclass
class People:
    """Person mentions found so far: token index -> actor key, and each mention's reading."""

    by_token: dict[int, str] = field(default_factory=dict)
    spans: list[tuple[Span, str]] = field(default_factory=list)
    readings: list[tuple[Span, str, Reading]] = field(default_factory=list)

    def key_at(self, token: Token) -> str | None:
        return self.by_token.get(token.i)

    def add(self, span: Span, key: str) -> None:
        self.spans.append((span, key))
        for i in range(span.start, span.end):
            self.by_token[i] = key

    def forget(self, key: str) -> None:
        """Drop a person found to be no actor of the document."""
        self.spans = [(s, k) for s, k in self.spans if k != key]
        self.by_token = {i: k for i, k in self.by_token.items() if k != key}
        self.readings = [(s, k, r) for s, k, r in self.readings if k != key]
