"""The matching rules of ../shared/gold/FORMAT.md, one function per layer, plus one-to-one assignment.

Every rule compares one system item with one gold item of the same document;
items are plain dicts with the gold file's field names (system rows are
mapped onto them by `run.py`). `assign` pairs gold and system items one to
one so that as many gold items as possible are matched.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

import networkx as nx

from dyad.codes import percent_words, symmetric_relations, unit_names
from dyad.figures import unit_singular

Item = dict[str, Any]

SCORED_QUOTE_KINDS = frozenset({"direct", "partial"})
MIN_QUOTE_WORDS = 4  # gold quotes are quotations of at least four words
QUOTE_PREFIX_WORDS = 4

_TYPOGRAPHIC = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


# -- text normalisation -------------------------------------------------------------


def fold(text: str) -> str:
    """Lower case, typographic quotes made plain, diacritics removed (NFKD, combining marks dropped)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_TYPOGRAPHIC))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def norm_name(name: str) -> str:
    """A name folded, with hyphens/dashes as spaces, full stops dropped and spaces collapsed."""
    folded = "".join(" " if unicodedata.category(c) == "Pd" else c for c in fold(name))
    return " ".join(folded.replace(".", "").split())


def name_words(name: str) -> list[str]:
    """The words of a normalised name, stripped of surrounding punctuation."""
    words = (w.strip(",;:'\"()[]") for w in norm_name(name).split())
    return [w for w in words if w]


def text_words(text: str) -> list[str]:
    """Word tokens of a folded text, punctuation dropped."""
    return re.findall(r"\w+", fold(text))


# -- actors -------------------------------------------------------------------------


def actor_name_matches(system_name: str | None, gold: Item, others: Sequence[Item]) -> bool:
    """Name rule: equal names, a gold alias, or a last word only this gold actor's name has.

    `others` are the document's other gold actors; the last-word rule holds
    only when none of their names contains that word.
    """
    if not system_name or not norm_name(system_name):
        return False
    name = norm_name(system_name)
    if name == norm_name(gold.get("name") or ""):
        return True
    if name in {norm_name(a) for a in gold.get("aliases") or []}:
        return True
    words = name_words(system_name)
    if not words:
        return False
    last = words[-1]
    if last not in name_words(gold.get("name") or ""):
        return False
    return not any(last in name_words(o.get("name") or "") for o in others if o is not gold)


def norm_kind(kind: str | None) -> str:
    return (kind or "").strip().lower().replace("organisation", "organization")


def actor_matches(system: Item, gold: Item, gold_actors: Sequence[Item]) -> bool:
    """Actors match when the name rule holds and the kinds are equal."""
    return norm_kind(system.get("kind")) == norm_kind(gold.get("kind")) and actor_name_matches(
        system.get("name"), gold, gold_actors
    )


def norm_country(code: str | None) -> str | None:
    return code.strip().upper() if isinstance(code, str) and code.strip() else None


def same_country(system: Item, gold: Item) -> bool:
    return norm_country(system.get("country")) == norm_country(gold.get("country"))


# -- events -------------------------------------------------------------------------


def norm_root(root: Any) -> str:
    return str(root).strip().zfill(2) if root is not None else ""


def event_matches(system: Item, gold: Item, directed: bool = True) -> bool:
    """Events match when root, source and target are equal (or swapped, when not `directed`)."""
    if norm_root(system.get("root")) != norm_root(gold.get("root")):
        return False
    pair = (norm_country(system.get("source")), norm_country(system.get("target")))
    if None in pair:
        return False
    want = (norm_country(gold.get("source")), norm_country(gold.get("target")))
    return pair == want or (not directed and pair[::-1] == want)


def same_code(system: Item, gold: Item) -> bool | None:
    """Whether the 3-digit CAMEO codes agree; None when the gold gives no code."""
    want = str(gold.get("code") or "").strip()
    if not want:
        return None
    return str(system.get("code") or "").strip()[:3] == want[:3]


def same_realis(system: Item, gold: Item) -> bool:
    return bool(system.get("realis")) == bool(gold.get("realis"))


# -- quotes -------------------------------------------------------------------------


def quote_is_scored(system: Item) -> bool:
    """Only attributed direct and partial quotations of at least four words are compared with the gold.

    That is the gold's own scope; indirect speech, short fragments and
    quotations with no speaker (scare quotes, titles) are left out, neither
    credited nor penalised.
    """
    kind = (system.get("kind") or "direct").strip().lower()
    attributed = bool(system.get("speaker") or system.get("speaker_name"))
    return attributed and kind in SCORED_QUOTE_KINDS and len(text_words(system.get("text") or "")) >= MIN_QUOTE_WORDS


def speaker_actor(speaker: str, gold_actors: Sequence[Item]) -> Item:
    """The gold actor a gold speaker name refers to, or a bare actor with that name."""
    wanted = norm_name(speaker)
    for actor in gold_actors:
        names = [actor.get("name") or "", *(actor.get("aliases") or [])]
        if wanted in {norm_name(n) for n in names}:
            return actor
    return {"name": speaker, "aliases": []}


def quote_texts_match(system_text: str, gold_text: str) -> bool:
    """The same first four normalised words, or one text's words contained in the other's."""
    a, b = text_words(system_text), text_words(gold_text)
    if not a or not b:
        return False
    n = QUOTE_PREFIX_WORDS
    if len(a) >= n and len(b) >= n and a[:n] == b[:n]:
        return True
    joined_a, joined_b = f" {' '.join(a)} ", f" {' '.join(b)} "
    return joined_a in joined_b or joined_b in joined_a


def quote_matches(system: Item, gold: Item, gold_actors: Sequence[Item]) -> bool:
    """Quotes match when the speaker matches as for actors and the texts match.

    The system speaker is its surface name (`speaker`) or, when the quote
    was resolved to an actor, that actor's name (`speaker_name`); either may match.
    """
    names = [n for n in (system.get("speaker"), system.get("speaker_name")) if n]
    if not names or not gold.get("speaker"):
        return False
    actor = speaker_actor(gold["speaker"], gold_actors)
    return any(actor_name_matches(n, actor, gold_actors) for n in names) and quote_texts_match(
        system.get("text") or "", gold.get("text") or ""
    )


# -- claims -------------------------------------------------------------------------


def singular(word: str) -> str:
    """A unit word's singular through an inflection table (troops, casualties, countries, people)."""
    return unit_singular(word)


def _unit_spelling(unit: str) -> str:
    """A unit folded, full stops as spaces, spaces collapsed ("U.S. dollar" -> "u s dollar")."""
    return " ".join(fold(unit).replace(".", " ").split())


@lru_cache(maxsize=1)
def _unit_aliases() -> dict[str, str]:
    """Written forms of a unit -> the unit, from units.yaml (currency symbols and words, share words)."""
    return {_unit_spelling(form): unit for form, unit in unit_names().items()}


@lru_cache(maxsize=1)
def _percent_units() -> frozenset[str]:
    return frozenset(" ".join(fold(word).split()) for word in percent_words())


def norm_unit(unit: str | None) -> str:
    """Unit folded and singular, with a currency's symbols and words -> its code (`$`/dollars -> USD)
    and `%`/percent -> share."""
    raw = _unit_spelling(unit or "")
    aliases = _unit_aliases()
    if raw in aliases:
        return aliases[raw]
    words = [singular(w) for w in re.findall(r"\w+", raw)]
    joined = " ".join(words)
    return aliases.get(joined, joined)


def claim_value(item: Item) -> float | None:
    """The value as a number; a percentage over 1 given with a percent unit becomes a fraction."""
    raw = item.get("value")
    if raw is None:
        return None
    try:
        value = float(raw)
    except (TypeError, ValueError):
        return None
    unit = " ".join(fold(item.get("unit") or "").split())
    if unit in _percent_units() and abs(value) > 1:
        return value / 100
    return value


def values_match(system: float, gold: float, tolerance: float = 0.02) -> bool:
    return abs(system - gold) <= tolerance * abs(gold)


def unit_in_gold_text(system_unit: str | None, gold: Item) -> bool:
    """Whether the system's unit is a word (or run of words) of the gold claim's evidence or about."""
    words = [singular(w) for w in text_words(system_unit or "")]
    if not words:
        return False
    needle = f" {' '.join(words)} "
    for field in ("evidence", "about"):
        hay = f" {' '.join(singular(w) for w in text_words(gold.get(field) or ''))} "
        if needle in hay:
            return True
    return False


def claim_matches(system: Item, gold: Item, tolerance: float = 0.02) -> bool:
    """Claims match on value (within `tolerance`) and on unit, or the unit appears in the gold text."""
    s, g = claim_value(system), claim_value(gold)
    if s is None or g is None or not values_match(s, g, tolerance):
        return False
    unit = norm_unit(system.get("unit"))
    return bool(unit) and (unit == norm_unit(gold.get("unit")) or unit_in_gold_text(system.get("unit"), gold))


# -- relations ----------------------------------------------------------------------


def relation_matches(system: Item, gold: Item) -> bool:
    """Relations match on type, polarity and pair (either order for ally, partner, rival)."""
    kind = (gold.get("type") or "").strip().lower()
    if (system.get("type") or "").strip().lower() != kind:
        return False
    if (system.get("polarity") or "+").strip() != (gold.get("polarity") or "+").strip():
        return False
    pair = (norm_country(system.get("a")), norm_country(system.get("b")))
    want = (norm_country(gold.get("a")), norm_country(gold.get("b")))
    return pair == want or (kind in symmetric_relations() and pair[::-1] == want)


# -- one-to-one assignment ----------------------------------------------------------


def assign(
    gold: Sequence[Item],
    system: Sequence[Item],
    matches: Callable[[Item, Item], bool],
    prefer: Callable[[Item, Item], int] | None = None,
) -> list[tuple[int, int]]:
    """Pair gold and system items one to one: a maximum matching, ties broken by `prefer`.

    The pairing has as many pairs as any one-to-one pairing can have (so the
    order of items never changes a score); among those it takes the one with
    the highest total `prefer` (e.g. agreeing countries). Returns (gold index,
    system index) pairs sorted by gold index.
    """
    graph = nx.Graph()
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            if matches(s, g):
                graph.add_edge(("g", gi), ("s", si), weight=1 + (prefer(s, g) if prefer else 0))
    pairs = nx.max_weight_matching(graph, maxcardinality=True)
    out = []
    for u, v in pairs:
        g_node, s_node = (u, v) if u[0] == "g" else (v, u)
        out.append((g_node[1], s_node[1]))
    return sorted(out)
