"""Which name keys resolution must see together, so that it can resolve a few of them again.

Every rule of `dyad.fuse.actors.resolve` merges two actors only when they share something: a key
built from codes, a (canonical) full name, a name one typing slip away in the same block, an
organisation name that near in the same country, a lone name that is a part of a full name, or a
merge of the overrides file. Linking every pair that shares one of these (a little more widely than
the rules merge) cuts the name keys into components no rule crosses, and resolution runs on each
component alone: the global actors of a component depend only on its own name keys, so a new name
key calls for resolving again only the components it touches. (This is the rule for a full
resolution too. It can differ from resolving every name key in one pass only in the order in which
near-name pairs of different blocks are tried inside one component, which matters only where a
country or a split then keeps two actors apart: the per-component order is the one kept.)

Each actor gives `terms`: what it shares (stored with it, `actor_keys.terms`) and what it looks for
(`probes`, to find the stored components a new or changed actor joins).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from rapidfuzz import fuzz

from dyad.extract.actors.names import name_parts, near_spelling, normalise, same_full_name, syllables
from dyad.fuse.actors import ORG_SCORE, Overrides, _compatible, _named, _roles_compatible
from dyad.stored import DocActor

ANONYMOUS = "person:anonymous:"


def _lone(a: DocActor) -> bool:
    return a.kind == "person" and len(a.name.split()) == 1


def _full_person(a: DocActor) -> bool:
    return a.kind == "person" and len(a.name.split()) > 1 and not a.key.startswith(ANONYMOUS)


def terms(a: DocActor, overrides: Overrides) -> list[str]:
    """What this actor shares with the actors a rule could merge it with."""
    out: list[str] = []
    named = a.kind in {"person", "organization"} and not a.key.startswith(ANONYMOUS)
    if a.kind != "person" and not a.key.startswith(ANONYMOUS):
        out.append(f"k|{a.key}")  # same key
    if named:
        spelt = normalise(a.name)
        out.append(f"n|{a.kind}|{spelt}")  # same spelling: one block, no slip
        for name in {overrides.canonical(n) for n in a.names if a.kind != "person" or len(n.split()) > 1}:
            out.append(f"c|{a.kind}|{normalise(name)}")  # same (canonical) full name
        parts = syllables(a.name)
        if a.kind == "person" and len(parts) >= 2:
            for i, part in enumerate(parts):  # one syllable left out: where a slip can be
                out.append(f"w|{len(parts)}|{i}|{part[:1]}|{' '.join(parts[:i] + parts[i + 1 :])}")
        if a.kind == "organization" and a.country:
            out.append(f"o|{a.country}|{spelt[:2]}")
    if _full_person(a):
        out += [f"p|{p[:1]}|{len(p)}" for p in name_parts(a.name)]
    if _lone(a):
        lone = normalise(a.name)
        out.append(f"l|{lone[:1]}|{len(lone)}")
    for k, group in enumerate(overrides.merges):
        if any(_named(a, n, overrides) for n in group):
            out.append(f"m|{k}")
    return sorted(set(out))


def probes(a: DocActor, overrides: Overrides) -> list[str]:
    """The terms of the stored actors this one could be merged with."""
    out = [t for t in terms(a, overrides) if t[0] not in "pl"]
    if _full_person(a):  # lone names that are a part of this one, one letter more or less
        out += [f"l|{p[:1]}|{len(p) + d}" for p in name_parts(a.name) for d in (-1, 0, 1)]
    if _lone(a):
        lone = normalise(a.name)
        out += [f"p|{lone[:1]}|{len(lone) + d}" for d in (-1, 0, 1)]
    return sorted(set(out))


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def components(actors: Sequence[DocActor], overrides: Overrides) -> list[list[int]]:
    """The actors (by index) that resolution must see together, each component in the actors' order."""
    sets = _Union(len(actors))
    shared: dict[str, list[int]] = defaultdict(list)
    for i, a in enumerate(actors):
        for term in terms(a, overrides):
            shared[term].append(i)
    for term, members in shared.items():
        kind = term[0]
        if kind in "kncm":  # merged by a rule whenever countries allow
            for j in members[1:]:
                sets.join(members[0], j)
        elif kind in "wo":  # near names: compare each spelling once
            spellings: dict[str, int] = {}
            for i in members:
                spellings.setdefault(actors[i].name, i)
            names = list(spellings)
            for x, one in enumerate(names):
                for other in names[x + 1 :]:
                    if _near(one, other, kind):
                        sets.join(spellings[one], spellings[other])
    for i, a in enumerate(actors):
        if _lone(a):
            _join_parts(i, actors, shared, sets)
    by_root: dict[int, list[int]] = defaultdict(list)
    for i in range(len(actors)):
        by_root[sets.find(i)].append(i)
    return list(by_root.values())


def _near(one: str, other: str, kind: str) -> bool:
    if kind == "o":
        return fuzz.token_sort_ratio(one, other) >= ORG_SCORE
    return normalise(one)[:2] == normalise(other)[:2] and same_full_name(one, other)


def _join_parts(i: int, actors: Sequence[DocActor], shared: dict[str, list[int]], sets: _Union) -> None:
    """A lone name and every full name of compatible country and role with a part it may be."""
    a = actors[i]
    lone = normalise(a.name)
    for term in probes(a, Overrides()):
        if not term.startswith("p|"):
            continue
        for j in shared.get(term, ()):
            b = actors[j]
            if (sets.find(i) != sets.find(j) and _compatible(a.country, b.country) and _roles_compatible(a, b)
                    and any(near_spelling(lone, p) for p in name_parts(b.name))):
                sets.join(i, j)
