"""The matching rules of `dyad eval`, each tested on small hand-made gold/system pairs."""

from __future__ import annotations

from dyad.evaluate import match as m

ACTORS = [
    {"name": "Mira Dovgan-Holt", "kind": "person", "country": "NLD", "aliases": ["Dovgan"]},
    {"name": "Piet Holt", "kind": "person", "country": "NLD", "aliases": []},
    {"name": "Kingdom of the Netherlands", "kind": "state", "country": "NLD", "aliases": ["The Hague"]},
    {"name": "José Ñúñez", "kind": "person", "country": "CHL", "aliases": []},
    {"name": "Coastal Fisheries Board", "kind": "organization", "country": "NLD", "aliases": []},
]


def actor(name: str, kind: str = "person", country: str | None = "NLD") -> dict:
    return {"name": name, "kind": kind, "country": country}


# -- names ----------------------------------------------------------------------------


def test_norm_name_folds_case_hyphens_spaces_and_diacritics() -> None:
    assert m.norm_name("  Mira   DOVGAN-holt ") == "mira dovgan holt"
    assert m.norm_name("José Ñúñez") == "jose nunez"
    assert m.norm_name("Mira Dovgan\u2013Holt") == "mira dovgan holt"  # en dash counts as a hyphen


def test_normalised_names_match() -> None:
    assert m.actor_matches(actor("mira dovgan holt"), ACTORS[0], ACTORS)
    assert m.actor_matches(actor("Jose Nunez", country="CHL"), ACTORS[3], ACTORS)


def test_system_name_matching_a_gold_alias() -> None:
    assert m.actor_matches(actor("the hague", kind="state"), ACTORS[2], ACTORS)
    assert m.actor_matches(actor("DOVGAN"), ACTORS[0], ACTORS)


def test_last_word_rule_needs_a_word_no_other_gold_actor_has() -> None:
    # "Board" is a word of one gold name only.
    assert m.actor_matches(actor("the Board", kind="organization"), ACTORS[4], ACTORS)
    # "Holt" is in two gold names, so the last word alone settles nothing.
    assert not m.actor_matches(actor("Minister Holt"), ACTORS[0], ACTORS)
    assert not m.actor_matches(actor("Minister Holt"), ACTORS[1], ACTORS)
    # Without the second Holt the same name matches.
    alone = [ACTORS[0]]
    assert m.actor_matches(actor("Minister Holt"), ACTORS[0], alone)


def test_last_word_must_be_a_word_of_the_gold_name_not_of_its_aliases() -> None:
    gold = {"name": "Ona Berg", "kind": "person", "aliases": ["Chair Lindqvist"]}
    assert not m.actor_matches(actor("Mr Lindqvist"), gold, [gold])
    assert m.actor_matches(actor("Chair Berg"), gold, [gold])


def test_unrelated_names_do_not_match() -> None:
    assert not m.actor_matches(actor("Piet Holtz"), ACTORS[1], ACTORS)
    assert not m.actor_matches(actor(""), ACTORS[1], ACTORS)
    assert not m.actor_matches(actor("( )"), ACTORS[1], ACTORS)


def test_kinds_must_match() -> None:
    assert not m.actor_matches(actor("Mira Dovgan-Holt", kind="organization"), ACTORS[0], ACTORS)
    assert m.actor_matches(actor("Coastal Fisheries Board", kind="organisation"), ACTORS[4], ACTORS)


# -- events ---------------------------------------------------------------------------


def event(source: str | None, target: str | None, root: str = "04", code: str = "042", realis: bool = True) -> dict:
    return {"source": source, "target": target, "root": root, "code": code, "realis": realis}


def test_events_match_on_source_target_and_root() -> None:
    gold = event("NLD", "CHL", "04", "040")
    assert m.event_matches(event("NLD", "CHL", "04", "043", realis=False), gold)
    assert not m.event_matches(event("NLD", "CHL", "05"), gold)
    assert not m.event_matches(event("NLD", "PER"), gold)
    assert not m.event_matches(event(None, "CHL"), gold)


def test_swapped_events_match_only_undirected() -> None:
    gold = event("NLD", "CHL")
    swapped = event("CHL", "NLD")
    assert not m.event_matches(swapped, gold)
    assert m.event_matches(swapped, gold, directed=False)


def test_code_agreement_uses_three_digits_and_ignores_missing_gold_codes() -> None:
    assert m.same_code({"code": "0421"}, {"code": "042"})
    assert m.same_code({"code": "043"}, {"code": "042"}) is False
    assert m.same_code({"code": "043"}, {"code": None}) is None


# -- quotes ---------------------------------------------------------------------------


def test_quote_texts_sharing_first_four_words_match() -> None:
    assert m.quote_texts_match("The harbour will stay open to all boats", "the harbour will STAY closed")
    assert not m.quote_texts_match("The harbour will close tonight", "The harbour may close tonight")


def test_quote_texts_where_one_contains_the_other_match() -> None:
    assert m.quote_texts_match("will stay open to every boat", "We promise the harbour will stay open to every boat, always.")
    assert m.quote_texts_match("“We promise the harbour will stay open”", "We promise the harbour will stay open to every boat.")
    assert not m.quote_texts_match("open to every", "the harbour is opened to everyone")  # whole words only


def test_quote_speaker_matches_as_for_actors_using_gold_aliases() -> None:
    gold = {"speaker": "Mira Dovgan-Holt", "text": "The nets must come out of the water"}
    assert m.quote_matches({"speaker": "Dovgan", "text": "The nets must come out"}, gold, ACTORS)
    assert m.quote_matches({"speaker": "MIRA DOVGAN HOLT", "text": "nets must come out of the water"}, gold, ACTORS)
    assert not m.quote_matches({"speaker": "Ms Holt", "text": "The nets must come out"}, gold, ACTORS)
    assert not m.quote_matches({"speaker": None, "text": "The nets must come out"}, gold, ACTORS)
    assert not m.quote_matches({"speaker": "Dovgan", "text": "Fishing will resume in May"}, gold, ACTORS)


def test_quote_speaker_may_match_through_the_resolved_actor_name() -> None:
    gold = {"speaker": "Piet Holt", "text": "The nets must come out of the water"}
    system = {"speaker": "the minister", "speaker_name": "Piet Holt", "text": "The nets must come out"}
    assert m.quote_matches(system, gold, ACTORS)
    assert not m.quote_matches({**system, "speaker_name": None}, gold, ACTORS)


def test_quote_speaker_outside_the_gold_actors_uses_the_last_word_rule() -> None:
    gold = {"speaker": "a senior port official", "text": "We were never told about the plan"}
    assert m.quote_matches({"speaker": "the official", "text": "We were never told anything"}, gold, ACTORS)


def test_only_attributed_direct_and_partial_quotes_of_four_words_are_scored() -> None:
    assert m.quote_is_scored({"kind": "direct", "speaker": "Berg", "text": "We will not back down"})
    assert m.quote_is_scored({"kind": "partial", "speaker_name": "Ona Berg", "text": "a fair and open deal"})
    assert not m.quote_is_scored({"kind": "indirect", "speaker": "Berg", "text": "that they would not back down"})
    assert not m.quote_is_scored({"kind": "direct", "speaker": "Berg", "text": "never again"})
    assert not m.quote_is_scored({"kind": "partial", "speaker": None, "text": "a fair and open deal"})


# -- claims ---------------------------------------------------------------------------


def test_claim_values_match_within_two_percent() -> None:
    gold = {"value": 1000, "unit": "boats"}
    assert m.claim_matches({"value": 1019, "unit": "boats"}, gold)
    assert m.claim_matches({"value": 981, "unit": "boats"}, gold)
    assert not m.claim_matches({"value": 1021, "unit": "boats"}, gold)
    assert not m.claim_matches({"value": None, "unit": "boats"}, gold)


def test_claim_units_normalise_plural_case_dollars_and_percent() -> None:
    assert m.claim_matches({"value": 12, "unit": "Boat"}, {"value": 12, "unit": "boats"})
    assert m.claim_matches({"value": 4, "unit": "countries"}, {"value": 4, "unit": "country"})
    assert m.claim_matches({"value": 5e9, "unit": "$"}, {"value": 5e9, "unit": "USD"})
    assert m.claim_matches({"value": 5e9, "unit": "dollars"}, {"value": 5e9, "unit": "USD"})
    assert m.claim_matches({"value": 0.25, "unit": "%"}, {"value": 0.25, "unit": "share"})
    assert m.claim_matches({"value": 25, "unit": "percent"}, {"value": 0.25, "unit": "share"})
    assert not m.claim_matches({"value": 12, "unit": "ships"}, {"value": 12, "unit": "boats"})


def test_claim_unit_found_in_gold_evidence_or_about() -> None:
    gold = {"value": 7, "unit": "deals", "evidence": "seven trade accords signed", "about": "accords signed at the summit"}
    assert m.claim_matches({"value": 7, "unit": "accords"}, gold)
    assert m.claim_matches({"value": 7, "unit": "trade accord"}, gold)
    assert not m.claim_matches({"value": 7, "unit": "treaties"}, gold)
    assert not m.claim_matches({"value": 7, "unit": "cord"}, gold)  # a word, not part of one


# -- relations ------------------------------------------------------------------------


def relation(a: str, b: str, kind: str, polarity: str = "+") -> dict:
    return {"a": a, "b": b, "type": kind, "polarity": polarity}


def test_symmetric_relations_match_in_either_order() -> None:
    for kind in ("ally", "partner", "rival"):
        assert m.relation_matches(relation("CHL", "NLD", kind), relation("NLD", "CHL", kind))


def test_directed_relations_match_only_in_order() -> None:
    for kind in ("depends_on", "supports", "neutral"):
        assert m.relation_matches(relation("NLD", "CHL", kind), relation("NLD", "CHL", kind))
        assert not m.relation_matches(relation("CHL", "NLD", kind), relation("NLD", "CHL", kind))


def test_relation_type_and_polarity_must_be_equal() -> None:
    assert not m.relation_matches(relation("NLD", "CHL", "ally", "-"), relation("NLD", "CHL", "ally", "+"))
    assert not m.relation_matches(relation("NLD", "CHL", "partner"), relation("NLD", "CHL", "ally"))


# -- one-to-one assignment ------------------------------------------------------------


def test_assignment_is_one_to_one() -> None:
    gold = [event("NLD", "CHL")]
    system = [event("NLD", "CHL"), event("NLD", "CHL")]
    pairs = m.assign(gold, system, m.event_matches)
    assert len(pairs) == 1 and pairs[0][0] == 0
    assert m.assign(system, gold, m.event_matches) in ([(0, 0)], [(1, 0)])


def test_assignment_finds_the_most_pairs_whatever_the_order() -> None:
    # A greedy pass would give the first system item to the first gold item and leave the second unmatched.
    gold = [event("NLD", "CHL"), event("CHL", "NLD")]
    system = [event("CHL", "NLD"), event("NLD", "CHL")]
    pairs = m.assign(gold, system, lambda s, g: m.event_matches(s, g, directed=False))
    assert len(pairs) == 2


def test_assignment_prefers_pairs_that_agree_on_secondary_fields() -> None:
    gold = [event("NLD", "CHL", code="042", realis=True)]
    system = [event("NLD", "CHL", code="040", realis=False), event("NLD", "CHL", code="042", realis=True)]
    prefer = lambda s, g: int(m.same_realis(s, g)) + int(bool(m.same_code(s, g)))  # noqa: E731
    assert m.assign(gold, system, m.event_matches, prefer) == [(0, 1)]
