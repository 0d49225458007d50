"""Events carried by speech: threats made by saying what one will do, the alternative an appeal offers
("or face sanctions"), appeals and warnings told to another state; on sentences of our own."""

from __future__ import annotations


def coded(result) -> set[tuple]:
    """(source, target, code, realis) of the events with a state on both sides."""
    return {(e.source, e.target, e.code, e.realis) for e in result.events if e.source and e.target}


def shown(result) -> list[tuple]:
    return [(e.source, e.target, e.code, e.realis, e.trigger) for e in result.events]


# -- "or face X": the alternative an appeal or a warning offers is a threat ------------------------


def test_urging_a_state_to_act_or_face_sanctions_threatens_it(run_extract) -> None:
    result = run_extract("Ghana urged Togo on Monday to withdraw its troops or face sanctions.", "2024-03-15")
    found = coded(result)
    assert ("GHA", "TGO", "131", True) in found, shown(result)
    assert ("GHA", "TGO", "025", True) in found, shown(result)


def test_the_threatened_measure_sets_the_kind_of_threat(run_extract) -> None:
    result = run_extract("Norway told Sweden to pull back its ships or face military action.", "2024-03-15")
    assert ("NOR", "SWE", "138", True) in coded(result), shown(result)


def test_facing_sanctions_with_nobody_named_threatening_is_no_event(run_extract) -> None:
    result = run_extract("Togo could face sanctions if it keeps its troops there.", "2024-03-15")
    assert not [e for e in result.events if e.root == "13"], shown(result)


def test_warning_a_state_to_act_asks_it_and_its_act_is_demanded(run_extract) -> None:
    result = run_extract("Ghana warned Togo to withdraw its troops.", "2024-03-15")
    found = coded(result)
    assert ("GHA", "TGO", "130", True) in found, shown(result)
    assert not [e for e in result.events if e.root == "08" and e.realis], shown(result)


# -- saying what one will do to another is a threat -----------------------------------------------


def test_saying_it_would_impose_tariffs_threatens_the_target(run_extract) -> None:
    result = run_extract("Ottawa said on Monday it would impose tariffs on Mexican steel if the talks failed.",
                         "2024-03-15")
    found = coded(result)
    assert ("CAN", "MEX", "131", True) in found, shown(result)
    assert ("CAN", "MEX", "163", False) in found, shown(result)


def test_hinting_at_retaliation_is_a_threat_to_each_target(run_extract) -> None:
    result = run_extract("Beijing hinted that it could retaliate with tariffs on Australian and Canadian wine.",
                         "2024-03-15")
    found = coded(result)
    assert {("CHN", "AUS", "131", True), ("CHN", "CAN", "131", True)} <= found, shown(result)


def test_saying_it_would_strike_is_a_threat_of_force(run_extract) -> None:
    result = run_extract("Tehran said it would strike Israeli bases if it were attacked.", "2024-03-15")
    assert ("IRN", "ISR", "138", True) in coded(result), shown(result)


def test_reporting_what_another_state_did_or_will_do_is_no_threat(run_extract) -> None:
    for text in ("Chile said Peru would impose tariffs on Bolivian wine.",
                 "Chile said it imposed tariffs on Peruvian wine last year.",
                 "Chile denied that it would impose tariffs on Peruvian wine."):
        result = run_extract(text, "2024-03-15")
        assert not [e for e in result.events if e.root == "13"], (text, shown(result))
