"""Reading `pair_outlets` (see `pair_tables`): a dyad's outlets over all time, and the doctor's check."""

from __future__ import annotations

from typing import Any

from dyad.fuse.config import speculative_modalities
from dyad.store import pair_tables as tables
from dyad.store.db import Store

# the columns of `source_rows.sources`, divided from the stored counts and sums as that query divides them
OUTLET_SQL = """SELECT outlet, outlet_from, n_documents, n_events, n_realis, n_stories, n_only,
       CAST(g_sum AS DOUBLE) / nullif(g_n, 0) AS mean_goldstein, CAST(n_spec AS DOUBLE) / nullif(n_events, 0) AS irrealis_share,
       CAST(n_single AS DOUBLE) / nullif(single_n, 0) AS single_source_claim_share,
       CAST(n_speculative AS DOUBLE) / nullif(n_sentences, 0) AS speculative_sentence_share,
       n_claims, coalesce(n_sentences, 0) AS n_sentences, first_published, last_published
FROM pair_outlets WHERE a = ? AND b = ? ORDER BY outlet"""


def outlets(store: Store, pair: tuple[str, str], modalities: list[str]) -> list[dict[str, Any]] | None:
    """The outlets of an undirected dyad over all time, as `source_rows.sources` gives them; None when the
    stored rows were counted with other speculative modalities (or not yet), so the caller counts."""
    with store.reading() as con:
        if tables.built_with(con) != tables.key(modalities):
            return None
        return store.rows(OUTLET_SQL, sorted(pair))


def differences(store: Store) -> int:
    """Rows of `pair_outlets` that differ from a recomputation (`dyad doctor`)."""
    with store.reading() as con:
        return tables.differences(con, speculative_modalities())


def rebuild(store: Store) -> None:
    """Count every dyad's outlets again, in one transaction (the doctor's repair)."""
    with store.transaction() as con:
        tables.rebuild(con, speculative_modalities())
