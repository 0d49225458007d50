"""Country codes as users type them: checked against ISO 3166 (pycountry) and dyad's gazetteer.

An alpha-3 code is taken as it is when ISO 3166 or the gazetteer knows it; an
alpha-2 code or a state's name (as the gazetteer spells it) becomes its
alpha-3 code; anything else is error DY212 with the closest codes and names
the gazetteer knows ("did you mean ...").
"""

from __future__ import annotations

from functools import lru_cache

import pycountry
from rapidfuzz import fuzz, process

from dyad.codes import state_names
from dyad.errors import BAD_COUNTRY

SUGGESTIONS = 3
MIN_SCORE = 60


@lru_cache(maxsize=1)
def _by_name() -> dict[str, str]:
    """Lower-cased name or alias -> ISO3, from the gazetteer."""
    return {name.lower(): iso3 for iso3, names in state_names().items() for name in names}


def _known(code: str) -> bool:
    return code in state_names() or pycountry.countries.get(alpha_3=code) is not None


def _close_codes(code: str) -> list[str]:
    """Codes sharing two of the three letters in place with `code` (a one-letter slip)."""
    return [iso3 for iso3 in state_names() if sum(a == b for a, b in zip(iso3, code, strict=False)) >= 2]


def _close_names(text: str) -> list[str]:
    """Codes of the states whose names or aliases are spelt most like `text`."""
    names = list(_by_name())
    found = process.extract(text.lower(), names, scorer=fuzz.WRatio, limit=SUGGESTIONS * 4, score_cutoff=MIN_SCORE)
    return list(dict.fromkeys(_by_name()[name] for name, _, _ in found))


def suggestions(value: str) -> list[str]:
    """The gazetteer's codes closest to `value`, each with its name: 'KOR (South Korea)'."""
    text = value.strip()
    codes = _close_codes(text.upper()) if len(text) == 3 else _close_names(text)
    return [f"{code} ({state_names()[code][0]})" for code in codes[:SUGGESTIONS]]


def country(value: str, param: str) -> str:
    """The ISO3 code a user means by `value` (a code, an alpha-2 code or a name); DY212 when none."""
    text = value.strip()
    code = text.upper()
    if len(code) == 3 and code.isalpha() and _known(code):
        return code
    if len(code) == 2 and code.isalpha() and (found := pycountry.countries.get(alpha_2=code)) is not None:
        return str(found.alpha_3)
    if (iso3 := _by_name().get(text.lower())) is not None:
        return iso3
    close = suggestions(text)
    hint = f"; did you mean {' or '.join(close)}?" if close else "; see the codes in dyad's gazetteer (gazetteer.tsv)"
    raise BAD_COUNTRY(param, value=value, hint=hint)
