"""`dyad eval`: score the project's output against hand-made gold files (../shared/gold/FORMAT.md)."""

LAYERS: tuple[str, ...] = ("actors", "events", "quotes", "claims", "relations")

__all__ = ["LAYERS"]
