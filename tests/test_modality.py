"""Realis and modality: cues, negation and scope, on sentences written for these tests."""

from __future__ import annotations

import pytest

# (sentence, source, target, root, modality, realis)
CASES = [
    # asserted facts
    ("China hosted Japan last week.", "CHN", "JPN", "04", "asserted", True),
    ("Germany condemned Russia for the attack.", "DEU", "RUS", "11", "asserted", True),
    ("India has visited Japan twice this year.", "IND", "JPN", "04", "asserted", True),
    # future and scheduling
    ("China will host Japan next week.", "CHN", "JPN", "04", "planned", False),
    ("China is set to host Japan.", "CHN", "JPN", "04", "planned", False),
    ("China and India are scheduled to meet on Friday.", "CHN", "IND", "04", "planned", False),
    ("Japan plans to visit India.", "JPN", "IND", "04", "planned", False),
    ("Japan's planned visit to India drew attention.", "JPN", "IND", "04", "planned", False),
    ("The upcoming summit between China and India will focus on trade.", "CHN", "IND", "04", "planned", False),
    ("Iran's foreign minister is due to visit Oman.", "IRN", "OMN", "04", "planned", False),
    ("Seoul will send aid to Nepal later this month.", "KOR", "NPL", "07", "planned", False),
    ("Russia will try to seize Kyiv.", "RUS", "UKR", "17", "planned", False),
    # expectation and modals
    ("China is expected to criticize Japan.", "CHN", "JPN", "11", "expected", False),
    ("China may criticize Japan.", "CHN", "JPN", "11", "expected", False),
    ("Russia appears ready to invade Ukraine.", "RUS", "UKR", "19", "expected", False),
    ("China could attack Taiwan.", "CHN", "TWN", "19", "hypothetical", False),
    ("Officials said China might impose sanctions on Australia.", "CHN", "AUS", "16", "hypothetical", False),
    ("China is unlikely to attack Taiwan.", "CHN", "TWN", "19", "hypothetical", False),
    # conditionals
    ("If China attacks Taiwan, Japan will respond.", "CHN", "TWN", "19", "conditional", False),
    ("In the event of a Russian attack on Estonia, Finland would come to its aid.", "RUS", "EST", "19", "conditional", False),
    ("In case of a Russian invasion of Poland, Germany would send troops.", "RUS", "POL", "19", "conditional", False),
    ("If Iran were to attack Israel, the region would suffer.", "IRN", "ISR", "19", "conditional", False),
    ("Unless Russia negotiates with Ukraine, the war will go on.", "RUS", "UKR", "04", "conditional", False),
    # appeals: the appeal happened, the demanded act did not
    ("Japan urged China to sanction Russia.", "JPN", "CHN", "02", "asserted", True),
    ("Japan urged China to sanction Russia.", "CHN", "RUS", "16", "demanded", False),
    ("France called on Iran to free the prisoners.", "FRA", "IRN", "02", "asserted", True),
    # attempts and wishes
    ("Russia tried to seize Kyiv.", "RUS", "UKR", "17", "attempted", True),
    ("Israel wants to normalize relations with Saudi Arabia.", "ISR", "SAU", "03", "asserted", True),
    ("Turkey threatened to expel the Swedish ambassador.", "TUR", "SWE", "13", "asserted", True),
    ("Germany refused to supply tanks to Ukraine.", "DEU", "UKR", "12", "asserted", True),
    # negation
    ("China did not criticize Russia.", "CHN", "RUS", "11", "negated", False),
    ("China has never recognized Taiwan.", "CHN", "TWN", "05", "negated", False),
    ("India refrained from criticizing Russia.", "IND", "RUS", "11", "negated", False),
    ("India failed to reach an agreement with Pakistan.", "IND", "PAK", "05", "negated", False),
    ("China has no plans to visit Japan.", "CHN", "JPN", "04", "negated", False),
    ("No meeting between China and Japan is planned.", "CHN", "JPN", "04", "negated", False),
    ("Russia denied the Ukrainian attack on Moscow.", "UKR", "RUS", "19", "negated", False),
    # reported speech stays realis
    ("Seoul said that Pyongyang attacked South Korean ships.", "PRK", "KOR", "19", "reported", True),
    # scope: a cue governs only its own clause
    ("Japan, which will host the summit, criticized China yesterday.", "JPN", "CHN", "11", "asserted", True),
    ("China criticized Japan, and Russia will sanction Ukraine.", "CHN", "JPN", "11", "asserted", True),
    ("China criticized Japan, and Russia will sanction Ukraine.", "RUS", "UKR", "16", "planned", False),
    ("India's premier, who visited China in May, will meet Japan's leader.", "IND", "CHN", "04", "asserted", True),
    ("India's premier, who visited China in May, will meet Japan's leader.", "IND", "JPN", "04", "planned", False),
    ("China warned that it would retaliate against Japan.", "CHN", "JPN", "13", "asserted", True),
    ("China warned that it would retaliate against Japan.", "CHN", "JPN", "16", "hypothetical", False),
    ("Japan has never acknowledged China's ban on Japanese seafood.", "CHN", "JPN", "16", "asserted", True),
    ("Russian President Vladimir Putin travelled to Belarus to meet its president.", "RUS", "BLR", "04", "asserted", True),
    ("Officials said Japan would not join sanctions against Iran.", "JPN", "IRN", "16", "negated", False),
]


def _find(events, source, target, root):
    return [e for e in events if (e.source, e.target, e.root) == (source, target, root)]


@pytest.mark.parametrize("text,source,target,root,modality,realis", CASES, ids=[f"{c[0][:40]}-{c[3]}" for c in CASES])
def test_modality_and_realis(run_extract, text, source, target, root, modality, realis):
    result = run_extract(text, "2024-03-15")
    found = _find(result.events, source, target, root)
    assert found, [(e.source, e.target, e.code, e.trigger, e.modality) for e in result.events]
    assert (found[0].modality, found[0].realis) == (modality, realis), [(e.code, e.trigger, e.modality) for e in found]


def test_negated_flag_set_only_for_negation(run_extract):
    negated = run_extract("China did not criticize Russia.").events[0]
    asserted = run_extract("China criticized Russia.").events[0]
    assert negated.negated and not negated.realis
    assert not asserted.negated and asserted.realis


def test_future_date_makes_event_planned(run_extract):
    result = run_extract("Japan's visit to India next month marks a shift.", "2024-03-15")
    event = _find(result.events, "JPN", "IND", "04")[0]
    assert (event.realis, event.when, event.when_precision) == (False, "2024-04", "month")


def test_modality_reading_without_actors(nlp):
    from dyad.extract.events.modality import reading

    doc = nlp("The talks will resume if the rebels lay down their arms.")
    resume = next(t for t in doc if t.lemma_ == "resume")
    lay = next(t for t in doc if t.text == "lay")
    assert reading(resume).modality == "planned"
    assert reading(lay).modality == "conditional"
