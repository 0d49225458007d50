"""Relations stage (being built)."""

from __future__ import annotations

from dyad.extract.context import DocContext


def run(ctx: DocContext) -> None:
    return None
