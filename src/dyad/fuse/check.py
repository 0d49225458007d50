"""Whether the fusion tables are consistent with their sources: what `dyad doctor` reports.

Each problem is one line naming what is wrong, how many rows, and the
command that mends it. An empty list means the tables are what fusing the
stored documents gives (up to the rules they were built with).
"""

from __future__ import annotations

from dataclasses import dataclass

from dyad.fuse.items import FusionRules, doc_source
from dyad.settings import Settings
from dyad.store import Store
from dyad.store import fusion_check as sql
from dyad.store import fusion_read as rd

MEND = {
    "unfused": "dyad fuse",
    "gone": "dyad fuse --rebuild",
    "unresolved": "dyad fuse",
}


@dataclass(frozen=True)
class Problem:
    check: str
    count: int
    message: str

    def __str__(self) -> str:
        return self.message


def problems(store: Store, settings: Settings | None = None) -> list[Problem]:
    """Every way the fusion tables disagree with the documents and items they come from."""
    found = []
    for name, (meaning, n) in sql.counts(store).items():
        if n:
            mend = MEND.get(name, "dyad fuse --rebuild")
            found.append(Problem(name, n, f"{n} {meaning} (run `{mend}`)"))
    moved = stale_documents(store)
    if moved:
        found.append(Problem("outlets", len(moved), f"{len(moved)} fused documents whose outlet or independent "
                             "source changed since (run `dyad fuse --refresh`)"))
    stored = rd.state(store).get("rules")
    if stored and stored != FusionRules.from_settings(settings).signature():
        found.append(Problem("rules", 1, "the fusion rules or settings changed since the tables were built "
                             "(run `dyad fuse --rebuild`)"))
    return found


def stale_documents(store: Store) -> list[str]:
    """Fused documents whose outlet, independent source or publication date no longer match their metadata."""
    out = []
    for r in sql.outlets_and_urls(store):
        s = doc_source(r)
        if s.outlet != r["fused_outlet"] or s.source_key != r["fused_source"] or s.published != r["fused_published"]:
            out.append(r["id"])
    return out
