"""Parse walks of the quotes, claims and relations stages use a stack: a tree deeper than
Python's recursion limit is read like any other (issue 16). Trees built by hand for the test."""

from __future__ import annotations

from spacy.tokens import Doc

N = 3000  # deeper than the default recursion limit (1000)


def _chain(nlp, dep: str, head_last: bool) -> Doc:
    """N tokens, each the `dep` child of the next (head_last) or of the one before."""
    words = ["Peru"] * N
    if head_last:
        heads = [i + 1 for i in range(N - 1)] + [N - 1]
        deps = [dep] * (N - 1) + ["ROOT"]
    else:
        heads = [0] + list(range(N - 1))
        deps = ["ROOT"] + [dep] * (N - 1)
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps)


def test_relations_walk_a_deep_list(nlp) -> None:
    from dyad.extract.relations.clauses import conjuncts, listed

    doc = _chain(nlp, "conj", head_last=False)
    assert len(conjuncts(doc[0])) == N and len(listed(doc[0])) == N


def test_claims_walk_a_deep_phrase(nlp) -> None:
    from dyad.extract.claims.about import _phrase

    doc = _chain(nlp, "amod", head_last=True)
    assert len(_phrase(doc[N - 1], doc[:], set())) == N
