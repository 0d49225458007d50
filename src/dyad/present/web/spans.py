"""A document's text cut into nested highlighted spans, displaCy-style, from stored offsets.

Spans (actor mentions, event triggers, quotations, numbers) may nest (a name
inside a quotation) but never cross: a span that starts inside another and
ends after it is cut at the other's end and goes on in a second piece. The
result is a tree of text runs and spans that a template prints recursively,
escaping every run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

KINDS = {
    "actor": "actor mention",
    "trigger": "event trigger",
    "quote": "quotation",
    "number": "numeric claim",
}
# which span is outside when two have the same extent
NESTING = {"quote": 0, "actor": 1, "number": 2, "trigger": 3}


@dataclass
class Span:
    """One highlighted stretch: its kind, a short label, and the link to its record."""

    start: int
    end: int
    kind: str
    label: str
    href: str
    title: str = ""


@dataclass
class Node:
    """A run of text (`span` None) or a span with what it holds."""

    start: int
    end: int
    span: Span | None = None
    children: list[Node] = field(default_factory=list)

    def as_dict(self, text: str) -> dict[str, Any]:
        if self.span is None:
            return {"text": text[self.start : self.end]}
        s = self.span
        return {"kind": s.kind, "label": s.label, "href": s.href, "title": s.title,
                "start": self.start, "end": self.end, "children": [c.as_dict(text) for c in self.children]}


def _pieces(spans: list[Span], length: int) -> list[Span]:
    """Spans inside the text, sorted outer first, with crossing ones cut where the outer one ends."""
    todo = sorted(
        (s for s in spans if 0 <= s.start < s.end <= length),
        key=lambda s: (s.start, -s.end, NESTING.get(s.kind, 9)),
    )
    out: list[Span] = []
    stack: list[Span] = []
    while todo:
        s = todo.pop(0)
        while stack and stack[-1].end <= s.start:
            stack.pop()
        if stack and s.end > stack[-1].end:
            cut = stack[-1].end
            rest = Span(cut, s.end, s.kind, s.label, s.href, s.title)
            s = Span(s.start, cut, s.kind, s.label, s.href, s.title)
            todo.append(rest)
            todo.sort(key=lambda t: (t.start, -t.end, NESTING.get(t.kind, 9)))
        out.append(s)
        stack.append(s)
    return out


def _fill(node: Node, inner: list[Node]) -> None:
    """Put text runs between the node's child spans."""
    at = node.start
    children: list[Node] = []
    for child in inner:
        if child.start > at:
            children.append(Node(at, child.start))
        children.append(child)
        at = child.end
    if at < node.end:
        children.append(Node(at, node.end))
    node.children = children


def highlight(text: str, spans: list[Span]) -> list[dict[str, Any]]:
    """The text as a tree of runs and spans (plain dicts: `text`, or `kind`, `label`, `href`, `children`)."""
    root = Node(0, len(text))
    stack: list[tuple[Node, list[Node]]] = [(root, [])]
    for s in _pieces(spans, len(text)):
        while stack[-1][0] is not root and stack[-1][0].end <= s.start:
            node, inner = stack.pop()
            _fill(node, inner)
        node = Node(s.start, s.end, s)
        stack[-1][1].append(node)
        stack.append((node, []))
    while stack:
        node, inner = stack.pop()
        _fill(node, inner)
    return [c.as_dict(text) for c in root.children]
