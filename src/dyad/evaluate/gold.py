"""Read a gold JSON Lines file: one object per document, as ../shared/gold/FORMAT.md describes."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyad.evaluate import LAYERS

Item = dict[str, Any]


class GoldError(ValueError):
    """A gold file that cannot be read; the message names the file and line."""


@dataclass
class GoldDoc:
    """The gold items of one document, keyed by layer."""

    doc: str
    published: str | None = None
    layers: dict[str, list[Item]] = field(default_factory=lambda: {layer: [] for layer in LAYERS})

    def items(self, layer: str) -> list[Item]:
        return self.layers.get(layer, [])


def parse_gold_line(obj: Any) -> GoldDoc:
    if not isinstance(obj, dict) or not isinstance(obj.get("doc"), str):
        raise ValueError('expected an object with a "doc" file name')
    layers: dict[str, list[Item]] = {}
    for layer in LAYERS:
        items = obj.get(layer) or []
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise ValueError(f'"{layer}" must be a list of objects')
        layers[layer] = items
    return GoldDoc(doc=obj["doc"], published=obj.get("published"), layers=layers)


def load_gold(path: str | Path) -> list[GoldDoc]:
    """All documents of a gold file, in file order; a bad line raises GoldError."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot read gold file ({exc})") from exc
    docs: list[GoldDoc] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            doc = parse_gold_line(json.loads(line))
        except (json.JSONDecodeError, ValueError) as exc:
            raise GoldError(f"{path}:{number}: {exc}") from exc
        if doc.doc in seen:
            raise GoldError(f"{path}:{number}: document {doc.doc} appears twice")
        seen.add(doc.doc)
        docs.append(doc)
    return docs
