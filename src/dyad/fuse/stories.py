"""Story events: reports of one real-world event, in any number of documents, as one story.

Two reports are linked (see `linked`) when they have the same key (code family
and states; the unordered pair for meetings and agreements), their days agree
(`dyad.fuse.time`: their own time, else bounded by publication), and their
words tie them: the same trigger, the same named people on both sides, or
similar sentences. Two reports of one document that the text dates to
different days are two events and are kept apart. A story is a connected
group of linked reports (`dyad.fuse.linking`), so it is the same whatever
order the documents came in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from dyad.fuse.config import fusion_config
from dyad.fuse.linking import candidate_pairs
from dyad.fuse.time import overlaps, precision
from dyad.stored.fusion_items import ContradictionItem, Report


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


@lru_cache(maxsize=1)
def _symmetric() -> frozenset[str]:
    return frozenset(fusion_config().get("symmetric_families") or [])


def is_symmetric(family: str) -> bool:
    return family in _symmetric()


def story_key(code: str, root: str, source: str | None, target: str | None) -> tuple[str, str, str, bool]:
    """(family, a, b, directed): the states of a symmetric family are sorted."""
    family = family_of(code, root)
    a, b = source or "-", target or "-"
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
    word: str = words[-1]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


@dataclass(frozen=True)
class StoryRules:
    day_tolerance: int = 1  # reports whose own days are this far apart can still be one event
    min_similarity: float = 50.0  # token-set ratio of content words that ties two sentences dated by their text
    undated_similarity: float = 70.0  # ... when one of them is only bounded by its publication
    # modalities of a mere possibility: beside a report of the same document that says something happened,
    # such a report ("could attack again", "if they are sincere") is another event
    possible_modalities: frozenset[str] = frozenset()


def _orientations(x: Report, y: Report) -> list[tuple[tuple[str | None, str | None], ...]]:
    """The ways the sides of two reports pair up: as written, and crosswise for a symmetric key."""
    ways: list[tuple[tuple[str | None, str | None], ...]] = [
        ((x.source_name, y.source_name), (x.target_name, y.target_name))]
    if not x.directed:
        ways.append(((x.source_name, y.target_name), (x.target_name, y.source_name)))
    return ways


def _same_people(x: Report, y: Report) -> bool:
    """The same named people or bodies on every side both name (either way round for symmetric keys)."""
    for sides in _orientations(x, y):
        named = [(p, q) for p, q in sides if p and q]
        if named and all(p == q for p, q in named):
            return True
    return False


def people_differ(x: Report, y: Report) -> bool:
    """Both reports name who acted on a side, and the names differ however the sides pair up: Lee meeting
    Xi and Lee meeting Li are two meetings."""
    return all(any(p and q and p != q for p, q in sides) for sides in _orientations(x, y))


def named(r: Report) -> bool:
    return bool(r.source_name or r.target_name)


def precise(r: Report) -> bool:
    """Dated by its own text to the day."""
    return r.own_time and r.span is not None and r.span[0] == r.span[1]


def similar(x: Report, y: Report, rules: StoryRules) -> bool:
    """Words tie two reports; never when they name different people.

    Two reports dated to the day (or of one document) are tied by the same trigger stem, the same
    named people or sentences of `min_similarity`. A report only bounded by its publication, or dated
    to a month or a year, could be any of the events in its days: it takes sentences of
    `undated_similarity`, or the same named people and some likeness of wording.
    """
    if people_differ(x, y):
        return False
    if (precise(x) and precise(y)) or x.doc_id == y.doc_id:
        if (x.stem and x.stem == y.stem) or _same_people(x, y):
            return True
        return _words(x, y) >= rules.min_similarity
    score = _words(x, y)
    return score >= rules.undated_similarity or (
        _same_people(x, y) and (bool(x.stem and x.stem == y.stem) or score >= rules.min_similarity)
    )


def _words(x: Report, y: Report) -> float:
    if not x.words or not y.words:
        return 0.0
    return float(fuzz.token_set_ratio(x.words, y.words))


def _sides(r: Report, rules: StoryRules) -> tuple[set[str], set[str]]:
    """(documents it says happened in, documents it is a mere possibility in): one each, or none."""
    if r.realis:
        return {r.doc_id}, set()
    return set(), ({r.doc_id} if r.modality in rules.possible_modalities else set())


def fact_and_possibility(x: Report, y: Report, rules: StoryRules) -> bool:
    """One document says one happened and calls the other a mere possibility: two events."""
    if x.doc_id != y.doc_id:
        return False
    (fx, px), (fy, py) = _sides(x, rules), _sides(y, rules)
    return bool((fx and py) or (fy and px))


def linked(x: Report, y: Report, rules: StoryRules) -> bool:
    """Whether two reports are reports of one event: the same key, days that agree, words that tie them.

    Reports of one document may be `day_tolerance` days apart (the arrival and the talks of one visit);
    reports of two documents must share a day, so that reports of one key on following days do not
    chain into one story.
    """
    if x.key != y.key or fact_and_possibility(x, y, rules):
        return False
    if x.span is None or y.span is None:
        # no days to compare: only a report of the same document, tied by its words
        return x.doc_id == y.doc_id and similar(x, y, rules)
    same_doc = x.doc_id == y.doc_id
    if not overlaps(x.span, y.span, rules.day_tolerance if same_doc else 0):
        return False
    if same_doc and x.own_time and y.own_time and not people_differ(x, y):
        return True  # one text dating both to the same days
    return similar(x, y, rules)


def apart(x: Report, y: Report, rules: StoryRules) -> bool:
    """Two different events: reports the texts date to days more than `day_tolerance` apart (of one pair
    and family, however close), or reports naming different people on a side."""
    if x.own_time and y.own_time and not overlaps(x.span, y.span, rules.day_tolerance):
        return True
    return people_differ(x, y)


def conflicting(r: Report) -> bool:
    """Whether a report can be kept apart from another document's: dated by its text, or naming people."""
    return r.own_time or named(r)


@dataclass
class _Part:
    """What a part of a group holds that decides whether it must stay apart from another."""

    members: list[int]
    max_lo: dt.date | None  # of the reports dated by their text
    min_hi: dt.date | None
    names: set[tuple[str | None, str | None]]
    facts: set[str] = field(default_factory=set)  # documents whose reports in it say it happened
    possible: set[str] = field(default_factory=set)  # documents whose reports in it call it a mere possibility

    def clashes(self, other: _Part, tolerance: int, directed: bool) -> bool:
        if (self.facts & other.possible) or (other.facts & self.possible):
            return True
        gap = dt.timedelta(days=tolerance)
        if self.max_lo and other.min_hi and self.max_lo > other.min_hi + gap:
            return True
        if other.max_lo and self.min_hi and other.max_lo > self.min_hi + gap:
            return True
        return any(_names_differ(a, b, directed) for a in self.names for b in other.names)

    def absorb(self, other: _Part) -> None:
        self.members += other.members
        self.max_lo = max((d for d in (self.max_lo, other.max_lo) if d), default=None)
        self.min_hi = min((d for d in (self.min_hi, other.min_hi) if d), default=None)
        self.names |= other.names
        self.facts |= other.facts
        self.possible |= other.possible


def _names_differ(a: tuple[str | None, str | None], b: tuple[str | None, str | None], directed: bool) -> bool:
    ways = [((a[0], b[0]), (a[1], b[1]))] + ([] if directed else [((a[0], b[1]), (a[1], b[0]))])
    return all(any(p and q and p != q for p, q in sides) for sides in ways)


def _strength(x: Report, y: Report) -> tuple[int, int]:
    """How surely two linked reports are one event: one text dating both, then both dated to one day, then
    one document, then the rest; closer days first."""
    tier = 0 if x.doc_id == y.doc_id and x.own_time and y.own_time else 1 if precise(x) and precise(y) else (
        2 if x.doc_id == y.doc_id else 3)
    gap = abs((x.span[0] - y.span[0]).days) if x.span and y.span else 0
    return tier, gap


def split(members: Sequence[Report], rules: StoryRules) -> list[list[Report]]:
    """A connected group of reports as stories: whole when nothing in it must stay apart, else merged
    back along its links, surest first, never joining two parts that hold reports kept apart (two days
    the texts give, two different people on a side). Depends on the group only, not on arrival order."""
    ranked = sorted(members, key=report_order)
    parts = [_Part([i], r.span[0] if r.own_time and r.span else None, r.span[1] if r.own_time and r.span else None,
                   {(r.source_name, r.target_name)} if named(r) else set(), *_sides(r, rules))
             for i, r in enumerate(ranked)]
    directed = bool(ranked and ranked[0].directed)
    whole = _Part([], None, None, set())
    for part in parts:
        whole.absorb(part)
    lo, hi = whole.max_lo, whole.min_hi
    time_clash = lo is not None and hi is not None and lo > hi + dt.timedelta(days=rules.day_tolerance)
    names = sorted(whole.names, key=str)
    if not time_clash and not (whole.facts & whole.possible) and not any(
            _names_differ(a, b, directed) for i, a in enumerate(names) for b in names[i + 1:]):
        return [ranked]
    edges = sorted((_strength(ranked[i], ranked[j]), i, j)
                   for i, j in candidate_pairs(ranked, [True] * len(ranked), rules.day_tolerance)
                   if linked(ranked[i], ranked[j], rules))
    owner = list(range(len(ranked)))

    def find(i: int) -> int:
        while owner[i] != i:
            owner[i] = owner[owner[i]]
            i = owner[i]
        return i

    for _, i, j in edges:
        a, b = find(i), find(j)
        if a != b and not parts[a].clashes(parts[b], rules.day_tolerance, directed):
            a, b = min(a, b), max(a, b)
            parts[a].absorb(parts[b])
            owner[b] = a
    return [[ranked[i] for i in sorted(parts[k].members)] for k in sorted({find(i) for i in range(len(ranked))})]


def report_order(r: Report) -> tuple[Any, ...]:
    """Dated reports first, earliest first: the order a group is cut in."""
    day = r.span[0] if r.span else dt.date.max
    return (not r.own_time, day, r.doc_id, r.idx)


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:12]


def _first_report(members: Sequence[Report]) -> Report:
    return min(members, key=lambda m: (m.published or dt.date.max, m.doc_id, m.idx))


@dataclass(frozen=True)
class StoryTime:
    when: str | None
    precision: str | None
    start: dt.date | None
    end: dt.date | None
    until: str | None = None  # the end of a period `when` starts, when only periods date the story


OUTLIER_DAYS = 3  # a report dating the event further than this from what most say is set aside


def story_time(members: Sequence[Report]) -> StoryTime:
    """The event's own time: at the finest precision any report gives, the day (month, year) most reports
    give, spanning the first to the last day the reports near it give."""
    dated = [m for m in members if m.own_time and m.span and m.when]
    if not dated:
        return StoryTime(None, None, None, None)
    if all(m.when_until for m in dated):
        return period_time(dated)
    dated = [m for m in dated if not m.when_until]  # a date inside a period is the finer time
    rank = {"day": 0, "month": 1, "year": 2}
    best = min(rank.get(precision(m.when) or "year", 2) for m in dated)
    finest = [m for m in dated if rank.get(precision(m.when) or "year", 2) == best]
    counts = Counter(m.span[0] for m in finest)  # type: ignore[index]
    day = min(counts, key=lambda d: (-counts[d], d))  # the day most reports give, the earliest of a tie
    near = [m for m in finest if abs((m.span[0] - day).days) <= OUTLIER_DAYS]  # type: ignore[index]
    start = min(m.span[0] for m in near)  # type: ignore[index]
    end = max(m.span[1] for m in near)  # type: ignore[index]
    level = ("day", "month", "year")[best]
    when = day.isoformat()[: {"day": 10, "month": 7, "year": 4}[level]]
    return StoryTime(when, level, start, end)


def period_time(dated: Sequence[Report]) -> StoryTime:
    """A story only periods date ("during X's presidency"): the days every one of them allows (the widest
    when they share none), from its first to its last day."""
    start = max(m.span[0] for m in dated)  # type: ignore[index]
    end = min(m.span[1] for m in dated)  # type: ignore[index]
    if start > end:
        start, end = min(m.span[0] for m in dated), max(m.span[1] for m in dated)  # type: ignore[index]
    first = min(dated, key=lambda m: (m.span[0] != start, m.published or dt.date.max, m.doc_id, m.idx))  # type: ignore[index]
    last = min(dated, key=lambda m: (m.span[1] != end, m.published or dt.date.max, m.doc_id, m.idx))  # type: ignore[index]
    level = precision(first.when) or "day"
    return StoryTime(first.when, level, start, end, last.when_until)


def lead(members: Sequence[Report]) -> Report:
    """The report to quote: one saying it happened, dated to the day if any is, earliest, longest sentence."""
    pool = [m for m in members if m.realis] or list(members)
    dated = [m for m in pool if m.own_time and not m.when_until and precision(m.when) == "day"]
    return min(dated or pool, key=lambda m: (m.published or dt.date.max, -m.length, m.doc_id, m.idx))


def source_verdicts(members: Sequence[Report]) -> dict[str, str]:
    """Per independent source: happened (a report says so), denied (none does, one says it did not), or planned."""
    out: dict[str, str] = {}
    for key in sorted({m.source_key for m in members}):
        own = [m for m in members if m.source_key == key]
        out[key] = "happened" if any(m.realis for m in own) else "denied" if any(m.denied for m in own) else "planned"
    return out


def confirmed_day(members: Sequence[Report]) -> dt.date | None:
    """The earliest day a report saying it happened gives, to the day."""
    days = [m.span[0] for m in members
            if m.realis and m.own_time and m.span and not m.when_until and precision(m.when) == "day"]
    return min(days) if days else None


def doubters(members: Sequence[Report], tolerance: int) -> list[Report]:
    """First report of each source that never says the event happened, though written after its
    confirmed day: a denial, or a plan dated to within `tolerance` days of that day. A plan
    reported before the day is the event's earlier stage, and an undated plan written later is
    about a later occasion; neither is doubt."""
    day = confirmed_day(members)
    if day is None:
        return []
    real = {m.source_key for m in members if m.realis}
    out: dict[str, Report] = {}
    for m in sorted(members, key=lambda m: (m.published or dt.date.max, m.doc_id, m.idx)):
        if m.source_key in real or m.source_key in out or m.published is None or m.published <= day:
            continue
        dated = m.own_time and m.span is not None and overlaps(m.span, (day, day), tolerance)
        if m.denied or dated:
            out[m.source_key] = m
    return list(out.values())


def realis_contradictions(story_id: str, members: Sequence[Report], tolerance: int) -> list[ContradictionItem]:
    """A story one source reports as having happened on a day and another, writing after that day,
    reports as only planned or as not having happened."""
    found = doubters(members, tolerance)
    if not found:
        return []
    real = [m for m in members if m.realis]
    first = min(real, key=lambda r: (r.published or dt.date.max, r.doc_id, r.idx))
    head = members[0]
    return [
        ContradictionItem(
            "realis", story_id, f"{head.a}-{head.b} {head.family} ({story_id})", head.a, head.b,
            first.doc_id, "events", first.idx, f"happened ({first.code})",
            m.doc_id, "events", m.idx, f"{'did not happen' if m.denied else m.modality} ({m.code})",
            max(d for d in (first.published, m.published) if d is not None),
        )
        for m in found
    ]


def story_row(members: Sequence[Report], cluster: str, tolerance: int) -> dict[str, object]:
    """The `stories` row of one group of reports."""
    head = members[0]
    first = _first_report(members)
    story_id = "S" + _digest(f"{head.family}|{head.a}|{head.b}|{first.doc_id}|{first.idx}")
    roots = Counter(m.root for m in members)
    quads = Counter(m.quad_class for m in members if m.quad_class is not None)
    goldstein = [m.goldstein for m in members if m.goldstein is not None]
    verdicts = source_verdicts(members)
    time = story_time(members)
    published = [m.published for m in members if m.published]
    best = lead(members)
    status = "happened" if any(m.realis for m in members) else "denied" if any(m.denied for m in members) else "planned"
    return {
        "id": story_id, "cluster": cluster, "family": head.family, "a": head.a, "b": head.b,
        "directed": head.directed, "root": min(roots, key=lambda r: (-roots[r], r)),
        "codes": sorted({m.code for m in members}), "when": time.when, "when_precision": time.precision,
        "when_start": time.start, "when_end": time.end, "when_until": time.until, "status": status,
        "disputed": bool(doubters(members, tolerance)), "background": all(m.background for m in members),
        "n_mentions": len(members), "n_documents": len({m.doc_id for m in members}), "n_sources": len(verdicts),
        "n_happened": sum(v == "happened" for v in verdicts.values()),
        "n_planned": sum(v == "planned" for v in verdicts.values()),
        "n_denied": sum(v == "denied" for v in verdicts.values()),
        "first_seen": min(published) if published else None, "last_seen": max(published) if published else None,
        "outlets": sorted({m.outlet for m in members if m.outlet}),
        "goldstein": sum(goldstein) / len(goldstein) if goldstein else None,
        "quad_class": min(quads, key=lambda q: (-quads[q], q)) if quads else None,
        "lead_doc": best.doc_id, "lead_idx": best.idx,
    }
