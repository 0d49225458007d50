"""Relations one document asserts and another denies, in the same scope.

The same standing relation (type and pair; the pair unordered for the
symmetric types) asserted (+) in one document and denied (-) in another, not
a copy of it, published in the same month (one outlet's articles can disagree
too). Each document's first statement of each polarity speaks for it; a
document that states both ("officials call them partners; an analyst says
they are not") reports a debate and takes neither side. Each
document on the side fewer documents take is one contradiction, against the
first document of the other side: a denial among a hundred assertions is one
disagreement, not a hundred. Figure contradictions are in `dyad.fuse.figures`,
realis ones in `dyad.fuse.stories`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

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


def bucket(r: RelationFeature) -> str:
    """The relation and the month it was stated in: the scope within which documents can disagree."""
    return f"{r.block}|{r.published.isoformat()[:7] if r.published else 'undated'}"


def relation_contradictions(items: Sequence[RelationFeature]) -> list[ContradictionItem]:
    """The contradictions of one bucket (one relation, one month; each document's first statement of
    each polarity; a document stating both takes no side): every document on the side fewer documents take (the denials, on a tie) against
    the first document of the other side that is not a copy of it."""
    polarities: dict[str, set[str]] = {}
    for r in items:
        polarities.setdefault(r.doc_id, set()).add(r.polarity)
    # a document that asserts the relation and denies it reports a debate: it takes neither side
    sides = [r for r in items if len(polarities[r.doc_id]) == 1]
    pos = sorted((r for r in sides if r.polarity == "+"), key=_order)
    neg = sorted((r for r in sides if r.polarity == "-"), key=_order)
    if not pos or not neg:
        return []
    few, many = (pos, neg) if len(pos) < len(neg) else (neg, pos)
    out = []
    for r in few:
        other = next((m for m in many if m.original != r.original and m.doc_id != r.doc_id), None)
        if other is None:
            continue
        p, n = (r, other) if r.polarity == "+" else (other, r)
        day = max((d for d in (p.published, n.published) if d), default=None)
        out.append(ContradictionItem(
            "relation", bucket(r), f"{p.a} {p.type} {p.b}", p.a, p.b,
            p.doc_id, "relations", p.idx, f"{p.type} (asserted)",
            n.doc_id, "relations", n.idx, f"not {p.type} (denied)", day,
        ))
    return sorted(out, key=lambda c: c.id)


def _order(r: RelationFeature) -> tuple[Any, ...]:
    return (r.published is None, r.published, r.doc_id, r.idx)
