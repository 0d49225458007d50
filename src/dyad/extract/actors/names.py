"""Spelling-insensitive person names: normal forms, name parts, near spellings.

Shared by the person and organisation finders and by actor fusion across documents.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

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


def same_full_name(a: str, b: str) -> bool:
    """'Yoo Suk Yeol' and 'Yoon Suk Yeol': the same parts but one slip; 'Kim Jong Un'/'Kim Jong Il' differ."""
    if normalise(a) == normalise(b):
        return True
    pa, pb = _syllables(a), _syllables(b)
    if len(pa) != len(pb) or len(pa) < 2:
        return False
    diff = [(x, y) for x, y in zip(pa, pb, strict=False) if x != y]
    return len(diff) == 1 and near_spelling(*diff[0])
