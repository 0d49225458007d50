"""Where sources disagree: figures, asserted vs denied relations, happened vs planned.

Every contradiction keeps both sides' evidence (document, outlet, offsets, words).
Only different documents contradict each other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from dyad.codes import symmetric_relations
from dyad.fuse.config import fusion_config
from dyad.fuse.corroboration import Figure, consistent, subject_similarity
from dyad.fuse.stories import Story
from dyad.stored import Cited, RelationItem


@dataclass(frozen=True)
class Side:
    """One source's version: what it says and where."""

    says: str
    cited: Cited


@dataclass(frozen=True)
class Contradiction:
    kind: str  # figure, relation, realis
    subject: str  # what both sides are about
    a: str  # the states involved, where known
    b: str
    first: Side
    second: Side

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        return (self.kind, self.subject, self.first.cited.doc_id, self.second.cited.doc_id, self.first.says)


def _fmt(value: float, unit: str) -> str:
    if unit == "share":
        return f"{value:.1%}"
    text = f"{value:,.0f}" if value == int(value) else f"{value:,.3g}"
    return f"{text} {unit}"


def figure_contradictions(
    figs: Sequence[Figure], tolerance: float = 0.02, min_similarity: float | None = None
) -> list[Contradiction]:
    """Figures of one subject whose values differ beyond tolerance, stated in different documents.

    Both claims must name what they measure (`about`), similar enough to be one subject;
    a bound ("more than 10") does not contradict a value on its open side (12).
    """
    if min_similarity is None:
        min_similarity = float(fusion_config()["claim_subject_min_similarity"])
    out: dict[tuple, Contradiction] = {}
    by_subject: dict[int, list[Figure]] = {}
    for f in figs:
        by_subject.setdefault(f.subject, []).append(f)
    for group in by_subject.values():
        for i, fa in enumerate(group):
            for fb in group[i + 1 :]:
                for ca in fa.claims:
                    for cb in fb.claims:
                        if ca.doc.id == cb.doc.id or ca.doc.copy_root == cb.doc.copy_root:
                            continue
                        if subject_similarity(ca.about, cb.about) < min_similarity or consistent(ca, cb, tolerance):
                            continue
                        actors = sorted(set(ca.actors) | set(cb.actors))
                        c = Contradiction(
                            "figure",
                            f"{ca.about} ({fa.unit})",
                            actors[0] if actors else "",
                            actors[1] if len(actors) > 1 else "",
                            Side(_fmt(ca.value, fa.unit), ca.cited),
                            Side(_fmt(cb.value, fb.unit), cb.cited),
                        )
                        out.setdefault((fa.subject, fa.value, fb.value, ca.doc.id, cb.doc.id), c)
    return list(out.values())


def relation_key(r: RelationItem) -> tuple[str, str, str]:
    """(type, a, b) with the pair sorted for symmetric types."""
    if r.type in symmetric_relations() and not r.directed:
        a, b = sorted((r.a, r.b))
        return r.type, a, b
    return r.type, r.a, r.b


def relation_contradictions(relations: Sequence[RelationItem]) -> list[Contradiction]:
    """A relation one document asserts (+) and another denies (-), for the same pair and type."""
    by_key: dict[tuple[str, str, str], dict[str, dict[str, RelationItem]]] = {}
    for r in relations:
        sides = by_key.setdefault(relation_key(r), {"+": {}, "-": {}})
        sides.setdefault(r.polarity, {}).setdefault(r.doc.id, r)  # first evidence per document
    out = []
    for (kind, a, b), sides in sorted(by_key.items()):
        for pos in sides["+"].values():
            for neg in sides["-"].values():
                if pos.doc.id == neg.doc.id:
                    continue
                out.append(
                    Contradiction(
                        "relation", f"{a} {kind} {b}", a, b,
                        Side(f"{kind} (asserted)", pos.cited), Side(f"not {kind} (denied)", neg.cited),
                    )
                )
    return out


def realis_contradictions(stories: Sequence[Story]) -> list[Contradiction]:
    """A story one source reports as having happened on a given day and another, writing
    after that day, reports as only planned, hypothetical or denied (see Story.doubters)."""
    out = []
    for s in stories:
        real = [m for m in s.mentions if m.realis]
        for m in s.doubters():
            lead = min(real, key=lambda r: (r.doc.published or dt.date.max, r.doc.id, r.idx))
            if lead.doc.copy_root == m.doc.copy_root:
                continue
            out.append(
                Contradiction(
                    "realis", f"{s.source}-{s.target} {s.family} ({s.id})", s.source, s.target,
                    Side(f"happened ({lead.code})", lead.cited), Side(f"{m.modality} ({m.code})", m.cited),
                )
            )
    return out


def all_contradictions(
    figs: Sequence[Figure], relations: Sequence[RelationItem], stories: Sequence[Story], tolerance: float = 0.02
) -> list[Contradiction]:
    return relation_contradictions(relations) + figure_contradictions(figs, tolerance) + realis_contradictions(stories)
