"""Connected groups of items under a pairwise link rule, found incrementally; the same groups in any order.

Stories and figures are both made this way: two items (reports of events,
numeric claims) link when a rule says they are about the same thing, and a
group is what links connect, directly or through others. Because the groups
of a graph do not depend on the order its edges are found in, adding items
one document at a time gives the groups a rebuild from scratch gives.

Only items whose spans of days overlap (within a tolerance) are compared: a
sweep over items sorted by their first day. An item without a span compares
only with items of its own document. What a group becomes (a story, a figure)
is a function of the group alone (`dyad.fuse.stories.split`,
`dyad.fuse.figures.figure_rows`), so it too is the same in any order.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
from collections.abc import Callable, Hashable, Iterator, Sequence
from typing import Protocol, TypeVar


class Linkable(Protocol):
    @property
    def doc_id(self) -> str: ...

    @property
    def span(self) -> tuple[dt.date, dt.date] | None: ...


T = TypeVar("T", bound=Linkable)
Rule = Callable[[T, T], bool]


def group_name(prefix: str, members: Sequence[T]) -> str:
    """A group's name, from its first member by document and position: the same for the same group."""
    doc_id, idx = min((m.doc_id, getattr(m, "idx", 0)) for m in members)
    return prefix + hashlib.sha1(f"{doc_id}|{idx}".encode()).hexdigest()[:12]


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[Hashable, Hashable] = {}

    def find(self, x: Hashable) -> Hashable:
        parent = self.parent
        root = parent.setdefault(x, x)
        while root != parent[root]:
            root = parent[root]
        while x != root:
            x, parent[x] = parent[x], root
        return root

    def union(self, a: Hashable, b: Hashable) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra

    def same(self, a: Hashable, b: Hashable) -> bool:
        return self.find(a) == self.find(b)


def candidate_pairs(items: Sequence[T], fresh: Sequence[bool], tolerance: int) -> Iterator[tuple[int, int]]:
    """(i, j) of items whose spans overlap within `tolerance` days, at least one of them fresh,
    plus pairs of one document where either has no span."""
    gap = dt.timedelta(days=tolerance)
    order = sorted((i for i, it in enumerate(items) if it.span is not None), key=lambda i: items[i].span[0])  # type: ignore[index]
    # the items whose days are still open, (last day + gap, index), soonest first: fresh and stored apart,
    # so that two stored items, already compared when they arrived, are never paired again
    active: tuple[list[tuple[dt.date, int]], list[tuple[dt.date, int]]] = ([], [])
    for j in order:
        lo, hi = items[j].span  # type: ignore[misc]
        for heap in active:
            while heap and heap[0][0] < lo:
                heapq.heappop(heap)
        for _, i in active[0]:
            yield (i, j)
        if fresh[j]:
            for _, i in active[1]:
                yield (i, j)
        heapq.heappush(active[0] if fresh[j] else active[1], (hi + gap, j))
    by_doc: dict[str, list[int]] = {it.doc_id: [] for it in items if it.span is None}
    if by_doc:
        for i, it in enumerate(items):
            if it.doc_id in by_doc:
                by_doc[it.doc_id].append(i)
    for members in by_doc.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if (items[i].span is None or items[j].span is None) and (fresh[i] or fresh[j]):
                    yield (i, j)


def join_groups(
    items: Sequence[T], groups: Sequence[str | None], tolerance: int, links: Rule[T]
) -> list[tuple[set[str], list[int]]]:
    """The groups new items form: for each, the stored groups it joins and the new items in it.

    `groups[i]` is the stored group of item i, None for a new item. Stored items
    of one group are already connected, so a pair inside one group is never compared.
    """
    uf = UnionFind()
    for i, g in enumerate(groups):
        uf.find(("g", g) if g is not None else ("n", i))
    node = [("g", g) if g is not None else ("n", i) for i, g in enumerate(groups)]
    fresh = [g is None for g in groups]
    for i, j in candidate_pairs(items, fresh, tolerance):
        if not uf.same(node[i], node[j]) and links(items[i], items[j]):
            uf.union(node[i], node[j])
    out: dict[Hashable, tuple[set[str], list[int]]] = {}
    for i, g in enumerate(groups):
        root = uf.find(node[i])
        if g is None:
            out.setdefault(root, (set(), []))[1].append(i)
    for i, g in enumerate(groups):
        root = uf.find(node[i])
        if g is not None and root in out:
            out[root][0].add(g)
    return list(out.values())


def connected(items: Sequence[T], tolerance: int, links: Rule[T]) -> list[list[int]]:
    """Every group of `items` (all compared afresh), each as item indexes in input order."""
    return [sorted(new) for _, new in join_groups(items, [None] * len(items), tolerance, links)]
