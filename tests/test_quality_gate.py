"""The quality gate: seed-gold figures must stay at or above quality/floors.json (floors only go up)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.evaluate import floors as f

ROOT = Path(__file__).resolve().parents[1]
FLOORS = ROOT / "quality" / "floors.json"


def test_floors_file_covers_every_figure_and_rounds_to_two_decimals() -> None:
    floors = f.load_floors(FLOORS)
    assert {layer: set(names) for layer, names in floors.items()} == {
        layer: set(names) for layer, names in {**f.FIGURES, **f.FUSION_FIGURES}.items()
    }
    for names in floors.values():
        for value in names.values():
            assert 0.0 <= value <= 1.0 and round(value, 2) == value


def test_floor_helpers_only_raise_and_flag_what_is_below() -> None:
    floors = {"claims": {"f1": 0.5, "recall": 0.3}}
    measured = {"claims": {"f1": 0.4567, "recall": 0.399}}
    assert f.below_floors(measured, floors) == ["claims.f1: 0.4567 < floor 0.50"]
    assert f.raised(measured, floors) == {"claims": {"f1": 0.5, "recall": 0.39}}


@pytest.mark.slow
def test_seed_gold_figures_stay_above_the_floors(nlp, capsys) -> None:
    if not (f.SEEDS_GOLD.is_file() and f.SEEDS.is_dir()):
        pytest.skip("../shared/gold/seeds.jsonl or ../shared/corpus/seeds is not present")
    from dyad.extract.pipeline import extract_many

    manifest = f.SEEDS_MANIFEST if f.SEEDS_MANIFEST.is_file() else None
    measured = f.measure(f.SEEDS_GOLD, f.SEEDS, manifest, extractor=lambda docs: extract_many(docs, nlp))
    floors = {layer: names for layer, names in f.load_floors(FLOORS).items() if layer in f.FIGURES}
    with capsys.disabled():
        print("\n" + f.report(measured, floors))
    below = f.below_floors(measured, floors)
    assert not below, "below the quality floors:\n" + "\n".join(below) + "\n" + f.report(measured, floors)


@pytest.mark.slow
@pytest.mark.parametrize("layer", sorted(f.FUSION_FIGURES))
def test_fusion_gold_figures_stay_above_the_floors(layer: str, nlp, capsys) -> None:
    if layer == "fusion_seeds" and not f.SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not present")
    from dyad.extract.pipeline import extract_many

    measured = f.measure_fusion(layer, extractor=lambda docs: extract_many(docs, nlp))
    floors = {layer: f.load_floors(FLOORS)[layer]}
    with capsys.disabled():
        print("\n" + f.report(measured, floors))
    below = f.below_floors(measured, floors)
    assert not below, "below the fusion quality floors:\n" + "\n".join(below)
