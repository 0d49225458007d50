"""Quality floors: the figures on each development gold set must not fall below its floors file; floors only go up.

Two gold sets are pinned: the seeds (quality/floors.json) and voa-dev, 18 full
VOA stories (quality/floors-voa-dev.json). Run `python -m dyad.evaluate.floors`
to print the seeds' measured figures against their floors (exit 1 when one is
below), `--set voa-dev` for the other set, `--update` to raise the floors to
today's figures rounded down to two decimals (a floor never goes down). The
seeds' floors also hold the fusion gold figures (quality/fusion/: the embedded
examples and the seeds), measured beside the seed gold.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Figures = Mapping[str, Mapping[str, float]]

ROOT = Path(__file__).resolve().parents[3]
FLOORS_FILE = ROOT / "quality" / "floors.json"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
SEEDS_MANIFEST = SHARED / "corpus" / "seeds.manifest.jsonl"
SEEDS_GOLD = SHARED / "gold" / "seeds.jsonl"
EXAMPLES = ROOT / "src" / "dyad" / "examples"
FUSION_GOLD = {"fusion_examples": ROOT / "quality" / "fusion" / "examples.jsonl",
               "fusion_seeds": ROOT / "quality" / "fusion" / "seeds.jsonl"}


@dataclass(frozen=True)
class GoldSet:
    """A development gold set, the corpus it annotates and the floors pinned on it."""

    name: str
    gold: Path
    corpus: Path
    manifest: Path | None
    floors: Path

    def present(self) -> bool:
        return self.gold.is_file() and self.corpus.is_dir()


GOLD_SETS: dict[str, GoldSet] = {
    "seeds": GoldSet("seeds", SEEDS_GOLD, SEEDS, SEEDS_MANIFEST, FLOORS_FILE),
    "voa-dev": GoldSet("voa-dev", SHARED / "gold" / "voa-dev.jsonl", SHARED / "corpus" / "voa-dev",
                       SHARED / "corpus" / "voa-dev" / "manifest.jsonl", ROOT / "quality" / "floors-voa-dev.json"),
}

# per layer, the figures that have a floor
FIGURES: dict[str, tuple[str, ...]] = {
    "actors": ("precision", "recall", "f1", "country_accuracy"),
    "events": ("precision", "recall", "f1", "realis_accuracy", "code_accuracy", "undirected_f1", "realis_only_f1"),
    "quotes": ("precision", "recall", "f1"),
    "claims": ("precision", "recall", "f1"),
    "relations": ("precision", "recall", "f1"),
}
# fusion gold figures (docs/fusion-gold.md), for the embedded examples and the seeds
FUSION_NAMES = ("bcubed_precision", "bcubed_recall", "bcubed_f1", "coverage", "status_accuracy", "time_accuracy",
                "contradiction_precision", "contradiction_recall")
FUSION_FIGURES: dict[str, tuple[str, ...]] = {layer: FUSION_NAMES for layer in FUSION_GOLD}


def figures(measured: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, float]]:
    """The floored figures out of `dyad eval --json` output."""
    return {layer: {name: float(measured[layer][name]) for name in names} for layer, names in FIGURES.items()}


def load_floors(path: Path = FLOORS_FILE) -> dict[str, dict[str, float]]:
    return json.loads(path.read_text(encoding="utf-8"))


def below_floors(measured: Figures, floors: Figures) -> list[str]:
    """One line per figure under its floor (a figure missing from the measurement counts as 0)."""
    return [
        f"{layer}.{name}: {measured.get(layer, {}).get(name, 0.0):.4f} < floor {floor:.2f}"
        for layer, names in floors.items()
        for name, floor in names.items()
        if measured.get(layer, {}).get(name, 0.0) + 1e-9 < floor
    ]


def round_down(value: float) -> float:
    return math.floor(value * 100 + 1e-9) / 100


def raised(measured: Figures, floors: Figures) -> dict[str, dict[str, float]]:
    """Floors raised to the measurement rounded down to two decimals; never lowered."""
    return {
        layer: {name: max(floors.get(layer, {}).get(name, 0.0), round_down(value)) for name, value in names.items()}
        for layer, names in measured.items()
    }


def report(measured: Figures, floors: Figures) -> str:
    lines = [f"{'figure':32} {'measured':>9} {'floor':>6}"]
    for layer, names in measured.items():
        for name, value in names.items():
            floor = floors.get(layer, {}).get(name)
            mark = "  BELOW" if floor is not None and value + 1e-9 < floor else ""
            shown = f"{floor:.2f}" if floor is not None else "-"
            lines.append(f"{layer + '.' + name:32} {value:9.4f} {shown:>6}{mark}")
    return "\n".join(lines)


def measure(
    gold: Path, corpus: Path, manifest: Path | None, db: Path | None = None, extractor: Any = None
) -> dict[str, dict[str, float]]:
    """Run the eval and keep the floored figures."""
    from dyad.evaluate.run import evaluate
    from dyad.evaluate.score import scores_json
    from dyad.settings import load_settings

    run = evaluate(gold, corpus, manifest, db, load_settings(), extractor)
    return figures(scores_json(run.scores))


def measure_fusion(layer: str, extractor: Any = None) -> dict[str, dict[str, float]]:
    """Score one fusion gold file (its corpus ingested afresh) and keep the floored figures."""
    from dyad.evaluate.fusion_run import evaluate_fusion
    from dyad.settings import load_settings

    if layer == "fusion_examples":
        corpus, manifest = EXAMPLES, None
    else:
        corpus, manifest = SEEDS, SEEDS_MANIFEST if SEEDS_MANIFEST.is_file() else None
    run = evaluate_fusion(FUSION_GOLD[layer], corpus, manifest, None, load_settings(), extractor)
    figures = run.score.figures()
    return {layer: {name: float(figures[name]) for name in FUSION_FIGURES[layer]}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dyad.evaluate.floors", description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(GOLD_SETS), default="seeds", help="the gold set and its floors")
    parser.add_argument("--gold", type=Path, default=None)
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--manifest", type=Path, default=None)
    parser.add_argument("--db", type=Path, default=None, help="score this store instead of a fresh ingest")
    parser.add_argument("--floors", type=Path, default=None)
    parser.add_argument("--update", action="store_true", help="raise the floors to today's figures (rounded down)")
    args = parser.parse_args(argv)
    chosen = GOLD_SETS[args.set]
    args.gold = args.gold or chosen.gold
    args.corpus = args.corpus or chosen.corpus
    args.manifest = args.manifest or chosen.manifest
    args.floors = args.floors or chosen.floors
    manifest = args.manifest if args.manifest and args.manifest.is_file() else None
    measured = measure(args.gold, args.corpus, manifest, args.db)
    for layer in FUSION_FIGURES if args.set == "seeds" else ():
        if layer == "fusion_examples" or SEEDS.is_dir():
            measured.update(measure_fusion(layer))
    floors = load_floors(args.floors) if args.floors.is_file() else {}
    print(report(measured, floors))
    if args.update:
        args.floors.parent.mkdir(parents=True, exist_ok=True)
        args.floors.write_text(json.dumps(raised(measured, floors), indent=2) + "\n", encoding="utf-8")
        print(f"floors written to {args.floors}")
        return 0
    return 1 if below_floors(measured, floors) else 0


if __name__ == "__main__":
    sys.exit(main())
