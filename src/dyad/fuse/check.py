"""Whether the fusion tables are consistent with their sources: what `dyad fuse --check` and `dyad doctor` report.

Each problem is one line naming what is wrong, how many rows, and the
command that mends it. An empty list means the tables are what fusing the
stored documents gives (up to the rules they were built with).

The doctor's check `fusion` is registered here (importing this module
registers it): it reports the same problems, but for the rules (which depend on
the settings a command runs with) and documents not fused yet (pending work,
not damage), and its repair brings the tables back by
fusing again, the way `dyad fuse` does: documents no longer stored leave,
documents not fused yet are fused, documents whose outlet or day changed are
fused again, and tables whose rows point nowhere are rebuilt.
"""

from __future__ import annotations

from dataclasses import dataclass

from dyad.fuse.items import FusionRules, doc_source
from dyad.settings import Settings
from dyad.store import Store, aggregate_reads, pair_reads
from dyad.store import fusion_check as sql
from dyad.store import fusion_read as rd
from dyad.store.doctor import Problem as DoctorProblem
from dyad.store.doctor import check

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


def problems(store: Store, settings: Settings | None = None, rules: bool = True) -> list[Problem]:
    """Every way the fusion tables disagree with the documents and items they come from (with `rules`,
    also whether they were built with other rules or settings than `settings`)."""
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
    if rules and stored and stored != FusionRules.from_settings(settings).signature():
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


# Problems fusing the pending or changed documents mends; anything else calls for a rebuild.
INCREMENTAL = {"unfused", "outlets", "unresolved"}


def repair_fusion(store: Store, found: list[DoctorProblem]) -> str:
    """Fuse again what the problems call for (the doctor's repair of `fusion`), with the settings in force."""
    from dyad.fuse.actor_tables import resolve_stored
    from dyad.fuse.update import fuse_pending, rebuild, refresh_documents
    from dyad.settings import load_settings

    settings = load_settings()
    kinds = {p.message.split(":", 1)[0] for p in found}
    if kinds - INCREMENTAL:
        update = rebuild(store, settings)
        done = f"rebuilt the fusion tables from {len(update.documents)} stored document(s)"
    else:
        update = refresh_documents(store, stale_documents(store), settings)
        update.add(fuse_pending(store, settings))
        done = f"fused {len(update.documents)} document(s) into the fusion tables"
    resolve_stored(store, settings.overrides, force=bool(kinds - INCREMENTAL))
    return done


@check("fusion", "the fusion tables agree with the stored documents: every fused document is stored, every "
       "story mention points at a stored event and story, every stored document is fused", repair=repair_fusion)
def fusion_tables(store: Store) -> list[DoctorProblem]:
    """The fusion tables' problems, as the doctor reports them ("<kind>: <message>"). Documents stored but
    not fused yet are work pending (the next ingest or `dyad fuse` fuses them), not damage."""
    return [DoctorProblem("fusion", f"{p.check}: {p.message}", p.count) for p in problems(store, rules=False)
            if p.check != "unfused"]


def repair_pair_outlets(store: Store, found: list[DoctorProblem]) -> str:
    """Count every dyad's outlets again from the fusion tables (the doctor's repair of `pair_outlets`)."""
    pair_reads.rebuild(store)
    return "counted every dyad's outlets again (pair_outlets)"


@check("pair_outlets", "the stored per-dyad outlet counts (pair_outlets) equal a recomputation from the fusion "
       "tables", repair=repair_pair_outlets)
def stored_pair_outlets(store: Store) -> list[DoctorProblem]:
    n = pair_reads.differences(store)
    return [DoctorProblem("pair_outlets", f"{n} row(s) differ from a recomputation from the fusion tables", n)] if n else []


def repair_aggregates(store: Store, found: list[DoctorProblem]) -> str:
    """Recompute the stored aggregates from the events (the doctor's repair of `aggregates`)."""
    from dyad.analyse.dyads import background_days

    aggregate_reads.rebuild(store, background_days())
    return "recomputed the stored aggregates from the events"


@check("aggregates", "the stored aggregates (pair_days, pair_totals, actor_edges, event_facets, actor_network) "
       "equal a recomputation from the events of the fused documents", repair=repair_aggregates)
def stored_aggregates(store: Store) -> list[DoctorProblem]:
    from dyad.analyse.dyads import background_days

    return [DoctorProblem("aggregates", f"{table}: {n} row(s) differ from a recomputation from the events", n)
            for table, n in aggregate_reads.differences(store, background_days()).items() if n]
