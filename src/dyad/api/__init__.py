"""The dyad library: `dyad.open(path)` gives a `Database` with a method for every CLI listing.

    import dyad

    with dyad.open("news.duckdb") as db:
        db.ingest(["articles/"])
        for event in db.events(source="KOR", target="CHN"):
            print(event.when, event.code, event.evidence)
        db.brief("KOR-CHN", format="html", output="brief.html")

See docs/python.md for every method and what it returns.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dyad.api.database import ActorProfile, Database, DemoRun
from dyad.errors import DyadError
from dyad.evaluate.fusion_run import FusionEvalRun, evaluate_fusion
from dyad.evaluate.run import EvalRun, evaluate
from dyad.settings import Settings, load_settings

__all__ = [
    "ActorProfile", "Database", "DemoRun", "DyadError", "EvalRun", "FusionEvalRun", "Settings", "evaluate",
    "evaluate_fusion", "load_settings", "open",
]


def open(  # noqa: A001 - the library's front door, as sqlite_utils / duckdb name theirs
    path: str | Path | None = None,
    *,
    read_only: bool = False,
    config: str | Path | None = None,
    settings: Settings | None = None,
    **overrides: Any,
) -> Database:
    """Open the store at `path` (default: the settings' db, dyad.duckdb).

    Settings come as for the CLI: defaults < dyad.toml (or `config`) < DYAD_*
    variables < `overrides` (e.g. `overrides="aliases.yaml"`, `workers=2`); pass
    `settings` to use a Settings object as it is. The connection opens on first
    use; with `read_only` a missing store is DY101 and writing is DY105.
    """
    if settings is None:
        settings = load_settings(Path(config) if config else None, db=Path(path) if path else None, **overrides)
    elif path is not None:
        settings = settings.model_copy(update={"db": Path(path)})
    return Database(settings, read_only)
