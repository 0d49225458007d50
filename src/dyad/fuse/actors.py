"""Resolve the actors of many documents into global actors.

Each document knows its actors by a key of its own (`state:KOR`,
`person:leejaemyung`, `org:KOR:military`). Across documents:

- states, international bodies, described organisations and groups are the
  same actor when their document keys are equal (the keys are built from
  ISO3 codes and normalised names, so they already mean the same thing);
- people and named organisations are the same when their names are spelling
  variants ("Lee Jae-myung" / "Lee Jae Myung"), or one typing slip apart with
  a compatible country and role ("Yoo Suk Yeol" / "Yoon Suk Yeol"), or a lone
  name that is part of exactly one full name of the same country and role;
- two actors with different known countries are never merged, so different
  people who share a surname stay apart.

Every merge records why. A user's overrides file (YAML with `aliases`,
`merges` and `splits`, path from settings.overrides) wins over all of this.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz

from dyad.errors import BAD_OVERRIDES, OVERRIDES_MISSING
from dyad.extract.actors.names import name_parts, near_spelling, normalise, same_full_name
from dyad.stored import DocActor

# Two named organisations this similar (token-sorted), with equal countries, are one.
ORG_SCORE = 95
# Role families: a typo merge needs the roles to be unknown or in one family.
ROLE_FAMILY = {
    "head of state": "leader",
    "head of government": "leader",
    "minister": "government",
    "official": "government",
    "diplomat": "government",
    "government": "government",
    "legislature": "legislature",
    "military": "military",
    "analyst": "analyst",
    "university": "analyst",
    "think tank": "analyst",
    "media": "media",
    "company": "company",
}


@dataclass
class GlobalActor:
    """One real-world actor across documents, with the document actors it gathers."""

    id: str
    name: str
    kind: str
    country: str | None
    role: str | None
    sector: str | None
    code: str | None
    aliases: list[str]
    members: list[tuple[str, str]]  # (doc_id, key)
    mentions: int
    documents: int
    why: list[str] = field(default_factory=list)

    def as_row(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "role": self.role,
            "sector": self.sector,
            "code": self.code,
            "aliases": self.aliases,
            "mentions": self.mentions,
            "documents": self.documents,
            "why": self.why,
        }


@dataclass
class Overrides:
    """A user's corrections: extra names, forced merges, forced splits (all by name, case-insensitive)."""

    aliases: dict[str, str] = field(default_factory=dict)  # normalised alias -> canonical name
    merges: list[list[str]] = field(default_factory=list)
    splits: list[list[str]] = field(default_factory=list)

    def canonical(self, name: str) -> str:
        return self.aliases.get(normalise(name), name)


def load_overrides(path: str | Path | None) -> Overrides:
    """Read the overrides YAML; a missing path means no overrides, a bad file is a clear error."""
    if path is None:
        return Overrides()
    path = Path(path)
    if not path.is_file():
        raise OVERRIDES_MISSING(path=path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise BAD_OVERRIDES(path=path, problem=f"not YAML ({' '.join(str(exc).split())})") from exc
    if not isinstance(data, dict):
        raise BAD_OVERRIDES(path=path, problem="expected a mapping with aliases, merges and splits")
    aliases: dict[str, str] = {}
    for canonical, names in (data.get("aliases") or {}).items():
        for name in [names] if isinstance(names, str) else names or []:
            aliases[normalise(str(name))] = str(canonical)
    merges = [[str(n) for n in group] for group in data.get("merges") or []]
    splits = [[str(n) for n in group] for group in data.get("splits") or []]
    for label, groups in (("merges", merges), ("splits", splits)):
        if any(len(g) < 2 for g in groups):
            raise BAD_OVERRIDES(path=path, problem=f"every entry of {label} needs at least two names")
    return Overrides(aliases=aliases, merges=merges, splits=splits)


# -- the stored actors ---------------------------------------------------------------


def stored_actor(row: dict[str, Any], members: list[tuple[str, str]] | None = None) -> GlobalActor:
    """A row of `global_actors` (its document actors only when given)."""
    return GlobalActor(
        id=row["id"], name=row["name"], kind=row["kind"], country=row["country"], role=row["role"],
        sector=row["sector"], code=row["code"], aliases=list(row["aliases"] or []), members=members or [],
        mentions=int(row["mentions"] or 0), documents=int(row["documents"] or 0), why=list(row["why"] or []),
    )


def member_index(actors: Iterable[GlobalActor]) -> dict[tuple[str, str], GlobalActor]:
    """(doc_id, key) -> the global actor it belongs to, for fusing events and quotes."""
    return {ref: g for g in actors for ref in g.members}


# -- resolving -----------------------------------------------------------------------


class _Groups:
    """Union-find over document actors, with reasons, cannot-link pairs and each group's countries."""

    def __init__(self, actors: Sequence[DocActor], overrides: Overrides) -> None:
        self.actors = actors
        self.parent = list(range(len(actors)))
        self.why: dict[int, list[str]] = defaultdict(list)
        self.sets: dict[int, set[int]] = {i: {i} for i in range(len(actors))}
        self.countries: dict[int, Counter[str]] = {i: Counter([a.country] if a.country else []) for i, a in enumerate(actors)}
        self.apart: list[tuple[set[int], set[int]]] = []
        for group in overrides.splits:
            sides = [{i for i, a in enumerate(actors) if _named(a, n, overrides)} for n in group]
            for x in range(len(sides)):
                for y in range(x + 1, len(sides)):
                    self.apart.append((sides[x], sides[y]))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int, why: str, forced: bool = False) -> bool:
        a, b = self.find(i), self.find(j)
        if a == b:
            return False
        if not forced and (self._kept_apart(a, b) or not _compatible(self.country(a), self.country(b))):
            return False
        if len(self.sets[a]) < len(self.sets[b]):
            a, b = b, a
        self.parent[b] = a
        self.sets[a] |= self.sets.pop(b)
        self.countries[a] += self.countries.pop(b)
        self.why[a].extend(self.why.pop(b, []))
        if why:
            self.why[a].append(why)
        return True

    def _kept_apart(self, a: int, b: int) -> bool:
        ma, mb = self.sets[a], self.sets[b]
        return any((ma & x and mb & y) or (ma & y and mb & x) for x, y in self.apart)

    def country(self, root: int) -> str | None:
        counts = self.countries[root]
        return counts.most_common(1)[0][0] if counts else None


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _roles_compatible(a: DocActor, b: DocActor) -> bool:
    if not a.role or not b.role:
        return True
    return ROLE_FAMILY.get(a.role, a.role) == ROLE_FAMILY.get(b.role, b.role)


def _named(actor: DocActor, name: str, overrides: Overrides) -> bool:
    target = normalise(overrides.canonical(name))
    return any(normalise(overrides.canonical(n)) == target for n in actor.names)


def resolve(actors: Sequence[DocActor], overrides: Overrides | None = None) -> list[GlobalActor]:
    return number_ids(resolve_groups(actors, overrides))


def resolve_groups(actors: Sequence[DocActor], overrides: Overrides | None = None) -> list[GlobalActor]:
    """The global actors of `actors`, in the order of their first document actor, ids not yet told apart
    (`number_ids`)."""
    overrides = overrides or Overrides()
    groups = _Groups(actors, overrides)
    for group in overrides.merges:
        picked = [i for i, a in enumerate(actors) if any(_named(a, n, overrides) for n in group)]
        for i in picked[1:]:
            groups.union(picked[0], i, f"overrides file merges {' / '.join(group)}", forced=True)
    _same_keys(actors, groups)
    _same_names(actors, groups, overrides)
    _near_names(actors, groups)
    _lone_names(actors, groups)
    by_root: dict[int, list[int]] = defaultdict(list)
    for i in range(len(actors)):
        by_root[groups.find(i)].append(i)
    return [global_actor([actors[i] for i in members], groups.why.get(root, [])) for root, members in by_root.items()]


def _same_keys(actors: Sequence[DocActor], groups: _Groups) -> None:
    """Keys built from codes (state:KOR, igo:UN, org:KOR:military, group:...) mean the same everywhere."""
    first: dict[str, int] = {}
    for i, a in enumerate(actors):
        if a.kind == "person" and not a.key.startswith("person:anonymous:"):
            continue  # people are matched by name below, where countries are checked
        if a.key.startswith("person:anonymous:"):
            continue  # an unnamed official of one article is not the unnamed official of another
        if a.key in first:
            groups.union(first[a.key], i, f"same key {a.key}")
        else:
            first[a.key] = i


def _same_names(actors: Sequence[DocActor], groups: _Groups, overrides: Overrides) -> None:
    """Spelling variants: names equal once case, accents, hyphens and spaces are ignored."""
    by_name: dict[tuple[str, str], int] = {}
    for i, a in enumerate(actors):
        if a.kind not in {"person", "organization"} or a.key.startswith("person:anonymous:"):
            continue
        for name in {overrides.canonical(n) for n in a.names if _full(n, a.kind)}:
            slot = (a.kind, normalise(name))
            if slot in by_name:
                spelled = actors[by_name[slot]].name
                why = f"same name '{a.name}'" if spelled == a.name else f"spelling variants '{spelled}' / '{a.name}'"
                groups.union(by_name[slot], i, why)
            else:
                by_name[slot] = i


def _full(name: str, kind: str) -> bool:
    return kind != "person" or len(name.split()) > 1


def _near_names(actors: Sequence[DocActor], groups: _Groups) -> None:
    """One typing slip apart, with compatible country and role ("Takaichi" / "Takaiichi")."""
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    spelt: dict[int, str] = {}
    for i, a in enumerate(actors):
        if a.kind in {"person", "organization"} and not a.key.startswith("person:anonymous:"):
            spelt[i] = normalise(a.name)
            blocks[(a.kind, spelt[i][:2])].append(i)
    for (kind, _), members in blocks.items():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                a, b = actors[i], actors[j]
                if groups.find(i) == groups.find(j) or not _roles_compatible(a, b):
                    continue
                if kind == "person" and (spelt[i] == spelt[j] or same_full_name(a.name, b.name)):
                    groups.union(i, j, f"'{a.name}' and '{b.name}' differ by one slip, same country and role")
                elif kind == "organization" and len(a.name) > 6 and fuzz.token_sort_ratio(a.name, b.name) >= ORG_SCORE:
                    if a.country and a.country == b.country:
                        groups.union(i, j, f"'{a.name}' and '{b.name}' are near spellings, same country")


def _lone_names(actors: Sequence[DocActor], groups: _Groups) -> None:
    """A person known only by one name joins the one full-name person of compatible country and role it is part of."""
    by_part: dict[str, set[int]] = {}
    by_shape: dict[tuple[str, int], set[str]] = defaultdict(set)
    for j, a in enumerate(actors):
        if a.kind == "person" and len(a.name.split()) > 1 and not a.key.startswith("person:anonymous:"):
            for part in name_parts(a.name):
                by_part.setdefault(part, set()).add(j)
                by_shape[(part[:1], len(part))].add(part)
    for i, a in enumerate(actors):
        if a.kind != "person" or len(a.name.split()) != 1:
            continue
        lone = normalise(a.name)
        parts = {p for size in (len(lone) - 1, len(lone), len(lone) + 1) for p in by_shape.get((lone[:1], size), ())}
        fulls = {j for p in parts if near_spelling(lone, p) for j in by_part[p]}
        roots = {
            groups.find(j)
            for j in fulls
            if _compatible(a.country, actors[j].country) and _roles_compatible(a, actors[j])
        }
        if len(roots) == 1:
            root = roots.pop()
            groups.union(root, i, f"'{a.name}' is part of '{actors[root].name}', the only match of its country and role")


def global_actor(docs: Sequence[DocActor], why: Iterable[str]) -> GlobalActor:
    """One global actor made of its document actors (in their order) and the reasons they were merged."""
    name = _best_name(docs)
    country = _vote([d.country for d in docs])
    role = _vote([d.role for d in docs])
    sector = _vote([d.sector for d in docs if d.role == role]) or _vote([d.sector for d in docs])
    code = _vote([d.code for d in docs if d.country == country and d.role == role]) or _vote([d.code for d in docs])
    aliases: list[str] = []
    for d in docs:
        for n in d.names:
            if n not in aliases:
                aliases.append(n)
    kind = _vote([d.kind for d in docs]) or docs[0].kind
    return GlobalActor(
        id=_global_id(kind, country, name, docs), name=name, kind=kind, country=country, role=role,
        sector=sector, code=code, aliases=aliases, members=[d.ref for d in docs],
        mentions=sum(d.mentions for d in docs), documents=len({d.doc_id for d in docs}),
        why=list(dict.fromkeys(why)),
    )


def number_ids(actors: list[GlobalActor]) -> list[GlobalActor]:
    """Most mentioned first (then by name, then as given), two actors kept apart that share an id told apart
    by `~2`, `~3` in that order."""
    ranked = sorted(actors, key=lambda g: (-g.mentions, g.name))
    seen: Counter[str] = Counter()
    for g in ranked:
        seen[g.id] += 1
        if seen[g.id] > 1:
            g.id = f"{g.id}~{seen[g.id]}"
    return ranked


def _best_name(docs: Sequence[DocActor]) -> str:
    """The full name used by most mentions (a lone surname only when nothing longer is known)."""
    weight: Counter[str] = Counter()
    for d in docs:
        weight[d.name] += d.mentions or 1
    longest = max(len(n.split()) for n in weight)
    candidates = {n: w for n, w in weight.items() if len(n.split()) == longest or len(n.split()) > 1}
    return max(candidates, key=lambda n: (candidates[n], -len(n)))


def _vote(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None


def _global_id(kind: str, country: str | None, name: str, docs: Sequence[DocActor]) -> str:
    keys = {d.key for d in docs}
    if len(keys) == 1 and not next(iter(keys)).startswith(("person:", "org:")):
        return next(iter(keys))  # state:KOR, igo:UN, group:...
    if kind == "person" and next(iter(keys)).startswith("person:anonymous:"):
        return f"{docs[0].doc_id}:{docs[0].key}"
    prefix = "person" if kind == "person" else "org" if kind == "organization" else kind
    return f"{prefix}:{country or 'XXX'}:{normalise(name)}"


def find_actor(actors: Sequence[GlobalActor], query: str) -> list[GlobalActor]:
    """Global actors a user's NAME means, best rule first.

    Exact name, id or alias; then the same once states are written as ISO3
    codes and articles, possessives, honorifics and titles are dropped
    ("Mr. Park", "Seoul's military" = "the South Korean military",
    "Japanese broadcaster TBS"); then a name that starts with, contains or is
    contained in the query's words; then close spellings.
    """
    exact = find_exact(actors, query)
    if exact:
        return exact
    query = _known_name(query)
    words = canonical_words(query)
    core = [w for w in words if not _descriptive(w)]
    rule: Callable[[GlobalActor], bool]
    for rule in (
        lambda g: any(canonical_words(n) == words for n in (g.name, *g.aliases)),
        lambda g: bool(core) and core != words and _country_fits(g, words) and any(canonical_words(n) == core for n in (g.name, *g.aliases)),
        lambda g: len(words) >= 2 and any(canonical_words(n)[: len(words)] == words for n in (g.name, *g.aliases)),
        lambda g: len(words) >= 2 and g.kind != "state" and any(set(words) <= set(canonical_words(n)) for n in (g.name, *g.aliases)),
        lambda g: g.kind != "state" and any(len(c) >= 3 and set(c) <= set(words) for c in map(canonical_words, (g.name, *g.aliases))),
        lambda g: len(words) == 1 and g.kind == "person" and any(words[0] in (p[0], p[-1]) for p in map(name_parts, (g.name, *g.aliases)) if p),
        lambda g: len(words) == 1 and g.kind == "organization" and canonical_words(g.name)[:1] == words,
    ):
        found = [g for g in actors if rule(g)]
        if found:
            return found
    scored = [(max(fuzz.token_sort_ratio(query, n) for n in (g.name, *g.aliases)), g) for g in actors]
    best = max((score for score, _ in scored), default=0)
    return [g for score, g in scored if score >= 90 and score == best][:5]


def exact_key(query: str) -> tuple[str, str]:
    """A user's NAME as `find_exact` compares it: the name (or id) meant, and its normalised form."""
    known = _known_name(query)
    return known, normalise(known)


def find_exact(actors: Sequence[GlobalActor], query: str) -> list[GlobalActor]:
    """`find_actor`'s first rules: the global actors whose id, name or else an alias is NAME's."""
    known, target = exact_key(query)
    for rule in (
        lambda g: normalise(g.name) == target or g.id == known,
        lambda g: any(normalise(a) == target for a in g.aliases),
    ):
        found = [g for g in actors if rule(g)]
        if found:
            return found
    return []


def _known_name(query: str) -> str:
    """An acronym or other name of a well-known organisation or listed office holder -> its name ("KCNA")."""
    from dyad.extract.actors.holders import holders
    from dyad.extract.actors.lexicon import known_orgs

    org = known_orgs().get(query)
    if org is not None:
        return org.name
    for holder in holders():
        if query in holder.aliases:
            return holder.name
    return query


HONORIFICS = {"mr", "mrs", "ms", "dr", "prof", "sir", "dame", "the", "a", "an"}


def canonical_words(text: str) -> list[str]:
    """Words of a name with states as ISO3 codes, no articles, possessives or honorifics, lower case."""
    from dyad.extract.actors.lexicon import gazetteer

    forms = gazetteer().forms
    tokens = [t for t in text.replace("\u2019", "'").replace("'s ", " ").removesuffix("'s").split() if t]
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for size in (3, 2, 1):
            phrase = " ".join(tokens[i : i + size])
            if len(tokens[i : i + size]) == size and phrase in forms:
                out.append(forms[phrase][0])
                i += size
                break
        else:
            word = normalise(tokens[i])
            if word and word not in HONORIFICS:
                out.append(word)
            i += 1
    return out


def _descriptive(word: str) -> bool:
    """A title, a describing noun or a state code: words around a name rather than the name."""
    from dyad.extract.actors.lexicon import gazetteer, org_heads, titles

    return word.upper() in gazetteer().states or word in titles() or word in org_heads() or word in {"broadcaster", "senior", "former", "president"}


def _country_fits(actor: GlobalActor, words: list[str]) -> bool:
    from dyad.extract.actors.lexicon import gazetteer

    codes = {w.upper() for w in words if w.upper() in gazetteer().states}
    return not codes or actor.country in codes
