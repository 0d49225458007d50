"""Fault injection through dyad's real plugin mechanism: an extraction component that fails on marked text.

`install(folder)` writes a tiny installed-looking package (a module and its
dist-info with a `dyad.components` entry point) into `folder`; put the folder
on PYTHONPATH and add "faults" to the pipeline setting, and every process that
builds the pipeline (this one, spawned workers, Dask workers, a `dyad` child
process) loads it. A document containing RAISE is the poisoned sentence of
issue 16 (a KeyError from deep inside a stage); one containing KILL ends the
worker process abruptly, as a crash in native code or the OOM killer would.
"""

from __future__ import annotations

from pathlib import Path

RAISE = "RAISE-IN-EXTRACTION"
KILL = "KILL-THE-WORKER"
PIPELINE = ["sentences", "actors", "events", "quotes", "claims", "relations", "faults"]

MODULE = f'''"""Test plugin: fails on marked documents."""
import os

from dyad.extract.registry import component


@component("faults", requires=("actors",))
def faults(ctx):
    text = ctx.document.text
    if {KILL!r} in text:
        os._exit(3)
    if {RAISE!r} in text:
        raise KeyError("state:USA")
'''


def install(folder: Path) -> Path:
    """Write the plugin into `folder` and return the folder (for PYTHONPATH)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dyad_faults.py").write_text(MODULE, encoding="utf-8")
    info = folder / "dyad_faults-0.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: dyad-faults\nVersion: 0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[dyad.components]\nfaults = dyad_faults\n", encoding="utf-8")
    return folder
