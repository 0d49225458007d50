"""Read a fusion gold file (docs/fusion-gold.md): expected stories with their mentions, and contradictions."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyad.evaluate.gold import GoldError


@dataclass(frozen=True)
class GoldMention:
    story: str  # the gold story's id
    order: int  # position in the file, which breaks ties when pairing
    doc: str
    source: str
    target: str
    root: str
    code: str | None
    realis: bool
    negated: bool
    when: str | None

    @property
    def pair(self) -> frozenset[str]:
        return frozenset((self.source, self.target))


@dataclass(frozen=True)
class GoldStory:
    id: str
    pair: tuple[str, str]
    root: str
    when: str | None
    until: str | None
    status: str  # happened, planned, denied
    mentions: tuple[GoldMention, ...]


@dataclass(frozen=True)
class GoldContradiction:
    type: str  # figure, relation, realis
    a: dict[str, Any]
    b: dict[str, Any]
    relation: str | None = None
    story: str | None = None

    @property
    def docs(self) -> frozenset[str]:
        return frozenset((self.a["doc"], self.b["doc"]))


@dataclass
class FusionGold:
    stories: list[GoldStory] = field(default_factory=list)
    contradictions: list[GoldContradiction] = field(default_factory=list)

    @property
    def docs(self) -> list[str]:
        """Every document the file names, in order of first appearance."""
        names = [m.doc for s in self.stories for m in s.mentions]
        names += [d for c in self.contradictions for d in (c.a["doc"], c.b["doc"])]
        return list(dict.fromkeys(names))

    @property
    def mentions(self) -> list[GoldMention]:
        return [m for s in self.stories for m in s.mentions]


def _story(obj: dict[str, Any], order: int) -> tuple[GoldStory, int]:
    mentions = []
    for m in obj["mentions"]:
        mentions.append(GoldMention(
            story=obj["id"], order=order, doc=m["doc"], source=m["source"], target=m["target"], root=m["root"],
            code=m.get("code"), realis=bool(m["realis"]), negated=bool(m.get("negated", False)), when=m.get("when"),
        ))
        order += 1
    pair = obj["pair"]
    story = GoldStory(obj["id"], (pair[0], pair[1]), obj["root"], obj.get("when"), obj.get("until"),
                      obj["status"], tuple(mentions))
    return story, order


def is_fusion_gold(path: Path) -> bool:
    """Whether a gold file is a fusion gold file (its records have a `kind`)."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                try:
                    return "kind" in json.loads(line)
                except ValueError:
                    return False
    return False


def load_fusion_gold(path: Path) -> FusionGold:
    gold = FusionGold()
    order = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            if obj["kind"] == "story":
                story, order = _story(obj, order)
                gold.stories.append(story)
            elif obj["kind"] == "contradiction":
                gold.contradictions.append(GoldContradiction(
                    obj["type"], obj["a"], obj["b"], obj.get("relation"), obj.get("story")))
            else:
                raise ValueError(f"unknown kind {obj['kind']!r}")
        except (ValueError, KeyError, TypeError) as exc:
            raise GoldError(f"{path}:{number}: {exc}") from exc
    return gold
