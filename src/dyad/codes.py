"""Codes more than one stage reads, defined once in the data files under dyad/data.

Extraction, fusion, evaluation and the CLI import these instead of keeping
their own lists: the relation types and which of them are symmetric
(relation_types.yaml), the names of units (units.yaml) and of states
(gazetteer.tsv). `load_yaml` reads any data file; the named groupings of states
(groups.yaml) are read by dyad.extract.common.groupings.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


def data_text(name: str) -> str:
    """The text of a file under dyad/data."""
    return resources.files("dyad.data").joinpath(name).read_text(encoding="utf-8")


# libyaml's parser when PyYAML was built with it: the same documents, read about ten times faster
# (the data files are read when the first document is extracted, inside every ingest's time)
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(name: str) -> dict[str, Any]:
    """A YAML file under dyad/data as a dict."""
    return yaml.load(data_text(name), Loader=SAFE_LOADER) or {}


def word_set(table: dict[str, Any], key: str) -> frozenset[str]:
    """The lower-cased words a data file's table lists under `key` (none when it lists none)."""
    return frozenset(str(w).lower() for w in table.get(key) or ())


@dataclass(frozen=True)
class RelationType:
    name: str
    symmetric: bool
    means: str


@lru_cache(maxsize=1)
def relation_types() -> dict[str, RelationType]:
    """The standing relation types, in file order."""
    found: dict[str, RelationType] = {}
    for name, spec in load_yaml("relation_types.yaml").items():
        if not isinstance(spec, dict) or not isinstance(spec.get("symmetric"), bool):
            raise ValueError(f"relation_types.yaml: {name!r} needs `symmetric: true` or `symmetric: false`")
        found[str(name)] = RelationType(str(name), spec["symmetric"], str(spec.get("means") or ""))
    return found


@lru_cache(maxsize=1)
def symmetric_relations() -> frozenset[str]:
    """Relation types that hold both ways (ally, partner, rival): their pair is unordered."""
    return frozenset(name for name, kind in relation_types().items() if kind.symmetric)


@lru_cache(maxsize=1)
def unit_names() -> dict[str, str]:
    """Lower-case written form of a unit -> the unit: a currency's symbols, words and other names ->
    its ISO 4217 code; the share words and other names of a share -> "share"."""
    raw = load_yaml("units.yaml")
    names: dict[str, str] = {}
    for code, spec in (raw.get("currencies") or {}).items():
        for form in [*(spec.get("symbols") or []), *(spec.get("words") or [])]:
            names.setdefault(str(form).lower(), str(code))
    for form in raw.get("share") or []:
        names.setdefault(str(form).lower(), "share")
    for unit, forms in (raw.get("other_names") or {}).items():
        for form in forms or []:
            names.setdefault(str(form).lower(), str(unit))
    return names


@lru_cache(maxsize=1)
def percent_words() -> frozenset[str]:
    """Lower-case words that make a number a share out of 100 ("percent", "%")."""
    return frozenset(str(w).lower() for w in load_yaml("units.yaml").get("share") or [])


@lru_cache(maxsize=1)
def state_names() -> dict[str, tuple[str, ...]]:
    """ISO3 code -> the state's name and other names, from the gazetteer (gazetteer.tsv)."""
    found: dict[str, tuple[str, ...]] = {}
    header: list[str] = []
    for line in data_text("gazetteer.tsv").splitlines():
        if line.startswith("# iso3"):
            header = line[2:].split("\t")
        if not line.strip() or line.startswith("#"):
            continue
        row = dict(zip(header, line.split("\t"), strict=False))
        names = [row.get("name", ""), *row.get("aliases", "").split(";")]
        found[row["iso3"]] = tuple(n.strip() for n in names if n.strip())
    return found
