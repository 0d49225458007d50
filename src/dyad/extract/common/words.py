"""Grammar words the components share: possessive endings, possessive pronouns, determiners."""

from __future__ import annotations

POSSESSIVE_ENDINGS = ("'s", "\u2019s", "'", "\u2019")
POSSESSIVE = frozenset(POSSESSIVE_ENDINGS)
# Possessive pronouns that point back at a state or person named just before.
POSSESSIVE_PRONOUNS = frozenset({"its", "his", "her", "their"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "our", "their", "its", "his", "her", "my", "your"})


def strip_possessive(text: str) -> str:
    """'South Korea's' -> 'South Korea' (the small English model sometimes keeps it)."""
    for ending in POSSESSIVE_ENDINGS:
        if text.endswith(ending) and len(text) > len(ending) + 1:
            return text[: -len(ending)]
    return text
