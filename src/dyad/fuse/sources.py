"""Outlets and independent sources, and the speculation index of an outlet.

A document's outlet comes from its metadata (an outlet field, or the page's
site name read at ingest), else from its URL's host ("www.voanews.com" ->
"voanews.com"); never from a title or a file name. With none of them the
outlet is unknown, and the document counts as a source of its own. The
independent source a document counts as is the outlet of its original: a
near-copy (a republished wire story) counts as the document it copies.

The speculation index is a measured signal of practice, not a bias rating: the
mean of (a) the share of the outlet's events that are irrealis with a
speculative modality (planned, expected, hypothetical...; a denial is a
statement of fact, not speculation), (b) the share of its claims whose figure
no other source gives, (c) the share of its sentences that forecast or ask the
reader (speculation_cues.txt, or ending in "?"). A component with nothing to
measure (no claims, say) is left out of the mean.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from urllib.parse import urlsplit

from dyad.fuse.config import DATA, speculative_modalities

UNKNOWN_OUTLET = "(unknown outlet)"
_HOST_PREFIXES = ("www.", "www2.", "m.", "mobile.", "amp.")


def url_host(url: str | None) -> str | None:
    """The host of a URL without its www./m./amp. prefix, lower case; None when there is none."""
    if not url:
        return None
    try:
        host = (urlsplit(url.strip()).hostname or "").casefold().rstrip(".")
    except ValueError:
        return None
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") > 1:
            host = host[len(prefix) :]
    return host or None


def outlet_of(outlet: str | None, url: str | None) -> tuple[str | None, str | None, str | None]:
    """(name, key, where it came from) of a document's outlet: its metadata, else its URL's host."""
    name = " ".join((outlet or "").split())
    if name:
        return name, name.casefold(), "metadata"
    host = url_host(url)
    if host:
        return host, host, "url"
    return None, None, None


def source_key(outlet_key: str | None, original_id: str) -> str:
    """The independent source of a document: its original's outlet, else (outlet unknown) the original itself."""
    return outlet_key if outlet_key else f"doc:{original_id}"


@lru_cache(maxsize=1)
def speculation_cues() -> tuple[str, ...]:
    lines = (DATA / "speculation_cues.txt").read_text(encoding="utf-8").splitlines()
    return tuple(s.strip() for s in lines if s.strip() and not s.lstrip().startswith("#"))


@lru_cache(maxsize=8)
def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = sorted((re.escape(c).replace(r"\ ", r"\s+") for c in cues), key=len, reverse=True)
    return re.compile(r"(?<![\w'])(?:" + "|".join(alternatives) + r")(?![\w'])")


_TRAILING = " \t\r\n\"'\u201d\u2019)]*"


def is_speculative(sentence: str, cues: Sequence[str] | None = None) -> bool:
    """A question (ends with "?") or a sentence with a forecast cue."""
    text = sentence.strip()
    if text.rstrip(_TRAILING).endswith("?"):
        return True
    # lower the first word so "Could ..." counts while "May 27" mid-sentence does not
    match = re.match(r"\W*\w+", text)
    if match:
        text = text[: match.end()].lower() + text[match.end() :]
    return bool(_cue_pattern(tuple(cues if cues is not None else speculation_cues())).search(text))


def is_speculative_event(realis: bool, negated: bool, modality: str) -> bool:
    """Irrealis with a speculative modality (see fusion.yaml: speculative_modalities)."""
    return not realis and not negated and modality in speculative_modalities()


def count_speculative(sentences: Iterable[str]) -> tuple[int, int]:
    """(sentences, speculative sentences) of a document."""
    cues = speculation_cues()
    flags = [is_speculative(s, cues) for s in sentences]
    return len(flags), sum(flags)


def speculation_index(irrealis: float | None, single_source: float | None, speculative: float | None) -> float | None:
    """Mean of the components that could be measured."""
    parts = [p for p in (irrealis, single_source, speculative) if p is not None]
    return sum(parts) / len(parts) if parts else None
