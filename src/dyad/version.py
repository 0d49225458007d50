"""The installed version of dyad, readable without importing the library."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("dyad")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0"
