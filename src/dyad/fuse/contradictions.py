"""Relations one source asserts and another denies, in the same scope.

The same standing relation (type and pair; the pair unordered for the
symmetric types) asserted (+) in one document and denied (-) in another,
from different documents that are not copies of one another, published within
`relation_window_days` of each other (one outlet's articles can disagree too). Each document's first statement of each polarity speaks for
it, so two documents give at most one contradiction per relation. Figure
contradictions are in `dyad.fuse.figures`, realis ones in `dyad.fuse.stories`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from dyad.codes import symmetric_relations
from dyad.stored.fusion_items import ContradictionItem, RelationFeature


def relation_block(type: str, a: str, b: str, directed: bool) -> tuple[str, str, str]:
    """(type, a, b) with the pair sorted for symmetric types."""
    if type in symmetric_relations() and not directed:
        a, b = sorted((a, b))
    return type, a, b


def first_per_document(relations: Iterable[RelationFeature]) -> list[RelationFeature]:
    """Each document's first statement of each relation and polarity."""
    seen: dict[tuple[str, str, str], RelationFeature] = {}
    for r in sorted(relations, key=lambda r: (r.doc_id, r.idx)):
        seen.setdefault((r.block, r.doc_id, r.polarity), r)
    return list(seen.values())


def relation_contradictions(
    new: Sequence[RelationFeature], stored: Sequence[RelationFeature], window_days: int
) -> list[ContradictionItem]:
    """Contradictions with at least one side among `new` (both lists: first statements per document)."""
    out: dict[tuple[str, str, str], ContradictionItem] = {}
    fresh = {(r.doc_id, r.idx) for r in new}
    pool = list({(r.doc_id, r.idx): r for r in [*stored, *new]}.values())
    by_block: dict[str, list[RelationFeature]] = {}
    for r in pool:
        by_block.setdefault(r.block, []).append(r)
    for block, items in by_block.items():
        pos = [r for r in items if r.polarity == "+"]
        neg = [r for r in items if r.polarity == "-"]
        for p in pos:
            for n in neg:
                if (p.doc_id, p.idx) not in fresh and (n.doc_id, n.idx) not in fresh:
                    continue
                if p.doc_id == n.doc_id or p.original == n.original:
                    continue
                if p.published and n.published and abs((p.published - n.published).days) > window_days:
                    continue
                day = max((d for d in (p.published, n.published) if d), default=None)
                out[(block, p.doc_id, n.doc_id)] = ContradictionItem(
                    "relation", block, f"{p.a} {p.type} {p.b}", p.a, p.b,
                    p.doc_id, "relations", p.idx, f"{p.type} (asserted)",
                    n.doc_id, "relations", n.idx, f"not {p.type} (denied)", day,
                )
    return sorted(out.values(), key=lambda c: c.id)
