"""Score fusion against a fusion gold file, by the rules of docs/fusion-gold.md.

Mentions: each gold mention is paired with at most one system mention (an
event of the same document, the same unordered pair of states and the same
CAMEO root), most alike first (3-digit code, realis, negation, time), ties
to the gold mention first in the file and the system event first in its
document. Clustering is B-cubed over the matched mentions, reported with the
coverage (matched gold mentions over all). Each gold story is judged on the
system story holding most of its matched mentions: status and time.
Contradictions match on type, the two documents and (figures) the unit or
(relations) the relation type.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from dyad.evaluate.fusion_gold import FusionGold, GoldContradiction, GoldMention
from dyad.fuse.figures import normalise_unit
from dyad.fuse.time import period


@dataclass(frozen=True)
class SysMention:
    doc: str
    idx: int
    story: str
    source: str | None
    target: str | None
    root: str
    code: str
    realis: bool
    negated: bool
    when: str | None


@dataclass(frozen=True)
class SysStory:
    id: str
    status: str
    when: str | None  # the story's own time at its precision
    when_start: dt.date | None
    when_end: dt.date | None
    when_until: str | None = None  # the end of a period `when` starts ("during X's presidency")


@dataclass(frozen=True)
class SysContradiction:
    kind: str
    docs: frozenset[str]
    unit: str | None
    relation: str | None
    label: str


@dataclass
class FusionScore:
    gold_mentions: int = 0
    system_mentions: int = 0
    matched: int = 0
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    stories_judged: int = 0
    status_correct: int = 0
    time_correct: int = 0
    contradictions_gold: int = 0
    contradictions_system: int = 0
    contradictions_matched: int = 0
    details: list[str] = field(default_factory=list)

    @property
    def coverage(self) -> float:
        return self.matched / self.gold_mentions if self.gold_mentions else 0.0

    @property
    def status_accuracy(self) -> float:
        return self.status_correct / self.stories_judged if self.stories_judged else 0.0

    @property
    def time_accuracy(self) -> float:
        return self.time_correct / self.stories_judged if self.stories_judged else 0.0

    @property
    def contradiction_precision(self) -> float:
        s = self.contradictions_system
        return self.contradictions_matched / s if s else (1.0 if not self.contradictions_gold else 0.0)

    @property
    def contradiction_recall(self) -> float:
        g = self.contradictions_gold
        return self.contradictions_matched / g if g else 1.0

    @property
    def contradiction_f1(self) -> float:
        p, r = self.contradiction_precision, self.contradiction_recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def figures(self) -> dict[str, float]:
        """The scores, as `dyad eval --json` prints them and floors pin them."""
        return {
            "bcubed_precision": self.precision, "bcubed_recall": self.recall, "bcubed_f1": self.f1,
            "coverage": self.coverage, "status_accuracy": self.status_accuracy, "time_accuracy": self.time_accuracy,
            "contradiction_precision": self.contradiction_precision,
            "contradiction_recall": self.contradiction_recall, "contradiction_f1": self.contradiction_f1,
        }

    def as_dict(self) -> dict[str, Any]:
        counts = {
            "gold_mentions": self.gold_mentions, "system_mentions": self.system_mentions, "matched": self.matched,
            "stories_judged": self.stories_judged, "status_correct": self.status_correct,
            "time_correct": self.time_correct, "contradictions_gold": self.contradictions_gold,
            "contradictions_system": self.contradictions_system, "contradictions_matched": self.contradictions_matched,
        }
        return {**{k: round(v, 4) for k, v in self.figures().items()}, **counts}


def _time_agrees(system: str | None, gold: str | None) -> bool:
    if not system and not gold:
        return True
    s, g = period(system), period(gold)
    return s is not None and g is not None and g[0] <= s[0] and s[1] <= g[1]


def likeness(g: GoldMention, s: SysMention) -> int:
    return (
        int(g.code is None or g.code == s.code) + int(g.realis == s.realis) + int(g.negated == s.negated)
        + int(_time_agrees(s.when, g.when))
    )


def pair_mentions(gold: Sequence[GoldMention], system: Sequence[SysMention]) -> list[tuple[GoldMention, SysMention]]:
    """One-to-one pairs of the same document, unordered pair of states and root, most alike first."""
    by_key: dict[tuple[Any, ...], list[SysMention]] = {}
    for s in system:
        by_key.setdefault((s.doc, frozenset((s.source, s.target)), s.root), []).append(s)
    candidates = []
    for g in gold:
        for s in by_key.get((g.doc, g.pair, g.root), []):
            candidates.append((-likeness(g, s), g.order, s.idx, g, s))
    candidates.sort(key=lambda c: c[:3])
    used_g: set[int] = set()
    used_s: set[tuple[str, int]] = set()
    pairs = []
    for _, order, idx, g, s in candidates:
        if order in used_g or (s.doc, idx) in used_s:
            continue
        used_g.add(order)
        used_s.add((s.doc, idx))
        pairs.append((g, s))
    return pairs


def bcubed(pairs: Sequence[tuple[GoldMention, SysMention]]) -> tuple[float, float]:
    if not pairs:
        return 0.0, 0.0
    sys_of = Counter(s.story for _, s in pairs)
    gold_of = Counter(g.story for g, _ in pairs)
    both = Counter((s.story, g.story) for g, s in pairs)
    precision = sum(both[(s.story, g.story)] / sys_of[s.story] for g, s in pairs) / len(pairs)
    recall = sum(both[(s.story, g.story)] / gold_of[g.story] for g, s in pairs) / len(pairs)
    return precision, recall


def _story_time_ok(story: SysStory, when: str | None, until: str | None) -> bool:
    """The system story's date (the first day of its own time) falls within the gold's when..until; a
    system period (`when_until`) must end within it too."""
    day = period(story.when)
    if when is None:
        return day is None
    lo = period(when)
    hi = period(until) if until else lo
    if day is None or lo is None or hi is None or not lo[0] <= day[0] <= hi[1]:
        return False
    end = period(story.when_until)
    return end is None or end[1] <= hi[1]


def _contradiction_matches(g: GoldContradiction, s: SysContradiction) -> bool:
    if g.type != s.kind or g.docs != s.docs:
        return False
    if g.type == "figure":
        return normalise_unit(str(g.a.get("unit", ""))) == (s.unit or "")
    if g.type == "relation":
        return g.relation == s.relation
    return True


def score(gold: FusionGold, system: Sequence[SysMention], stories: dict[str, SysStory],
          contradictions: Sequence[SysContradiction]) -> FusionScore:
    result = FusionScore(gold_mentions=len(gold.mentions), system_mentions=len(system))
    pairs = pair_mentions(gold.mentions, system)
    result.matched = len(pairs)
    result.precision, result.recall = bcubed(pairs)
    p, r = result.precision, result.recall
    result.f1 = 2 * p * r / (p + r) if p + r else 0.0
    status_names = {"happened": "happened", "planned": "planned", "not yet": "planned", "denied": "denied"}
    for story in gold.stories:
        mine = [s for g, s in pairs if g.story == story.id]
        if not mine:
            result.details.append(f"FN story {story.id}: no mention matched")
            continue
        counts = Counter(s.story for s in mine)
        best = max(counts, key=lambda k: (counts[k], -min(i for i, s in enumerate(mine) if s.story == k)))
        found = stories[best]
        result.stories_judged += 1
        status_ok = status_names.get(found.status) == story.status
        time_ok = _story_time_ok(found, story.when, story.until)
        result.status_correct += status_ok
        result.time_correct += time_ok
        if len(counts) > 1:
            result.details.append(f"split story {story.id}: over {len(counts)} system stories {dict(counts)}")
        if not status_ok:
            result.details.append(f"status {story.id}: gold {story.status}, system {found.status} ({best})")
        if not time_ok:
            result.details.append(f"time {story.id}: gold {story.when}..{story.until}, system {found.when} ({best})")
    gold_of_sys: dict[str, set[str]] = {}
    for g, s in pairs:
        gold_of_sys.setdefault(s.story, set()).add(g.story)
    for sid, golds in sorted(gold_of_sys.items()):
        if len(golds) > 1:
            result.details.append(f"merged {sid}: holds gold stories {sorted(golds)}")
    matched_s: set[int] = set()
    result.contradictions_gold = len(gold.contradictions)
    result.contradictions_system = len(contradictions)
    for gc in gold.contradictions:
        hit = next((i for i, sc in enumerate(contradictions) if i not in matched_s and _contradiction_matches(gc, sc)),
                   None)
        if hit is None:
            result.details.append(f"FN contradiction {gc.type} {sorted(gc.docs)}")
        else:
            matched_s.add(hit)
    result.contradictions_matched = len(matched_s)
    for i, sc in enumerate(contradictions):
        if i not in matched_s:
            result.details.append(f"FP contradiction {sc.kind} {sorted(sc.docs)}: {sc.label}")
    return result
