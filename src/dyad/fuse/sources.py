"""Source comparison: per outlet, what it reports, what it alone reports, its tone on
a dyad, and its speculation index.

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
from dataclasses import dataclass
from functools import lru_cache

from dyad.fuse.config import DATA, fusion_config
from dyad.fuse.corroboration import Figure
from dyad.fuse.stories import Story
from dyad.stored import DocInfo, EventItem, SentenceItem


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


def is_speculative_event(event: EventItem) -> bool:
    """Irrealis with a speculative modality (see fusion.yaml: speculative_modalities)."""
    modalities = set(fusion_config().get("speculative_modalities") or [])
    return not event.realis and not event.negated and event.modality in modalities


def _share(flags: Iterable[bool]) -> float | None:
    values = list(flags)
    return sum(values) / len(values) if values else None


def speculation_index(irrealis: float | None, single_source: float | None, speculative: float | None) -> float | None:
    """Mean of the components that could be measured."""
    parts = [p for p in (irrealis, single_source, speculative) if p is not None]
    return sum(parts) / len(parts) if parts else None


@dataclass
class OutletRow:
    outlet: str
    n_documents: int
    n_events: int
    n_realis: int
    n_stories: int
    n_only: int  # stories no other independent source reports
    mean_goldstein: float | None  # over its realis events with a Goldstein value
    irrealis_share: float | None  # speculative irrealis events, see is_speculative_event
    single_source_claim_share: float | None
    speculative_sentence_share: float | None
    n_claims: int
    n_sentences: int

    @property
    def speculation_index(self) -> float | None:
        return speculation_index(self.irrealis_share, self.single_source_claim_share, self.speculative_sentence_share)

    def as_dict(self) -> dict:
        row = dict(self.__dict__)
        row["speculation_index"] = self.speculation_index
        return row


COLUMNS = [
    "outlet", "n_documents", "n_events", "n_realis", "n_stories", "n_only", "mean_goldstein",
    "irrealis_share", "single_source_claim_share", "speculative_sentence_share", "speculation_index",
]


def compare_outlets(
    docs: Iterable[DocInfo],
    events: Sequence[EventItem],
    stories: Sequence[Story],
    figures: Sequence[Figure],
    sentences: Sequence[SentenceItem],
) -> list[OutletRow]:
    """One row per outlet of `docs`; the other inputs are restricted to those documents."""
    doc_list = list({d.id: d for d in docs}.values())
    outlets = sorted({d.outlet for d in doc_list})
    rows = []
    for outlet in outlets:
        ids = {d.id for d in doc_list if d.outlet == outlet}
        evs = [e for e in events if e.doc.id in ids]
        goldstein = [e.goldstein for e in evs if e.realis and e.goldstein is not None]
        its_stories = [s for s in stories if ids & {d.id for d in s.docs}]
        only = [s for s in its_stories if s.single_source]
        claim_flags = [f.single_source for f in figures for c in f.claims if c.doc.id in ids]
        sents = [s for s in sentences if s.doc.id in ids]
        rows.append(
            OutletRow(
                outlet=outlet,
                n_documents=len(ids),
                n_events=len(evs),
                n_realis=sum(e.realis for e in evs),
                n_stories=len(its_stories),
                n_only=len(only),
                mean_goldstein=sum(goldstein) / len(goldstein) if goldstein else None,  # type: ignore[arg-type]
                irrealis_share=_share(is_speculative_event(e) for e in evs),
                single_source_claim_share=_share(claim_flags),
                speculative_sentence_share=_share(is_speculative(s.text) for s in sents),
                n_claims=len(claim_flags),
                n_sentences=len(sents),
            )
        )
    rows.sort(key=lambda r: (-(r.speculation_index or 0.0), r.outlet))
    return rows


def story_outlets(story: Story) -> list[dict]:
    """Per outlet, how it reports one story: mentions, codes, happened or not, tone."""
    rows = []
    for outlet in story.outlets:
        ms = [m for m in story.mentions if m.doc.outlet == outlet]
        g = [m.goldstein for m in ms if m.goldstein is not None]
        rows.append(
            {
                "story": story.id,
                "outlet": outlet,
                "n_documents": len({m.doc.id for m in ms}),
                "n_mentions": len(ms),
                "codes": sorted({m.code for m in ms}),
                "says": "happened" if any(m.realis for m in ms) else "/".join(sorted({m.modality for m in ms})),
                "mean_goldstein": sum(g) / len(g) if g else None,  # type: ignore[arg-type]
                "evidence": " ".join(ms[0].cited.words.split()),
            }
        )
    return rows
