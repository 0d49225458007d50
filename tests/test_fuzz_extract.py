"""Fuzzing the extraction function itself: hostile text never raises, never hangs, never points outside the text.

Texts are built from sentences of our own with hostile pieces mixed in: unicode
controls, zero-width joiners and bidi marks inside names, long runs of
quotation marks, huge numbers, deep nesting, NUL bytes, lone surrogates; the
publication day ranges from year 1 to 9999. `make test` runs a fixed-seed share
(30 examples); `make fuzz` sets DYAD_FUZZ=full for 1,000 with fresh seeds
(DYAD_FUZZ_EXAMPLES overrides the count, DYAD_EXTRACT_BUDGET the seconds per example).
Every input that once failed is a regression test in test_extract_robust.py.
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import signal
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyad.extract.pipeline import extract
from dyad.records import Document, Evidence

FULL = os.environ.get("DYAD_FUZZ") == "full"
EXAMPLES = int(os.environ.get("DYAD_FUZZ_EXAMPLES", 1000 if FULL else 30))
BUDGET_S = int(os.environ.get("DYAD_EXTRACT_BUDGET", 120))  # one example past this is a hang
PEAK_RSS_MB = 4096  # the fuzzing process must stay under this

SENTENCES = [
    "Norway and Kenya signed a trade pact in Nairobi on Tuesday.",
    "\"We will not accept this,\" the foreign minister of Chile said.",
    "Japan condemned the launch and called for new sanctions against North Korea.",
    "The president of Brazil met Argentina's leader, officials said on Friday.",
    "About 3,000 jobs depend on the deal, worth $30 billion, the ministry said.",
    "Ghana and Togo are close allies; relations with Benin are tense.",
    "Minister Kim Ho-sung said talks would resume next week.",
    "The talks are expected to continue later this month.",
]
NAMES = ["Kim Ho-sung", "Norway", "Chile", "Brazil", "Ho-sung"]
JOINERS = ["\u200d", "\u200c", "\u200b", "\u200e", "\u200f", "\u202e", "\u2066", "\ufeff", "\u00ad", "\x00", "\x1b[31m"]
QUOTES = ['"', "\u201c", "\u201d", "'", "\u2018", "\u00ab", "`"]


@st.composite
def mangled_name(draw: st.DrawFn) -> str:
    """A name with a joiner, mark or control inside it."""
    name = draw(st.sampled_from(NAMES))
    at = draw(st.integers(0, len(name)))
    return name[:at] + draw(st.sampled_from(JOINERS)) + name[at:] + " said talks failed."


NOISE = st.one_of(
    st.sampled_from(SENTENCES),
    mangled_name(),
    st.builds(lambda q, n: q * n, st.sampled_from(QUOTES), st.integers(1, 10_000)),
    st.builds(lambda n: f"Trade rose by {'9' * n} billion dollars.", st.integers(1, 400)),
    st.builds(lambda e: f"The deficit was 1e{e} tonnes, or {e}% of 10^{e}.", st.integers(0, 5000)),
    st.builds(lambda n: "(" * n + "Norway met Chile" + ")" * n + ".", st.integers(1, 3000)),
    st.builds(lambda n: "\u201c" * n + "Chile said no" + "\u201d" * n, st.integers(1, 500)),
    st.builds(lambda n: "Mr. A " * n, st.integers(1, 2000)),
    st.text(st.characters(codec=None, categories=["Cc", "Cf", "Cs", "Co", "Zl", "Zp", "Mn"]), max_size=50),
    st.text(max_size=200),
)
DAYS = st.one_of(st.none(), st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
                 st.sampled_from([dt.date.min, dt.date.max, dt.date(9999, 12, 30), dt.date(1, 1, 2)]))
SEPARATORS = st.sampled_from([" ", "\n", "\n\n", "\r\n", "\t", "\u2028", ""])


class Hang(Exception):
    """An example ran past its time budget."""


@contextmanager
def budget(seconds: int) -> Iterator[None]:
    def expire(signum: int, frame: object) -> None:
        raise Hang(f"extraction ran past {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def spans(extraction: object) -> Iterator[Evidence]:
    for items in vars(extraction).values():
        for item in items if isinstance(items, list) else []:
            for value in vars(item).values():
                if isinstance(value, Evidence):
                    yield value


@pytest.mark.slow
@settings(max_examples=EXAMPLES, derandomize=not FULL, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
@given(pieces=st.lists(NOISE, min_size=1, max_size=8), seps=st.lists(SEPARATORS, min_size=8, max_size=8), day=DAYS)
def test_extraction_of_hostile_text_never_fails(nlp, pieces: list[str], seps: list[str], day: dt.date | None) -> None:
    text = "".join(p + s for p, s in zip(pieces, seps, strict=False))
    document = Document(id="fuzz", text=text, published=day)
    with budget(BUDGET_S):
        result = extract(document, nlp)
    for ev in spans(result):
        assert ev.doc_id == "fuzz" and 0 <= ev.start <= ev.end <= len(text), ev
    result.model_dump_json()  # serialisable, as the engines need
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < PEAK_RSS_MB * 1024
