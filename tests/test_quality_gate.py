"""The quality gate: seed-gold figures must stay at or above quality/floors.json, and the voa-dev
figures at or above quality/floors-voa-dev.json (floors only go up)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.evaluate import floors as f

ROOT = Path(__file__).resolve().parents[1]
FLOORS = ROOT / "quality" / "floors.json"
VOA_DEV_FLOORS = ROOT / "quality" / "floors-voa-dev.json"  # the layers gated so far, each with its figures
VOA_DEV_GOLD = f.SHARED / "gold" / "voa-dev.jsonl"
VOA_DEV = f.SHARED / "corpus" / "voa-dev"


def test_floors_file_covers_every_figure_and_rounds_to_two_decimals() -> None:
    floors = f.load_floors(FLOORS)
    assert {layer: set(names) for layer, names in floors.items()} == {
        layer: set(names) for layer, names in f.FIGURES.items()
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
    floors = f.load_floors(FLOORS)
    with capsys.disabled():
        print("\n" + f.report(measured, floors))
    below = f.below_floors(measured, floors)
    assert not below, "below the quality floors:\n" + "\n".join(below) + "\n" + f.report(measured, floors)


def test_voa_dev_floors_name_known_figures() -> None:
    floors = f.load_floors(VOA_DEV_FLOORS)
    for layer, names in floors.items():
        assert set(names) <= set(f.FIGURES[layer])
        assert all(0.0 <= v <= 1.0 and round(v, 2) == v for v in names.values())


@pytest.mark.slow
def test_voa_dev_figures_stay_above_their_floors(nlp, capsys) -> None:
    if not (VOA_DEV_GOLD.is_file() and VOA_DEV.is_dir()):
        pytest.skip("../shared/gold/voa-dev.jsonl or ../shared/corpus/voa-dev is not present")
    from dyad.extract.pipeline import extract_many

    manifest = VOA_DEV / "manifest.jsonl"
    measured = f.measure(VOA_DEV_GOLD, VOA_DEV, manifest if manifest.is_file() else None, extractor=lambda docs: extract_many(docs, nlp))
    floors = f.load_floors(VOA_DEV_FLOORS)
    gated = {layer: {name: measured[layer][name] for name in names} for layer, names in floors.items()}
    with capsys.disabled():
        print("\n" + f.report(gated, floors))
    below = f.below_floors(measured, floors)
    assert not below, "below the voa-dev floors:\n" + "\n".join(below)
