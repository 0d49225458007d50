"""Story events: reports of one real event in different documents, merged.

Events join one story when they have the same story key (code family and
states: the unordered pair for symmetric families such as meetings), fall
within `window` days of each other, and either come from the same document
or have similar evidence. Linking is single-link within each key. A planned
or hypothetical event with no date of its own is placed on its document's
date and only joins reports dated on or after it (a plan is about the future).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from rapidfuzz import fuzz

from dyad.fuse.config import fusion_config
from dyad.fuse.corroboration import content_words, source_groups
from dyad.stored import DocInfo, EventItem


@lru_cache(maxsize=1)
def _families() -> list[tuple[str, str]]:
    """(code prefix, family) pairs, longest prefix first."""
    pairs = [(str(p), name) for name, prefixes in fusion_config()["story_families"].items() for p in prefixes]
    return sorted(pairs, key=lambda p: -len(p[0]))


def family_of(code: str, root: str) -> str:
    """The story family of a CAMEO code (its root when no family lists it)."""
    for prefix, name in _families():
        if code.startswith(prefix):
            return name
    return root


def is_symmetric(family: str) -> bool:
    return family in set(fusion_config().get("symmetric_families") or [])


def story_key(event: EventItem) -> tuple[str, str, str, bool]:
    """(family, a, b, directed): the states of a symmetric family are sorted."""
    family = family_of(event.code, event.root)
    a, b = event.source or "-", event.target or "-"
    if is_symmetric(family):
        a, b = sorted((a, b))
        return family, a, b, False
    return family, a, b, True


_SUFFIXES = ("ing", "ed", "es", "s")


def trigger_stem(trigger: str) -> str:
    """A crude stem of the trigger's last word ("visited" -> "visit")."""
    words = re.findall(r"[a-z]+", trigger.casefold())
    if not words:
        return ""
    word = words[-1]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _names_match(a: str | None, b: str | None) -> bool:
    return bool(a and b) and fuzz.token_set_ratio(a, b) >= 85  # type: ignore[arg-type]


def evidence_similarity(a: EventItem, b: EventItem) -> float:
    """0..100: shared trigger stem or the same named actors on both sides give 100,
    else the token-set ratio of the two sentences' content words."""
    if trigger_stem(a.trigger) and trigger_stem(a.trigger) == trigger_stem(b.trigger):
        return 100.0
    if _names_match(a.source_name, b.source_name) and _names_match(a.target_name, b.target_name):
        return 100.0
    if _names_match(a.source_name, b.target_name) and _names_match(a.target_name, b.source_name):
        return 100.0
    return float(fuzz.token_set_ratio(content_words(a.cited.words), content_words(b.cited.words)))


@dataclass
class Story:
    """One real event and every report of it."""

    id: str
    family: str
    source: str
    target: str
    directed: bool
    mentions: list[EventItem] = field(default_factory=list)

    @cached_property
    def docs(self) -> list[DocInfo]:
        """Its documents (computed once: a story's mentions do not change after linking)."""
        return list({m.doc.id: m.doc for m in self.mentions}.values())

    @property
    def n_documents(self) -> int:
        return len(self.docs)

    @property
    def outlets(self) -> list[str]:
        return sorted({d.outlet for d in self.docs})

    @cached_property
    def n_sources(self) -> int:
        return len(source_groups(self.docs))

    @property
    def single_source(self) -> bool:
        return self.n_sources == 1

    @property
    def codes(self) -> list[str]:
        return sorted({m.code for m in self.mentions})

    @property
    def root(self) -> str:
        """The most reported CAMEO root of the story."""
        roots = [m.root for m in self.mentions]
        return max(sorted(set(roots)), key=roots.count)

    @property
    def dates(self) -> list[dt.date]:
        return sorted(d for d in (m.date for m in self.mentions) if d is not None)

    @property
    def when(self) -> dt.date | None:
        """The event's day: the confirmed day, else the earliest day of a report saying it
        happened (which may be a publication date), else the earliest day of any report."""
        if self.confirmed_day:
            return self.confirmed_day
        real = sorted(d for d in (m.date for m in self.mentions if m.realis) if d is not None)
        days = real or self.dates
        return days[0] if days else None

    @property
    def first_seen(self) -> dt.date | None:
        days = sorted(d.published for d in self.docs if d.published)
        return days[0] if days else None

    @property
    def last_seen(self) -> dt.date | None:
        days = sorted(d.published for d in self.docs if d.published)
        return days[-1] if days else None

    def source_says(self) -> list[tuple[list[DocInfo], bool]]:
        """Per independent source: its documents and whether any says the event happened."""
        out = []
        for group in source_groups(self.docs):
            ids = {d.id for d in group}
            out.append((group, any(m.realis for m in self.mentions if m.doc.id in ids)))
        return out

    @property
    def n_happened(self) -> int:
        return sum(1 for _, real in self.source_says() if real)

    @property
    def n_not_happened(self) -> int:
        return sum(1 for _, real in self.source_says() if not real)

    @property
    def confirmed_day(self) -> dt.date | None:
        """The earliest day a report gives, to the day, for the event having happened."""
        days = sorted(m.date for m in self.mentions if m.realis and m.when and len(m.when) == 10 and m.date)
        return days[0] if days else None

    def doubters(self, window_days: int = 3) -> list[EventItem]:
        """First mention of each document that never says the event happened, though written
        after its confirmed day: a denial, or a plan or possibility dated within `window_days`
        of that day. An undated plan written later is about a later occasion, and a plan
        reported before the day is the event's earlier stage; neither is doubt.
        """
        day = self.confirmed_day
        if day is None:
            return []
        real_docs = {m.doc.id for m in self.mentions if m.realis}
        out: dict[str, EventItem] = {}
        for m in self.mentions:
            if m.doc.id in real_docs or m.doc.id in out or m.doc.published is None or m.doc.published <= day:
                continue
            denied = m.negated or m.modality == "negated"
            dated = m.when is not None and m.date is not None and abs((m.date - day).days) <= window_days
            if denied or dated:
                out[m.doc.id] = m
        return list(out.values())

    @property
    def status(self) -> str:
        """happened, not yet (only plans or possibilities), or disputed (see doubters)."""
        if not self.n_happened:
            return "not yet"
        return "disputed" if self.doubters() else "happened"

    @property
    def goldstein(self) -> float | None:
        values = [m.goldstein for m in self.mentions if m.goldstein is not None]
        return sum(values) / len(values) if values else None

    @property
    def quad_class(self) -> int | None:
        values = [m.quad_class for m in self.mentions if m.quad_class is not None]
        return max(sorted(set(values)), key=values.count) if values else None

    def lead(self) -> EventItem:
        """The report to quote: one saying it happened, dated to the day if any is, from the
        earliest document, longest evidence first."""
        pool = [m for m in self.mentions if m.realis] or self.mentions
        dated = [m for m in pool if m.when and len(m.when) == 10]
        return min(dated or pool, key=lambda m: (m.doc.published or dt.date.max, -len(m.cited.words), m.doc.id, m.idx))

    def involves(self, a: str, b: str | None = None, directed: bool = False) -> bool:
        """Whether the story is between a and b (or involves a, when b is None)."""
        pair = (self.source, self.target)
        if b is None:
            return a in pair
        if directed and self.directed:
            return pair == (a, b)
        return set(pair) == {a, b}


def _story_id(key: tuple[str, str, str, bool], mentions: Sequence[EventItem]) -> str:
    first = min((m.doc.id, m.idx) for m in mentions)
    digest = hashlib.sha1(f"{key}|{first}".encode()).hexdigest()[:10]
    return f"S{digest}"


def build_stories(
    events: Sequence[EventItem], window_days: int = 3, min_similarity: float | None = None
) -> list[Story]:
    """Group events into stories; the busiest (most independent sources) first."""
    if min_similarity is None:
        min_similarity = float(fusion_config()["story_min_similarity"])
    window = dt.timedelta(days=window_days)
    by_key: dict[tuple[str, str, str, bool], list[EventItem]] = {}
    for e in events:
        by_key.setdefault(story_key(e), []).append(e)
    stories: list[Story] = []
    for key, group in by_key.items():
        group.sort(key=lambda e: (e.date or dt.date.max, e.doc.id, e.idx))
        for members in _link(group, window, min_similarity):
            family, a, b, directed = key
            stories.append(Story(_story_id(key, members), family, a, b, directed, members))
    stories.sort(key=lambda s: (-s.n_sources, -s.n_documents, -(s.when or dt.date.min).toordinal(), s.id))
    return stories


@dataclass(frozen=True)
class _Features:
    """What linking compares, computed once per event."""

    day: int  # ordinal
    doc: str
    open_future: bool
    stem: str
    words: str
    source_name: str | None
    target_name: str | None


def _features(e: EventItem) -> _Features:
    return _Features(
        e.date.toordinal() if e.date else 0, e.doc.id, e.open_future, trigger_stem(e.trigger),
        content_words(e.cited.words), e.source_name, e.target_name,
    )


def _similar(a: _Features, b: _Features, min_similarity: float) -> bool:
    """evidence_similarity(a, b) >= min_similarity, on precomputed features."""
    if a.stem and a.stem == b.stem:
        return True
    if _names_match(a.source_name, b.source_name) and _names_match(a.target_name, b.target_name):
        return True
    if _names_match(a.source_name, b.target_name) and _names_match(a.target_name, b.source_name):
        return True
    return fuzz.token_set_ratio(a.words, b.words, score_cutoff=min_similarity) >= min_similarity


def _link(group: list[EventItem], window: dt.timedelta, min_similarity: float) -> list[list[EventItem]]:
    """Single-link clusters of date-sorted events of one key.

    Events are taken in date order; each is compared with the open clusters' members
    inside the window until one member links, so a cluster costs one match, not one
    comparison per member. Undated events only link among themselves.
    """
    dated = [e for e in group if e.date is not None]
    undated = [e for e in group if e.date is None]
    clusters = _link_sorted(dated, window.days, min_similarity)
    clusters += _link_sorted(undated, None, min_similarity)
    return clusters


def _link_sorted(group: list[EventItem], window: int | None, min_similarity: float) -> list[list[EventItem]]:
    feats = [_features(e) for e in group]
    parent = list(range(len(group)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    open_members: dict[int, list[int]] = {}  # cluster root -> members, oldest first
    for j, fj in enumerate(feats):
        low = fj.day - window if window is not None else None
        for root in list(open_members):
            members = open_members.get(root)
            if members is None:
                continue
            if low is not None:
                expired = 0
                while expired < len(members) and feats[members[expired]].day < low:
                    expired += 1
                del members[:expired]
                if not members:
                    del open_members[root]
                    continue
            if find(root) == find(j):
                continue
            for i in reversed(members):
                fi = feats[i]
                # an undated plan cannot be a report of something dated before it was written
                if fj.open_future and window is not None and fi.day < fj.day:
                    continue
                if fi.doc == fj.doc or _similar(fi, fj, min_similarity):
                    a, b = find(root), find(j)
                    first, second = open_members.pop(a, []), open_members.pop(b, [])
                    parent[b] = a
                    open_members[a] = list(heapq.merge(first, second, key=lambda k: (feats[k].day, k))) if first and second else first or second
                    break
        open_members.setdefault(find(j), []).append(j)
    out: dict[int, list[EventItem]] = {}
    for i, e in enumerate(group):
        out.setdefault(find(i), []).append(e)
    return list(out.values())
