"""The embedded example corpus: short articles in Markdown with YAML front matter."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def examples_dir() -> Path:
    """The folder holding the example articles (a real path: the package is installed unzipped)."""
    return Path(str(resources.files(__name__)))


def example_files() -> list[Path]:
    """The example articles, in file-name order."""
    return sorted(examples_dir().glob("*.md"))
