"""Near-copies: a republished story found by MinHash over word 5-grams and an LSH index.

The estimated Jaccard similarity of two texts' sets of word 5-grams is the
share of equal MinHash values. A new text whose estimate against a stored one
reaches the threshold is a near-copy of the earliest such text. Signatures
live in the store's `doc_minhash` table; the LSH index is rebuilt from them at
the start of a run (through a `SignatureSource`, so ingest never reads the
store itself) and grows as the run adds documents.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import Protocol

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

NUM_PERM = 128
SEED = 1
SCHEME = "affine32"  # stored signatures are only comparable within one scheme
SHINGLE_WORDS = 5
LSH_MAX_THRESHOLD = 0.9
BATCH = 4096  # shingles hashed at once
# Signatures of this run's documents kept after the store has them (about 1 KiB each): a republished
# story mostly arrives close behind its original, and each one read back from the store costs a connection.
RECENT = 4096
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def _shingle_stream(text: str, n: int = SHINGLE_WORDS) -> Iterator[str]:
    """Word n-grams of the case-folded text, punctuation ignored, repeats included; a shorter text is one."""
    tokens = _WORD.findall(text.casefold())
    if len(tokens) <= n:
        yield " ".join(tokens)
        return
    for i in range(len(tokens) - n + 1):
        yield " ".join(tokens[i : i + n])


def shingles(text: str, n: int = SHINGLE_WORDS) -> set[str]:
    """Word n-grams of the case-folded text, punctuation ignored; a shorter text is one shingle."""
    return set(_shingle_stream(text, n))


@lru_cache(maxsize=1)
def _template() -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)


def signature(text: str) -> LeanMinHash:
    """The MinHash of the text's shingles, hashed in slices: one batch of a long text's shingles
    would take NUM_PERM x 8 bytes per shingle at once (half a gigabyte for a 5 MB text)."""
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_template().permutations, scheme=SCHEME)
    stream = _shingle_stream(text)
    while batch := [s.encode("utf-8") for s in islice(stream, BATCH)]:
        minhash.update_batch(batch)  # a repeated shingle changes no minimum
    return LeanMinHash(minhash)


def _lean(hashvalues: object) -> LeanMinHash:
    return LeanMinHash(seed=SEED, hashvalues=np.asarray(hashvalues, dtype=np.uint64), scheme=SCHEME)


def estimated_jaccard(a: LeanMinHash, b: LeanMinHash) -> float:
    return float(np.count_nonzero(a.hashvalues == b.hashvalues)) / NUM_PERM


@dataclass(frozen=True)
class NearCopy:
    doc_id: str  # the earlier document
    score: float  # estimated Jaccard similarity


class SignatureSource(Protocol):
    """The signatures already stored (dyad.store.signatures.StoredSignatures is the real one)."""

    def all(self) -> Iterator[tuple[str, Sequence[int] | None]]:
        """(document id, signature or None) of every stored document, earliest first."""
        ...

    def signature(self, doc_id: str) -> Sequence[int] | None: ...

    def text(self, doc_id: str) -> str: ...


class NearCopyIndex:
    """An LSH index over the stored signatures plus the ones this run adds."""

    def __init__(self, stored: SignatureSource, threshold: float) -> None:
        self.stored = stored
        self.threshold = threshold
        # The LSH only proposes candidates; near 1 it cannot form two bands, and a lower
        # threshold there costs a few more exact comparisons, never a missed copy.
        self.lsh = MinHashLSH(threshold=min(threshold, LSH_MAX_THRESHOLD), num_perm=NUM_PERM)
        self.order: dict[str, int] = {}  # insertion rank: the first copy is the lowest
        self.unsaved: dict[str, LeanMinHash] = {}  # signatures not (yet) in doc_minhash
        self.recent: OrderedDict[str, LeanMinHash] = OrderedDict()  # the latest RECENT saved ones
        self._load()

    def _load(self) -> None:
        missing: list[str] = []
        for doc_id, hashvalues in self.stored.all():
            self.order.setdefault(doc_id, len(self.order))
            if hashvalues is not None and len(hashvalues) == NUM_PERM:
                self.lsh.insert(doc_id, _lean(hashvalues))
            else:
                missing.append(doc_id)
        for doc_id in missing:  # stored by a writer that kept no signature: compute it from the text
            self.unsaved[doc_id] = signature(self.stored.text(doc_id))
            self.lsh.insert(doc_id, self.unsaved[doc_id])

    def _signature_of(self, doc_id: str) -> LeanMinHash | None:
        if doc_id in self.unsaved:
            return self.unsaved[doc_id]
        if doc_id in self.recent:
            return self.recent[doc_id]
        hashvalues = self.stored.signature(doc_id)
        return _lean(hashvalues) if hashvalues is not None else None

    def match(self, minhash: LeanMinHash) -> NearCopy | None:
        """The earliest indexed text whose estimated Jaccard reaches the threshold."""
        found: list[NearCopy] = []
        for doc_id in self.lsh.query(minhash):
            other = self._signature_of(doc_id)
            if other is not None and (score := estimated_jaccard(minhash, other)) >= self.threshold:
                found.append(NearCopy(doc_id, score))
        return min(found, key=lambda c: self.order[c.doc_id]) if found else None

    def add(self, doc_id: str, minhash: LeanMinHash) -> None:
        """Index a document of this run; its signature is kept until the store has it."""
        if doc_id in self.order:
            return
        self.order[doc_id] = len(self.order)
        self.unsaved[doc_id] = minhash
        self.lsh.insert(doc_id, minhash)

    def hashvalues(self, doc_id: str) -> list[int] | None:
        """The signature of a document of this run that the store does not hold yet, as stored."""
        minhash = self.unsaved.get(doc_id)
        return [int(v) for v in minhash.hashvalues] if minhash is not None else None

    def saved(self, doc_id: str) -> None:
        """The store holds the document's signature now: it stays at hand among the recent ones."""
        minhash = self.unsaved.pop(doc_id, None)
        if minhash is not None:
            self.recent[doc_id] = minhash
            if len(self.recent) > RECENT:
                self.recent.popitem(last=False)
