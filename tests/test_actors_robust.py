"""The actor stage never raises, whatever the text, and its per-document indexes answer as a scan would."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import by_name
from dyad.extract.actors.drafts import Registry
from dyad.extract.actors.names import FullNames, NameParts, same_full_name


def test_a_state_named_only_inside_a_body_name_does_not_break_the_stage(actors_of):
    # "US" sits inside the entity the model finds ("US State"): the state had no draft of its own
    ctx = actors_of("The US State department advised against travel.")
    body = by_name(ctx, "US State department")
    assert (body.key, body.country, body.kind) == ("org:statedepartment", "USA", "organization")


def test_a_state_plus_government_still_names_the_state(actors_of):
    ctx = actors_of("The Iraqi Government said the talks would resume in Geneva.")
    assert by_name(ctx, "Iraq").kind == "state"


ODD_TEXTS = [
    "",
    " ",
    "\u200b\u200d\u202e",
    '"' * 400,
    "." * 2000,
    "Mr. A " * 300,
    "(" * 300 + "Japan" + ")" * 300,
    "The the the " * 200,
    "President " * 150 + "Lee said.",
    "U.S.-" * 200 + "Japan talks.",
    "Korea's Korea's Korea's " * 100,
    "\x00 Seoul \x01 Tokyo \x7f Beijing",
    "A" * 5000,
    "WHO WHO WHO UN UN NATO NATO. " * 50,
    "The Ministry of the Ministry of the Ministry of Foreign Affairs of Japan said.",
    "\n".join(["Kim"] * 300),
    "Lee Jae-myung, Lee, Lee Jae Myung, Mr. Lee, the president, he said. " * 30,
]


def test_odd_texts_go_through(actors_of):
    for text in ODD_TEXTS:
        actors_of(text)  # raises on failure


WORDS = [
    "Japan", "Japanese", "Seoul", "the", "US", "State", "department", "Ministry", "of", "Foreign", "Affairs",
    "President", "Lee", "Jae-myung", "Kim", "said", "he", "she", "its", ",", ".", "'s", "\u2019s", "-", "U.N.",
    "Ambassador", "Institute", "for", "Peace", "Taliban", "spokesman", "troops", "protesters", "in", "Kabul",
    "the White House", "Hamas", "\n", "\u201c", "\u201d", "(", ")", "KCNA", "North", "Korean", "official",
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), max_size=60))
def test_shuffled_actor_words_never_raise(actors_of, words):
    actors_of(" ".join(words))


def _scan_overlap(taken: dict[tuple[int, int], str], start: int, end: int) -> str | None:
    return next((key for (s, e), key in taken.items() if s < end and start < e), None)


def test_the_registry_finds_overlaps_as_a_scan_would():
    rng = random.Random(7)
    reg = Registry("x" * 300)
    for n in range(40):
        reg.ensure(f"k{n}", f"k{n}", "person")
    for _ in range(200):
        start = rng.randrange(0, 290)
        reg.mention(f"k{rng.randrange(40)}", start, start + rng.randrange(1, 10), "name")
    reg.rekey("k3", "k4")
    for (start, end) in list(reg.taken)[:20]:
        reg.release(start, end)
    for _ in range(500):
        start = rng.randrange(0, 295)
        end = start + rng.randrange(1, 6)
        assert reg.overlaps(start, end) == _scan_overlap(reg.taken, start, end)


def test_repeated_names_are_found_as_whole_words_only():
    text = "Lee Jae-myung met Lee Jae-myungs. Lee Jae-myung-style and xLee Jae-myung, -Lee Jae-myung; Lee Jae-myung."
    reg = Registry(text)
    assert reg.occurrences("Lee Jae-myung") == [0, text.rindex("Lee Jae-myung")]
    assert reg.occurrences("'t Hooft Lab") == []


def test_the_name_indexes_agree_with_the_pairwise_rules():
    names = ["Yoon Suk Yeol", "Yoo Suk Yeol", "Kim Jong Un", "Kim Jong Il", "Lee Jae-myung", "Lee Jae Myung", "Abe"]
    index: FullNames[str] = FullNames()
    for name in names:
        index.add(name, name)
    for probe in names + ["Yoon Suk-yeol", "Kim Jong Ul", "Park Geun-hye"]:
        assert [n for n, _ in index.find(probe)] == [n for n in names if same_full_name(n, probe)]
    parts: NameParts[str] = NameParts()
    parts.add(["takaichi", "sanae"], "Sanae Takaichi")
    assert parts.exact("takaichi") == ["Sanae Takaichi"]
    assert parts.near("takaiichi") == ["Sanae Takaichi"]
    assert parts.near("tanaka") == []
