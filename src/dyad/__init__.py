"""dyad: rebuild the system of states that news texts describe.

`dyad.open(path)` is the library (see dyad.api and docs/python.md); the
`dyad` command line is a thin layer over it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dyad.version import __version__

if TYPE_CHECKING:
    from dyad.api import ActorProfile, Database, DemoRun, open
    from dyad.errors import DyadError
    from dyad.settings import Settings

__all__ = ["ActorProfile", "Database", "DemoRun", "DyadError", "Settings", "__version__", "open"]

# Imported on first use, so that `import dyad.records` in a worker process stays light.
_LAZY = {
    "open": "dyad.api",
    "Database": "dyad.api",
    "ActorProfile": "dyad.api",
    "DemoRun": "dyad.api",
    "DyadError": "dyad.errors",
    "Settings": "dyad.settings",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'dyad' has no attribute {name!r}")
