"""A hint on stderr when a listing's filters keep nothing, so an empty answer is never silent."""

from __future__ import annotations

from collections.abc import Sized
from typing import Any

import click


def hint_if_empty(rows: Sized, what: str, **filters: Any) -> None:
    """When `rows` is empty and filters were given, name them on stderr and say how to see what is stored."""
    if len(rows):
        return
    given = [f"--{name.replace('_', '-')} {_shown(value)}" for name, value in filters.items() if _given(value)]
    if not given:
        click.echo(f"dyad: no {what} stored yet; `dyad ingest` adds some", err=True)
        return
    click.echo(f"dyad: no {what} match {' '.join(given)}; `dyad summary` shows what the store holds", err=True)


def _given(value: Any) -> bool:
    return value not in (None, False, (), [], "")


def _shown(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ",".join(str(v) for v in value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())[:10]
    return str(value)
