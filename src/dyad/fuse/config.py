"""The fusion rules data file (story families, thresholds, unit aliases, speculative modalities)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parents[1] / "data"


@lru_cache(maxsize=1)
def fusion_config() -> dict[str, Any]:
    """src/dyad/data/fusion.yaml, read once."""
    config: dict[str, Any] = yaml.safe_load((DATA / "fusion.yaml").read_text(encoding="utf-8"))
    return config


def speculative_modalities() -> tuple[str, ...]:
    """Modalities that make an irrealis event speculation (fusion.yaml); a denial is a statement of fact."""
    return tuple(str(m) for m in fusion_config().get("speculative_modalities") or [])
