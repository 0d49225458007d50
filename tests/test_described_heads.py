"""The shortcut in finding a description's head word (by the endings of the known heads) changes no answer."""

from __future__ import annotations

import itertools

from dyad.extract.actors.described_orgs import _head_phrase, _standalone_head
from dyad.extract.actors.org_spans import standalone_heads


def test_head_found_as_by_trying_every_phrase() -> None:
    heads = sorted(standalone_heads())
    pieces = {w for head in heads for w in head.replace("-", " - ").split()}
    vocabulary = sorted(pieces)[:40] + ["the", "-", "new", "quietly", "", " ", "ministry of", "self-"]
    for n in (0, 1, 2, 3):
        for words in itertools.islice(itertools.product(vocabulary, repeat=n), 30000):
            assert _standalone_head(list(words)) == _head_phrase(list(words))
    for head in heads:  # each head, alone and after other words
        words = head.replace("-", " - ").split()
        assert _standalone_head(words) == _head_phrase(words)
        assert _standalone_head(["our", *words]) == _head_phrase(["our", *words])
