"""Spelling-insensitive person names: normal forms, name parts, near spellings.

Shared by the person and organisation finders and by actor fusion across documents.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Generic, TypeVar

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

T = TypeVar("T")

# A lone-name typo must be this similar to a part of a full name to join it.
TYPO_SCORE = 85


@lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """Spelling-insensitive form of a name: no case, accents, hyphens, spaces or dots."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[\s\-\u2010\u2011.'\u2019]", "", text.lower())


# Particles that open an Arabic surname and may be dropped when the surname stands alone.
ARTICLE_PREFIXES = ("al-", "el-", "ad-", "ash-", "as-", "an-", "ar-", "at-", "az-")


def name_parts(name: str) -> list[str]:
    """'Lee Jae-myung' -> ['lee', 'jaemyung']: parts as a lone name would be written ('al-Assad' also 'assad')."""
    parts: list[str] = []
    for word in name.split():
        if normalise(word):
            parts.append(normalise(word))
        low = word.lower()
        for prefix in ARTICLE_PREFIXES:
            if low.startswith(prefix) and len(low) > len(prefix) + 1:
                parts.append(normalise(word[len(prefix) :]))
    return parts


def person_key(name: str) -> str:
    return "person:" + normalise(name)


def near_spelling(a: str, b: str) -> bool:
    """Two normalised name parts that differ by one typing slip (not two short different names)."""
    if a == b:
        return True
    if a[:1] != b[:1] or min(len(a), len(b)) < 3 or max(len(a), len(b)) < 4:
        return False
    return Levenshtein.distance(a, b) == 1 or (min(len(a), len(b)) >= 6 and fuzz.ratio(a, b) >= TYPO_SCORE)


@lru_cache(maxsize=65536)
def _syllables(name: str) -> tuple[str, ...]:
    """'Yoon Suk-yeol' -> ('yoon', 'suk', 'yeol'): parts split at spaces and hyphens."""
    return tuple(normalise(p) for p in re.split(r"[\s\-\u2010\u2011]+", name) if normalise(p))


def syllables(name: str) -> tuple[str, ...]:
    """'Yoon Suk-yeol' -> ('yoon', 'suk', 'yeol'), the parts `same_full_name` compares."""
    return _syllables(name)


def same_full_name(a: str, b: str) -> bool:
    """'Yoo Suk Yeol' and 'Yoon Suk Yeol': the same parts but one slip; 'Kim Jong Un'/'Kim Jong Il' differ."""
    if normalise(a) == normalise(b):
        return True
    pa, pb = _syllables(a), _syllables(b)
    if len(pa) != len(pb) or len(pa) < 2:
        return False
    diff = [(x, y) for x, y in zip(pa, pb, strict=False) if x != y]
    return len(diff) == 1 and near_spelling(*diff[0])


class FullNames(Generic[T]):
    """Items by the full names they go by, found again under the same name spelt with one slip
    (`same_full_name`) through an index of the name's syllables with each one left out in turn."""

    def __init__(self) -> None:
        self._count = 0
        self._exact: dict[str, list[tuple[int, str, T]]] = {}
        self._wild: dict[tuple[int, int, tuple[str, ...]], list[tuple[int, str, T]]] = {}

    def add(self, name: str, item: T) -> None:
        entry = (self._count, name, item)
        self._count += 1
        self._exact.setdefault(normalise(name), []).append(entry)
        parts = _syllables(name)
        if len(parts) >= 2:
            for i in range(len(parts)):
                self._wild.setdefault((len(parts), i, parts[:i] + parts[i + 1 :]), []).append(entry)

    def find(self, name: str) -> list[tuple[str, T]]:
        """(name, item) of every entry that is the same full name, in the order they were added."""
        found = {entry[0]: entry for entry in self._exact.get(normalise(name), ())}
        parts = _syllables(name)
        if len(parts) >= 2:
            for i in range(len(parts)):
                for entry in self._wild.get((len(parts), i, parts[:i] + parts[i + 1 :]), ()):
                    if entry[0] not in found and same_full_name(entry[1], name):
                        found[entry[0]] = entry
        return [(found[k][1], found[k][2]) for k in sorted(found)]


class NameParts(Generic[T]):
    """Items by the parts of their names, found from a lone name that is a part or a near spelling of one."""

    def __init__(self) -> None:
        self._count = 0
        self._by_part: dict[str, list[tuple[int, T]]] = {}
        self._by_letter: dict[str, list[tuple[int, str, T]]] = {}

    def add(self, parts: list[str], item: T) -> None:
        order = self._count
        self._count += 1
        for part in dict.fromkeys(parts):
            self._by_part.setdefault(part, []).append((order, item))
            self._by_letter.setdefault(part[:1], []).append((order, part, item))

    def exact(self, lone: str) -> list[T]:
        """Items with this part, in the order they were added."""
        return [item for _, item in self._by_part.get(lone, ())]

    def near(self, lone: str) -> list[T]:
        """Items with this part or a part one slip away from it (`near_spelling`), in the order added."""
        hits = {order: item for order, part, item in self._by_letter.get(lone[:1], ()) if near_spelling(lone, part)}
        return [hits[k] for k in sorted(hits)]

    def any_near(self, lone: str) -> bool:
        return any(near_spelling(lone, part) for _, part, _ in self._by_letter.get(lone[:1], ()))
