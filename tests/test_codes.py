"""Codes defined once in the data files: relation types, unit names, CAMEO behaviour tables."""

from __future__ import annotations

from typing import get_args

import pytest

from dyad.codes import percent_words, relation_types, symmetric_relations, unit_names
from dyad.evaluate.match import norm_unit, relation_matches
from dyad.extract.events.codes import _codes, is_locative, is_symmetric, role_words, roots
from dyad.extract.events.lexicon import code_table
from dyad.records import RelationType


def test_relation_types_are_the_records_types() -> None:
    assert list(relation_types()) == list(get_args(RelationType))


def test_ally_partner_and_rival_are_the_symmetric_types() -> None:
    """As the gold format says: ally, partner, rival symmetric; depends_on, supports, neutral directed."""
    assert symmetric_relations() == {"ally", "partner", "rival"}


def test_every_stage_reads_the_one_definition() -> None:
    from dyad.present.commands.quotes import RELATION_TYPES, SYMMETRIC

    assert RELATION_TYPES == tuple(relation_types())
    assert set(SYMMETRIC) == symmetric_relations()
    rival = {"type": "rival", "polarity": "+", "a": "CHL", "b": "PER"}
    supports = {**rival, "type": "supports"}
    assert relation_matches({**rival, "a": "PER", "b": "CHL"}, rival)
    assert not relation_matches({**supports, "a": "PER", "b": "CHL"}, supports)


def test_unit_names_come_from_units_yaml() -> None:
    names = unit_names()
    assert names["$"] == names["dollars"] == names["u.s. dollar"] == "USD"
    assert names["won"] == "KRW" and names["%"] == names["fraction"] == "share"
    assert {"percent", "per cent", "percentage point"} <= percent_words()


def test_evaluation_compares_units_by_their_names() -> None:
    assert norm_unit("$") == norm_unit("USD") == norm_unit("U.S. dollars")
    assert norm_unit("won") == norm_unit("KRW") != norm_unit("USD")
    assert norm_unit("percent") == norm_unit("share") == "share"
    assert norm_unit("Troops") == "troop"


def test_cameo_role_tables_name_real_codes() -> None:
    codes = set(code_table())
    r = roots()
    for name in ("symmetric", "intent", "locative", "content", "asking", "holder", "self_target", "always_self", "force"):
        for root in getattr(r, name):
            assert len(root) == 2 and any(c.startswith(root) for c in codes), f"roots.{name}: {root}"
    for code in r.one_way_codes | r.locative_codes:
        assert code in codes, code
    assert r.always_self <= r.self_target


def test_cameo_role_tables_drive_the_rules() -> None:
    assert is_symmetric("040") and is_symmetric("057") and not is_symmetric("042")
    assert is_locative("042") and is_locative("190") and not is_locative("040")
    words = role_words()
    assert "urge" in words.object_control_verbs and "planned" in words.future_dated_modalities


def test_a_code_yaml_reads_as_a_number_is_refused() -> None:
    with pytest.raises(ValueError, match='quoted CAMEO codes such as "04"'):
        _codes("one_way_codes", [34, "043"])
