"""Micro-averaged precision, recall and F1 per layer, plus the extra figures, from gold and predictions.

A pure function of records: `score(gold_docs, predictions)` where
`predictions` maps a gold `doc` name to {layer: [item dict, ...]}. A gold
document with no prediction counts all its items as missed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from dyad.evaluate import LAYERS
from dyad.evaluate import match as m
from dyad.evaluate.gold import GoldDoc, Item
from dyad.figures import format_value

Predictions = Mapping[str, Mapping[str, Sequence[Item]]]


@dataclass
class Counts:
    """True positives, false positives, false negatives and the figures derived from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class Ratio:
    """Share of matched items on which a secondary field agrees."""

    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def add(self, ok: bool | None) -> None:
        if ok is not None:
            self.correct += int(ok)
            self.total += 1


@dataclass
class DocErrors:
    """What went wrong in one document for one layer, as readable lines."""

    fp: list[str] = field(default_factory=list)
    fn: list[str] = field(default_factory=list)
    mismatch: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.fp or self.fn or self.mismatch)


@dataclass
class LayerScore:
    counts: Counts = field(default_factory=Counts)
    ratios: dict[str, Ratio] = field(default_factory=dict)
    variants: dict[str, Counts] = field(default_factory=dict)  # undirected, realis_only
    errors: dict[str, DocErrors] = field(default_factory=dict)

    def as_dict(self, details: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = self.counts.as_dict()
        for name, ratio in self.ratios.items():
            out[name] = round(ratio.value, 4)
        for name, counts in self.variants.items():
            out[f"{name}_f1"] = round(counts.f1, 4)
        for name, ratio in self.ratios.items():
            out[f"{name.removesuffix('_accuracy')}_counts"] = {"correct": ratio.correct, "total": ratio.total}
        for name, counts in self.variants.items():
            out[name] = counts.as_dict()
        if details:
            out["errors"] = {
                doc: {"fp": e.fp, "fn": e.fn, "mismatch": e.mismatch} for doc, e in self.errors.items() if e
            }
        return out


# -- describing items for --details -------------------------------------------------


def describe(layer: str, item: Item) -> str:
    if layer == "actors":
        return f"{item.get('name')} ({item.get('kind')}, {item.get('country') or '-'})"
    if layer == "events":
        realis = "realis" if item.get("realis") else "irrealis"
        return f"{item.get('source')}->{item.get('target')} {item.get('root')}/{item.get('code')} {realis}"
    if layer == "quotes":
        text = " ".join((item.get("text") or "").split())
        speaker = item.get("speaker") or "?"
        if item.get("speaker_name") and item["speaker_name"] != speaker:
            speaker += f" [{item['speaker_name']}]"
        return f"{speaker}: \u201c{text[:70]}{'...' if len(text) > 70 else ''}\u201d"
    if layer == "claims":
        value = item.get("value")
        shown = format_value(float(value)) if isinstance(value, (int, float)) else str(value)
        about = item.get("about") or item.get("evidence")
        return f"{shown} {item.get('unit')}" + (f" ({about})" if about else "")
    if layer == "relations":
        return f"{item.get('a')} {item.get('type')}{item.get('polarity') or '+'} {item.get('b')}"
    return str(item)


# -- per layer rules ----------------------------------------------------------------

Rule = tuple[Callable[[Item, Item], bool], Callable[[Item, Item], int] | None]


def rules(gold: GoldDoc, tolerance: float) -> dict[str, Rule]:
    """The matching predicate and tie-break preference of each layer for one gold document."""
    actors = gold.items("actors")
    return {
        "actors": (lambda s, g: m.actor_matches(s, g, actors), lambda s, g: int(m.same_country(s, g))),
        "events": (m.event_matches, lambda s, g: int(m.same_realis(s, g)) + int(bool(m.same_code(s, g)))),
        "quotes": (lambda s, g: m.quote_matches(s, g, actors), None),
        "claims": (lambda s, g: m.claim_matches(s, g, tolerance), None),
        "relations": (m.relation_matches, None),
    }


def scored_system_items(layer: str, items: Sequence[Item]) -> list[Item]:
    if layer == "quotes":
        return [q for q in items if m.quote_is_scored(q)]
    if layer == "events":  # the gold is at state level: an event with a body or an unplaced group on one side is not
        return [e for e in items if e.get("source") and e.get("target")]
    return list(items)


def _tally(
    counts: Counts, gold: Sequence[Item], system: Sequence[Item], pairs: list[tuple[int, int]]
) -> tuple[list[int], list[int]]:
    """Add one document's counts; return the unmatched gold and system indices."""
    matched_g = {g for g, _ in pairs}
    matched_s = {s for _, s in pairs}
    counts.add(len(pairs), len(system) - len(pairs), len(gold) - len(pairs))
    return [i for i in range(len(gold)) if i not in matched_g], [i for i in range(len(system)) if i not in matched_s]


def score_document(
    layer: str, rule: Rule, gold: Sequence[Item], system: Sequence[Item], result: LayerScore, doc: str
) -> None:
    """Match one document's items of one layer and add them to `result`."""
    matches, prefer = rule
    pairs = m.assign(gold, system, matches, prefer)
    missed, spurious = _tally(result.counts, gold, system, pairs)
    errors = result.errors.setdefault(doc, DocErrors())
    errors.fn += [describe(layer, gold[i]) for i in missed]
    errors.fp += [describe(layer, system[i]) for i in spurious]
    if layer == "actors":
        country = result.ratios.setdefault("country_accuracy", Ratio())
        for gi, si in pairs:
            ok = m.same_country(system[si], gold[gi])
            country.add(ok)
            if not ok:
                errors.mismatch.append(f"country: {describe(layer, system[si])} vs gold {gold[gi].get('country')}")
    if layer == "events":
        _score_event_extras(gold, system, pairs, result, errors)


def _score_event_extras(
    gold: Sequence[Item], system: Sequence[Item], pairs: list[tuple[int, int]], result: LayerScore, errors: DocErrors
) -> None:
    realis = result.ratios.setdefault("realis_accuracy", Ratio())
    code = result.ratios.setdefault("code_accuracy", Ratio())
    for gi, si in pairs:
        realis_ok, code_ok = m.same_realis(system[si], gold[gi]), m.same_code(system[si], gold[gi])
        realis.add(realis_ok)
        code.add(code_ok)
        if not realis_ok or code_ok is False:
            errors.mismatch.append(
                f"{describe('events', system[si])} vs gold {gold[gi].get('code')} "
                f"{'realis' if gold[gi].get('realis') else 'irrealis'}"
            )
    undirected = result.variants.setdefault("undirected", Counts())
    _tally(undirected, gold, system, m.assign(gold, system, lambda s, g: m.event_matches(s, g, directed=False)))
    realis_only = result.variants.setdefault("realis_only", Counts())
    gold_r = [g for g in gold if g.get("realis")]
    sys_r = [s for s in system if s.get("realis")]
    _tally(realis_only, gold_r, sys_r, m.assign(gold_r, sys_r, m.event_matches))


def empty_scores() -> dict[str, LayerScore]:
    scores = {layer: LayerScore() for layer in LAYERS}
    scores["actors"].ratios["country_accuracy"] = Ratio()
    scores["events"].ratios.update(realis_accuracy=Ratio(), code_accuracy=Ratio())
    scores["events"].variants.update(undirected=Counts(), realis_only=Counts())
    return scores


def score(gold_docs: Sequence[GoldDoc], predictions: Predictions, tolerance: float = 0.02) -> dict[str, LayerScore]:
    """Score every layer over all gold documents (micro-averaged)."""
    scores = empty_scores()
    for gold in gold_docs:
        predicted = predictions.get(gold.doc, {})
        for layer, rule in rules(gold, tolerance).items():
            system = scored_system_items(layer, predicted.get(layer, []))
            score_document(layer, rule, gold.items(layer), system, scores[layer], gold.doc)
    return scores


def scores_json(scores: Mapping[str, LayerScore], details: bool = False) -> dict[str, Any]:
    """The stable JSON shape: one object keyed by layer."""
    return {layer: scores[layer].as_dict(details) for layer in LAYERS}
