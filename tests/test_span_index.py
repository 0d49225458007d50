"""SpanIndex answers as a per-character index of the spans (appended as they are added) would."""

from __future__ import annotations

import random

import pytest

from dyad.extract.actors.drafts import Registry
from dyad.extract.actors.span_index import SpanIndex


class _PerCharacter:
    """The reference: each character's spans, in the order they were added."""

    def __init__(self) -> None:
        self.cover: dict[int, list[tuple[int, int]]] = {}

    def add(self, span: tuple[int, int]) -> None:
        for i in range(*span):
            self.cover.setdefault(i, []).append(span)

    def remove(self, span: tuple[int, int]) -> None:
        for i in range(*span):
            self.cover[i].remove(span)

    def over(self, start: int, end: int) -> list[tuple[int, int]]:
        return list(dict.fromkeys(span for i in range(start, end) for span in self.cover.get(i, ())))

    def at(self, char: int) -> list[tuple[int, int]]:
        return list(self.cover.get(char, ()))


@pytest.mark.parametrize("seed", range(40))
def test_span_index_matches_a_per_character_index(seed: int) -> None:
    rng = random.Random(seed)
    index, reference, held = SpanIndex(), _PerCharacter(), set()
    for _ in range(300):
        if held and rng.random() < 0.25:
            span = rng.choice(sorted(held))
            held.discard(span)
            index.remove(span)
            reference.remove(span)
        else:
            start = rng.randrange(0, 60)
            span = (start, start + rng.randrange(1, 15))
            if span not in held:
                held.add(span)
                index.add(span)
                reference.add(span)
        a = rng.randrange(0, 80)
        b = a + rng.randrange(-3, 20)
        assert index.over(a, b) == reference.over(a, b)
        assert index.at(a) == reference.at(a)


def test_registry_overlaps_is_the_first_taken_mention_over_the_characters() -> None:
    text = "Ana Lark met the Freedonian Foreign Ministry in Port Vale."
    reg = Registry(text)
    ana = reg.ensure("person:ana lark", "Ana Lark", "person").key
    ministry = reg.ensure("org:ministry", "Foreign Ministry", "organization").key
    reg.mention(ministry, 27, 43, "name")
    reg.mention(ana, 0, 8, "name")
    reg.mention(ana, 0, 3, "surname")
    assert reg.overlaps(2, 30) == ministry  # taken first, though later in the text
    assert reg.overlaps(0, 2) == ana
    assert reg.overlaps(8, 27) is None
    assert reg.overlaps(5, 5) is None
    assert reg.keys_at(1) == [ana, ana]
    reg.release(27, 43)
    assert reg.overlaps(2, 30) == ana
    assert reg.keys_at(30) == []
