"""Stored rows turned into the items the fusion rules compare: documents' sources, reports, claims, relations."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from dyad.extract.actors.names import normalise
from dyad.fuse.config import fusion_config
from dyad.fuse.contradictions import relation_block
from dyad.fuse.figures import FigureRules, content_words, normalise_unit, subject_words
from dyad.fuse.sources import count_speculative, is_speculative_event, outlet_of, source_key
from dyad.fuse.stories import StoryRules, is_symmetric, story_key, trigger_stem
from dyad.fuse.time import TimeRules, is_background, own_span, report_span
from dyad.settings import Settings
from dyad.stored.fusion_items import ClaimFeature, DocSource, RelationFeature, Report

Row = dict[str, Any]
NAMED_KINDS = frozenset({"person", "organization"})


@dataclass(frozen=True)
class FusionRules:
    """Every number the fusion rules use, from fusion.yaml and the settings."""

    time: TimeRules
    stories: StoryRules
    figures: FigureRules

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> FusionRules:
        config = fusion_config()
        settings = settings or Settings()
        return cls(
            time=TimeRules(
                lookback_days=settings.story_window_days,
                lookahead_days=int(config.get("undated_lookahead_days", 14)),
                background_days=int(config.get("background_days", 30)),
            ),
            stories=StoryRules(
                day_tolerance=int(config.get("story_day_tolerance", 1)),
                min_similarity=float(config.get("story_min_similarity", 50)),
                undated_similarity=float(config.get("story_undated_similarity", 70)),
                possible_modalities=frozenset(config.get("story_possible_modalities") or []),
            ),
            figures=FigureRules(
                tolerance=settings.claim_tolerance,
                window_days=int(config.get("figure_window_days", 31)),
                contradiction_days=int(config.get("figure_contradiction_days", 14)),
                min_similarity=float(config.get("claim_subject_min_similarity", 70)),
                excluded_units=frozenset(normalise_unit(u) for u in config.get("contradiction_excluded_units") or []),
            ),
        )

    @classmethod
    def from_signature(cls, text: str) -> FusionRules:
        """The rules a `signature` line stands for (the rules the stored tables were built with)."""
        values = json.loads(text)
        figures = dict(values["figures"], excluded_units=frozenset(values["figures"]["excluded_units"]))
        stories = dict(values["stories"], possible_modalities=frozenset(values["stories"].get("possible_modalities", [])))
        return cls(time=TimeRules(**values["time"]), stories=StoryRules(**stories), figures=FigureRules(**figures))

    def signature(self) -> str:
        """A line that changes whenever a rule does (kept in fusion_state; a change calls for a rebuild)."""
        return json.dumps(asdict(self), sort_keys=True, default=sorted)


def doc_source(row: Row) -> DocSource:
    """A document's outlet (its own metadata or URL) and its independent source (its original's outlet)."""
    outlet, key, origin = outlet_of(row["outlet"], row["url"])
    if row["original"] == row["id"]:
        original_key = key
    else:
        _, original_key, _ = outlet_of(row["original_outlet"], row["original_url"])
    return DocSource(row["id"], outlet, key, origin, source_key(original_key, row["original"]), row["original"],
                     row["published"])


def doc_source_row(source: DocSource, sentences: list[str], events: Iterable[Row]) -> Row:
    """The `doc_sources` row: the document's source and the counts `dyad sources` adds up."""
    n_sentences, n_speculative = count_speculative(sentences)
    evs = list(events)
    goldstein = [e["goldstein"] for e in evs if e["realis"] and e["goldstein"] is not None]
    return {
        "doc_id": source.doc_id, "outlet": source.outlet, "outlet_key": source.outlet_key,
        "outlet_from": source.outlet_from, "source_key": source.source_key, "original": source.original,
        "published": source.published,
        "n_sentences": n_sentences, "n_speculative": n_speculative, "n_events": len(evs),
        "n_realis": sum(bool(e["realis"]) for e in evs),
        "n_speculative_events": sum(
            is_speculative_event(bool(e["realis"]), bool(e["negated"]), e["modality"] or "asserted") for e in evs
        ),
        "goldstein_sum": sum(goldstein) if goldstein else None, "n_goldstein": len(goldstein),
    }


def _party_name(name: str | None, kind: str | None, key: str | None) -> str | None:
    """The normalised name of a named person or body; None for states and unnamed officials."""
    if not name or kind not in NAMED_KINDS or (key or "").startswith("person:anonymous:"):
        return None
    return normalise(name) or None


def report(row: Row, source: DocSource, rules: TimeRules) -> Report:
    """A new event as story linking compares it."""
    family, a, b, directed = story_key(row["code"], row["root"], row["source"], row["target"])
    denied = bool(row["negated"]) or row["modality"] == "negated"
    until = row["when_until"]
    background = is_background(row["when"], source.published, bool(row["background"]), rules, until)
    span, own = report_span(row["when"], source.published, bool(row["realis"]), denied, background, rules, until)
    return Report(
        doc_id=row["doc_id"], idx=row["idx"], family=family, a=a, b=b, directed=directed, code=row["code"],
        root=row["root"], realis=bool(row["realis"]), denied=denied, modality=row["modality"] or "asserted",
        when=row["when"], background=background, span=span, own_time=own, published=source.published,
        source_key=source.source_key, outlet=source.outlet, stem=trigger_stem(row["trigger"] or ""),
        words=content_words(row["words"] or ""),
        source_name=_party_name(row["source_name"], row["source_kind"], row["source_key_name"]),
        target_name=_party_name(row["target_name"], row["target_kind"], row["target_key_name"]),
        goldstein=row["goldstein"], quad_class=row["quad_class"], length=int(row["length"] or 0),
        when_until=until if own else None,
    )


def stored_report(row: Row) -> Report:
    """A report already in `story_mentions`, with its group."""
    span = (row["day_lo"], row["day_hi"]) if row["day_lo"] is not None else None
    return Report(
        doc_id=row["doc_id"], idx=row["idx"], family=row["family"], a=row["a"], b=row["b"],
        directed=not is_symmetric(row["family"]), code=row["code"], root=row["root"], realis=bool(row["realis"]),
        denied=bool(row["negated"]), modality=row["modality"] or "asserted", when=row["when"],
        background=bool(row["background"]), span=span, own_time=bool(row["own_time"]), published=row["published"],
        source_key=row["source_key"], outlet=row["outlet"], stem=row["stem"] or "", words=row["words"] or "",
        source_name=row["source_name"], target_name=row["target_name"], goldstein=row["goldstein"],
        quad_class=row["quad_class"], length=int(row["length"] or 0), cluster=row["cluster"],
        when_until=row["when_until"],
    )


def mention_row(r: Report, story_id: str, cluster: str) -> Row:
    """The `story_mentions` row of a report."""
    return {
        "story_id": story_id, "cluster": cluster, "doc_id": r.doc_id, "idx": r.idx, "family": r.family, "a": r.a,
        "b": r.b, "day_lo": r.span[0] if r.span else None, "day_hi": r.span[1] if r.span else None,
        "own_time": r.own_time, "background": r.background, "realis": r.realis, "negated": r.denied,
        "source_key": r.source_key, "published": r.published, "stem": r.stem, "words": r.words,
        "source_name": r.source_name, "target_name": r.target_name, "code": r.code, "root": r.root,
        "modality": r.modality, "when": r.when, "goldstein": r.goldstein, "quad_class": r.quad_class,
        "length": r.length, "outlet": r.outlet, "when_until": r.when_until,
    }


def claim(row: Row, cluster: str | None = None) -> ClaimFeature:
    """A claim as figure grouping compares it; `row` carries its document's date and source."""
    unit = normalise_unit(row["unit"] or "")
    published: dt.date | None = row["published"]
    own = own_span(row["when"], row["when_until"])
    return ClaimFeature(
        doc_id=row["doc_id"], idx=row["idx"], value=float(row["value"]), unit=unit, approx=bool(row["approx"]),
        qualifier=row["qualifier"], about=row["about"], words=subject_words(row["about"], row["unit"] or ""),
        actors=tuple(sorted(set(row["actors"] or ()))), published=published, source_key=row["source_key"],
        span=own or ((published, published) if published else None), cluster=cluster,
        original=row["original"] or row["doc_id"], own_time=own is not None,
        period=own is not None and bool(row["when_until"]) and own != own_span(row["when"]),
    )


def relation(row: Row) -> RelationFeature:
    type_, a, b = relation_block(row["type"], row["a"], row["b"], bool(row["directed"]))
    return RelationFeature(
        doc_id=row["doc_id"], idx=row["idx"], block=f"{type_}|{a}|{b}", type=type_, a=a, b=b,
        polarity=row["polarity"], published=row["published"], source_key=row["source_key"],
        original=row["original"] or row["doc_id"],
    )


def name_key(row: Row) -> str:
    """kind|key|country|role; an unnamed official is keyed by his document too."""
    parts = [row["kind"] or "", row["key"] or "", row["country"] or "", row["role"] or ""]
    if (row["key"] or "").startswith("person:anonymous:"):
        parts.append(row["doc_id"])
    return "|".join(parts)


def link_rows(rows: Iterable[Row]) -> list[Row]:
    """The `actor_links` rows of new documents' actors."""
    return [
        {"doc_id": r["doc_id"], "key": r["key"], "name_key": name_key(r), "name": r["name"], "kind": r["kind"],
         "country": r["country"], "role": r["role"], "sector": r["sector"], "code": r["code"],
         "aliases": list(r["aliases"] or []), "mentions": int(r["mentions"] or 0)}
        for r in rows
    ]
