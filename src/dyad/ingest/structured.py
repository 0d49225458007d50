"""JSON and YAML read with bounds: nesting depth, no YAML aliases or anchors, no typed YAML values.

Deep nesting must not reach Python's recursion limit (a `RecursionError` is a
traceback, not a message), and a YAML alias bomb of a few hundred bytes
expands to gigabytes once anything walks or prints it: both are refused
before any value is built. YAML scalars stay strings (`2025-13-45` is not
turned into a date that cannot exist; `no` is not `False`); only `null`,
`~` and an empty value mean "not given".
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import yaml
from yaml.nodes import Node


class StructureError(ValueError):
    """Structured data that dyad refuses to read; the message says why."""


def too_deep(value: Any, limit: int) -> bool:
    """Containers nested more than `limit` levels (walked without recursion)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children: Iterable[Any]
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def load_json(text: str | bytes, max_depth: int) -> Any:
    """`json.loads` with a nesting limit; raises StructureError or ValueError (broken JSON)."""
    try:
        value = json.loads(text)
    except RecursionError as exc:
        raise StructureError(f"JSON nested deeper than {max_depth} levels") from exc
    if too_deep(value, max_depth):
        raise StructureError(f"JSON nested deeper than {max_depth} levels")
    return value


class _BoundedLoader(yaml.BaseLoader):  # type: ignore[misc]
    """Every scalar a string (or None for null); aliases, anchors and deep nesting refused."""

    max_depth = 64

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise StructureError("YAML anchors and aliases are not accepted")
        self._depth += 1
        if self._depth > self.max_depth:
            raise StructureError(f"YAML nested deeper than {self.max_depth} levels")
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_BoundedLoader.add_implicit_resolver("tag:yaml.org,2002:null", yaml.resolver.Resolver.yaml_implicit_resolvers["~"][0][1],
                                     ["~", "n", "N", ""])
_BoundedLoader.add_constructor("tag:yaml.org,2002:null", lambda loader, node: None)


def load_yaml(text: str, max_depth: int) -> Any:
    """One YAML document, bounded as above; raises StructureError or yaml.YAMLError."""
    loader = _BoundedLoader(text)
    loader.max_depth = max_depth
    try:
        return loader.get_single_data()
    except RecursionError as exc:  # a parser stage deeper than the composer's own count
        raise StructureError(f"YAML nested deeper than {max_depth} levels") from exc
    finally:
        loader.dispose()
