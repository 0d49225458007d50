"""The actor figures on the voa-dev gold stay at or above quality/floors-voa-dev.json (floors only go up).

Only the layers that file lists are checked, so other layers' floors can join it later.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.evaluate import floors as f

ROOT = Path(__file__).resolve().parents[1]
FLOORS = ROOT / "quality" / "floors-voa-dev.json"
VOA_DEV = f.SHARED / "corpus" / "voa-dev"
VOA_DEV_GOLD = f.SHARED / "gold" / "voa-dev.jsonl"


@pytest.mark.slow
def test_voa_dev_actor_figures_stay_above_the_floors(nlp, capsys) -> None:
    if not (VOA_DEV_GOLD.is_file() and VOA_DEV.is_dir()):
        pytest.skip("../shared/gold/voa-dev.jsonl or ../shared/corpus/voa-dev is not present")
    from dyad.extract.pipeline import extract_many

    manifest = VOA_DEV / "manifest.jsonl"
    measured = f.measure(VOA_DEV_GOLD, VOA_DEV, manifest if manifest.is_file() else None,
                         extractor=lambda docs: extract_many(docs, nlp))
    floors = f.load_floors(FLOORS)
    shown = {layer: measured[layer] for layer in floors}
    with capsys.disabled():
        print("\n" + f.report(shown, floors))
    below = f.below_floors(shown, floors)
    assert not below, "below the voa-dev floors:\n" + "\n".join(below)
