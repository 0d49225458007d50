"""Incremental fusion: fold new documents into the stored stories, figures, contradictions and outlets.

For each new document: its outlet and independent source; its events, linked
to the stored reports of the same key whose days overlap (the groups they
join are recomputed whole, then cut where one document dates two events
apart); its claims, linked to stored claims of the same unit and states
published nearby; its relations, against stored denials or assertions of the
same relation. Only what a new document links to is read and rewritten,
never the whole corpus. Because stories and figures are connected groups of
a pairwise rule, any order of arrival gives the same tables as `rebuild`.

Removing documents (`unfuse`) recomputes the groups they were in from the
reports that remain; `refresh` is both, for documents whose metadata changed.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from dyad.fuse import figures as fig
from dyad.fuse import items as it
from dyad.fuse import stories as st
from dyad.fuse.contradictions import bucket, first_per_document, relation_contradictions
from dyad.fuse.items import FusionRules
from dyad.fuse.linking import connected, group_name, join_groups
from dyad.settings import Settings
from dyad.store import Store
from dyad.store import fusion_read as rd
from dyad.store.fusion_write import FusionWrite, apply, clear
from dyad.stored.fusion_items import ClaimFeature, ContradictionItem, DocSource, Report

BATCH = 2000  # documents per step of a rebuild


@dataclass
class FusionUpdate:
    """What one fusion step changed, for a watcher to raise alerts on."""

    documents: list[str] = field(default_factory=list)
    stories_new: list[str] = field(default_factory=list)  # stories that did not exist before
    stories_changed: list[str] = field(default_factory=list)  # stories that existed and gained or lost reports
    stories_removed: list[str] = field(default_factory=list)  # ids gone (merged into another, or emptied)
    figures_changed: list[str] = field(default_factory=list)
    contradictions_new: list[str] = field(default_factory=list)
    contradictions_removed: list[str] = field(default_factory=list)
    actors_resolved: int = 0
    seconds: float = 0.0

    def add(self, other: FusionUpdate) -> None:
        for name in ("documents", "stories_new", "stories_changed", "stories_removed", "figures_changed",
                     "contradictions_new", "contradictions_removed"):
            getattr(self, name).extend(getattr(other, name))
        self.actors_resolved = max(self.actors_resolved, other.actors_resolved)
        self.seconds += other.seconds


# -- stories ----------------------------------------------------------------------------------------


def _story_groups(members: Sequence[Report], rules: FusionRules) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[ContradictionItem]]:
    """Story rows, mention rows and realis contradictions of one connected group of reports."""
    srules = rules.stories
    cluster = group_name("K", members)
    stories, mentions, found = [], [], []
    for part in st.split(members, srules):
        row = st.story_row(part, cluster, srules.day_tolerance)
        stories.append(row)
        mentions += [it.mention_row(r, str(row["id"]), cluster) for r in part]
        found += st.realis_contradictions(str(row["id"]), part, srules.day_tolerance)
    return stories, mentions, found


def _windows(reports: Sequence[Report], rules: FusionRules) -> list[tuple[str, str, str, dt.date, dt.date]]:
    """Per key, the days stored reports must overlap to be compared with these."""
    gap = dt.timedelta(days=rules.stories.day_tolerance)
    spans: dict[tuple[str, str, str], list[dt.date]] = {}
    for r in reports:
        if r.span is not None:
            lo, hi = spans.setdefault(r.key, [r.span[0], r.span[1]])
            spans[r.key] = [min(lo, r.span[0]), max(hi, r.span[1])]
    return [(k[0], k[1], k[2], lo - gap, hi + gap) for k, (lo, hi) in spans.items()]


def link_reports(store: Store, new: Sequence[Report], rules: FusionRules, out: FusionWrite) -> None:
    """Join new reports to the stored stories they link to; recompute the groups they touch."""
    nearby = [it.stored_report(r) for r in rd.reports_near(store, _windows(new, rules))]
    by_key: dict[tuple[str, str, str], list[Report]] = defaultdict(list)
    for r in [*nearby, *new]:
        by_key[r.key].append(r)
    joined: list[tuple[set[str], list[Report]]] = []
    for items in by_key.values():
        groups = [r.cluster for r in items]
        for clusters, new_ids in join_groups(items, groups, rules.stories.day_tolerance,
                                             lambda x, y: st.linked(x, y, rules.stories)):
            joined.append((clusters, [items[i] for i in new_ids]))
    touched = sorted({c for clusters, _ in joined for c in clusters})
    stored = defaultdict(list)
    for row in rd.reports_of_clusters(store, touched):
        stored[row["cluster"]].append(it.stored_report(row))
    for clusters, fresh in joined:
        members = [r for c in sorted(clusters) for r in stored[c]] + list(fresh)
        _add_story_group(members, rules, out)
    out.story_clusters += touched


def _add_story_group(members: Sequence[Report], rules: FusionRules, out: FusionWrite) -> None:
    stories, mentions, found = _story_groups(members, rules)
    out.stories += stories
    out.mentions += mentions
    out.contradictions += [_contradiction_row(c) for c in found]


def _regroup_stories(store: Store, clusters: Sequence[str], leaving: set[str], rules: FusionRules,
                     out: FusionWrite) -> None:
    """Recompute stored groups from the reports that stay (a group may fall apart)."""
    stored = defaultdict(list)
    for row in rd.reports_of_clusters(store, clusters):
        if row["doc_id"] not in leaving:
            stored[row["cluster"]].append(it.stored_report(row))
    for members in stored.values():
        fresh = [replace(m, cluster=None) for m in members]
        for group in connected(fresh, rules.stories.day_tolerance, lambda x, y: st.linked(x, y, rules.stories)):
            _add_story_group([fresh[i] for i in group], rules, out)
    out.story_clusters += list(clusters)


# -- figures ------------------------------------------------------------------------------------------


def _figure_group(members: Sequence[ClaimFeature], rules: FusionRules, outlets: dict[str, str | None],
                  out: FusionWrite) -> None:
    cluster = group_name("G", members)
    for part in fig.split(members, rules.figures):
        row, claims = fig.figure_rows(part, cluster, rules.figures, outlets)
        out.figures.append(row)
        out.figure_claims += claims
        out.contradictions += [_contradiction_row(c) for c in fig.contradictions(part, str(row["id"]), rules.figures)]


def link_claims(store: Store, new: Sequence[ClaimFeature], rules: FusionRules, outlets: dict[str, str | None],
                out: FusionWrite) -> None:
    """Join new claims to the stored figures they measure the same thing as; recompute those."""
    window = dt.timedelta(days=rules.figures.window_days)
    ranges: dict[str, list[dt.date]] = {}
    for c in new:
        if c.published is not None:
            lo, hi = ranges.setdefault(c.block, [c.published, c.published])
            ranges[c.block] = [min(lo, c.published), max(hi, c.published)]
    nearby = rd.claims_near(store, [(b, lo - window, hi + window) for b, (lo, hi) in ranges.items()])
    stored_items = [it.claim(r, r["cluster"]) for r in nearby]
    by_block: dict[str, list[ClaimFeature]] = defaultdict(list)
    for c in [*stored_items, *new]:
        by_block[c.block].append(c)
    joined = []
    for items in by_block.values():
        for clusters, new_ids in join_groups(items, [c.cluster for c in items], rules.figures.window_days,
                                             lambda x, y: fig.linked(x, y, rules.figures)):
            joined.append((clusters, [items[i] for i in new_ids]))
    touched = sorted({c for clusters, _ in joined for c in clusters})
    stored: dict[str, list[ClaimFeature]] = defaultdict(list)
    for row in rd.claims_of_clusters(store, touched):
        stored[row["cluster"]].append(it.claim(row, row["cluster"]))
    known = dict(outlets)
    known.update(rd.outlets(store, sorted({c.doc_id for group in stored.values() for c in group} - set(known))))
    for clusters, fresh in joined:
        members = [c for k in sorted(clusters) for c in stored[k]] + list(fresh)
        _figure_group(members, rules, known, out)
    out.figure_clusters += touched


def _regroup_figures(store: Store, clusters: Sequence[str], leaving: set[str], rules: FusionRules,
                     outlets: dict[str, str | None], out: FusionWrite) -> None:
    stored: dict[str, list[ClaimFeature]] = defaultdict(list)
    for row in rd.claims_of_clusters(store, clusters):
        if row["doc_id"] not in leaving:
            stored[row["cluster"]].append(it.claim(row))
    for members in stored.values():
        for group in connected(members, rules.figures.window_days, lambda x, y: fig.linked(x, y, rules.figures)):
            _figure_group([members[i] for i in group], rules, outlets, out)
    out.figure_clusters += list(clusters)


# -- contradictions of relations ------------------------------------------------------------------------


def _relation_buckets(store: Store, new: Sequence[Any], leaving: set[str], out: FusionWrite) -> None:
    """Recompute the contradictions of every (relation, month) bucket these relations fall in."""
    buckets = {bucket(r) for r in new}
    if not buckets:
        return
    windows = set()
    for r in new:
        lo = r.published.replace(day=1) if r.published else None
        hi = (lo + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1) if lo else None
        windows.add((r.a, r.b, lo, hi))
    fresh = {(r.doc_id, r.idx) for r in new}
    stored = [r for r in (it.relation(x) for x in rd.relations_near(store, sorted(windows, key=str)))
              if bucket(r) in buckets and (r.doc_id, r.idx) not in fresh and r.doc_id not in leaving]
    members: dict[str, list[Any]] = defaultdict(list)
    for r in first_per_document([*stored, *(r for r in new if r.doc_id not in leaving)]):
        members[bucket(r)].append(r)
    out.contradiction_refs += sorted(buckets)
    for key in sorted(members):
        out.contradictions += [_contradiction_row(c) for c in relation_contradictions(members[key])]


def link_relations(store: Store, rows: Sequence[dict[str, Any]], out: FusionWrite) -> None:
    """The new documents' relations against those stated in the same month."""
    _relation_buckets(store, first_per_document(it.relation(r) for r in rows), set(), out)


def _contradiction_row(c: ContradictionItem) -> dict[str, Any]:
    return {"id": c.id, **{k: v for k, v in c.__dict__.items()}}


# -- the steps -------------------------------------------------------------------------------------------


def _sources(store: Store, ids: Sequence[str]) -> tuple[dict[str, DocSource], list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    sources = {r["id"]: it.doc_source(r) for r in rd.document_meta(store, ids)}
    sentences: dict[str, list[str]] = defaultdict(list)
    for r in rd.sentence_texts(store, ids):
        sentences[r["doc_id"]].append(r["words"] or "")
    events: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rd.event_rows(store, ids):
        events[r["doc_id"]].append(r)
    rows = [it.doc_source_row(s, sentences[i], events[i]) for i, s in sources.items()]
    return sources, rows, events


def _with_source(rows: Iterable[dict[str, Any]], sources: dict[str, DocSource]) -> list[dict[str, Any]]:
    """Rows of new documents with their document's date and independent source."""
    return [{**r, "published": sources[r["doc_id"]].published, "source_key": sources[r["doc_id"]].source_key,
             "original": sources[r["doc_id"]].original} for r in rows]


def _outlets(sources: dict[str, DocSource]) -> dict[str, str | None]:
    return {i: s.outlet for i, s in sources.items()}


def _replaced(store: Store, out: FusionWrite) -> None:
    """Name the stories and figures the step replaces, so their contradictions go with them."""
    out.contradiction_refs += [r["id"] for r in rd.stories_of_clusters(store, out.story_clusters)]
    out.contradiction_refs += [r["id"] for r in rd.figures_of_clusters(store, out.figure_clusters)]


def fuse_documents(store: Store, doc_ids: Iterable[str], settings: Settings | None = None,
                   rules: FusionRules | None = None) -> FusionUpdate:
    """Fold these stored documents into the fusion tables (those already fused are left alone)."""
    started = time.perf_counter()
    rules = rules or FusionRules.from_settings(settings)
    wanted = list(dict.fromkeys(doc_ids))
    with store.reading():  # the dozen reads below share one connection (each would open the file again)
        done = rd.fused_documents(store, wanted)
        ids = [i for i in wanted if i not in done]
        if not ids:
            return FusionUpdate()
        out = FusionWrite(state={"rules": rules.signature()},
                          background_days=rules.time.background_days)
        sources, out.doc_sources, events = _sources(store, ids)
        reports = [it.report(r, sources[r["doc_id"]], rules.time) for evs in events.values() for r in evs]
        link_reports(store, reports, rules, out)
        claims = [it.claim(r) for r in _with_source(rd.claim_rows(store, ids), sources)]
        link_claims(store, claims, rules, _outlets(sources), out)
        link_relations(store, _with_source(rd.relation_rows(store, ids), sources), out)
        out.actor_links = it.link_rows(rd.actor_rows(store, ids))
        _replaced(store, out)
        update = _report(store, out, ids)
    apply(store, out)
    update.seconds = time.perf_counter() - started
    return update


def unfuse_documents(store: Store, doc_ids: Iterable[str], settings: Settings | None = None,
                     rules: FusionRules | None = None) -> FusionUpdate:
    """Take these documents out of the fusion tables; the groups they were in are recomputed without them."""
    started = time.perf_counter()
    rules = rules or FusionRules.from_settings(settings)
    ids = sorted(rd.fused_documents(store, list(doc_ids)))
    if not ids:
        return FusionUpdate()
    leaving = set(ids)
    out = FusionWrite(drop_docs=ids, state={"rules": rules.signature()},
                      background_days=rules.time.background_days)
    _regroup_stories(store, rd.story_clusters_of(store, ids), leaving, rules, out)
    clusters = rd.figure_clusters_of(store, ids)
    staying = sorted({r["doc_id"] for r in rd.claims_of_clusters(store, clusters)} - leaving)
    _regroup_figures(store, clusters, leaving, rules, rd.outlets(store, staying), out)
    gone = [it.relation(r) for r in rd.relation_rows_fused(store, ids)]
    _relation_buckets(store, gone, leaving, out)
    _replaced(store, out)
    update = _report(store, out, ids)
    apply(store, out)
    update.seconds = time.perf_counter() - started
    return update


def refresh_documents(store: Store, doc_ids: Iterable[str], settings: Settings | None = None,
                      rules: FusionRules | None = None) -> FusionUpdate:
    """Fuse these documents again (after their outlet, URL or date changed): out, then in."""
    ids = list(dict.fromkeys(doc_ids))
    rules = rules or FusionRules.from_settings(settings)
    update = unfuse_documents(store, ids, rules=rules)
    update.add(fuse_documents(store, ids, rules=rules))
    update.documents = ids
    return update


def stored_rules(store: Store) -> FusionRules:
    """The rules the stored tables were built with (the default rules before any fusion)."""
    signature = rd.state(store).get("rules")
    return FusionRules.from_signature(signature) if signature else FusionRules.from_settings(None)


def fuse_pending(store: Store, settings: Settings | None = None, batch: int = BATCH) -> FusionUpdate:
    """Fuse every stored document fusion has not seen yet, in batches by publication day."""
    rules = FusionRules.from_settings(settings)
    total = FusionUpdate()
    pending = rd.unfused_documents(store)
    for start in range(0, len(pending), batch):
        total.add(fuse_documents(store, pending[start : start + batch], rules=rules))
    return total


def rebuild(store: Store, settings: Settings | None = None, batch: int = BATCH) -> FusionUpdate:
    """Empty the fusion tables and fuse every stored document again."""
    clear(store)
    return fuse_pending(store, settings, batch)


# -- what changed ------------------------------------------------------------------------------------------


def _signature(row: dict[str, Any]) -> tuple[Any, ...]:
    return (row["n_mentions"], row["n_sources"], row["status"], row["when"], row["disputed"])


def _report(store: Store, out: FusionWrite, ids: Sequence[str]) -> FusionUpdate:
    """Compare the rows a step is about to replace with the rows it writes."""
    old = {r["id"]: _signature(r) for r in rd.stories_of_clusters(store, out.story_clusters)}
    new = {str(r["id"]): _signature(r) for r in out.stories}
    old_contradictions = rd.contradiction_ids(store, out.contradiction_refs, out.drop_docs)
    new_contradictions = {str(r["id"]) for r in out.contradictions}
    return FusionUpdate(
        documents=list(ids),
        stories_new=sorted(set(new) - set(old)),
        stories_changed=sorted(i for i in set(new) & set(old) if new[i] != old[i]),
        stories_removed=sorted(set(old) - set(new)),
        figures_changed=sorted({str(r["id"]) for r in out.figures}),
        contradictions_new=sorted(new_contradictions - old_contradictions),
        contradictions_removed=sorted(old_contradictions - new_contradictions),
    )
