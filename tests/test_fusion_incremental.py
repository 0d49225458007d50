"""Incremental fusion gives the tables a rebuild from scratch gives, whatever order documents arrive in.

The embedded examples are extracted once; each order of arrival stores and fuses them one document
at a time, as `dyad ingest` of one article after another would; then every fusion table is compared
with what `dyad fuse --rebuild` makes of the same store.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from dyad.fuse.actor_tables import resolve_stored
from dyad.fuse.update import rebuild, refresh_documents, unfuse_documents
from dyad.run import ingest_documents
from dyad.store import open_store
from dyad.store.fusion_check import table_rows
from example_runs import cached


def _arrive(path: Path, order: list[str], extracted: dict) -> dict:
    """Store and fuse the documents one at a time in `order`; the fusion tables, then those of a rebuild."""
    with open_store(path) as store:
        for doc_id in order:
            ingest_documents([extracted[doc_id][0]], store, cached(extracted))
        resolve_stored(store)
        incremental = table_rows(store)
        rebuild(store)
        resolve_stored(store, force=True)
        return {"incremental": incremental, "rebuilt": table_rows(store)}


def _same(a: dict, b: dict) -> list[str]:
    return [t for t in a if a[t] != b[t]]


@pytest.mark.slow
def test_any_order_of_arrival_gives_the_rebuilt_tables(tmp_path: Path, extracted: dict):
    ids = sorted(extracted)
    shuffled = ids[:]
    random.Random(5).shuffle(shuffled)
    for name, order in (("sorted", ids), ("reversed", ids[::-1]), ("shuffled", shuffled)):
        tables = _arrive(tmp_path / f"{name}.duckdb", order, extracted)
        assert tables["incremental"]["stories"], "nothing was fused"
        differ = _same(tables["incremental"], tables["rebuilt"])
        assert not differ, f"{name}: incremental and rebuilt differ in {differ}"


@pytest.mark.slow
def test_taking_documents_out_and_in_again_restores_the_tables(tmp_path: Path, extracted: dict):
    ids = sorted(extracted)
    with open_store(tmp_path / "s.duckdb") as store:
        ingest_documents([extracted[i][0] for i in ids], store, cached(extracted))
        before = table_rows(store)
        gone = unfuse_documents(store, ids[3:6])
        assert gone.documents == ids[3:6] and gone.stories_removed
        middle = table_rows(store)
        assert middle["stories"] != before["stories"]
        assert not any(r for r in middle["story_mentions"] if any(i in "".join(r) for i in ids[3:6]))
        refresh_documents(store, ids[3:6])  # fused again: out (a no-op) and in
        resolve_stored(store)
        assert not _same(table_rows(store), before)


@pytest.mark.slow
def test_the_doctor_finds_fusion_rows_of_a_lost_document_and_repairs_them(tmp_path: Path, extracted: dict):
    import dyad
    from dyad.store.schema import EXTRACTION_TABLES

    ids = sorted(extracted)
    path = tmp_path / "s.duckdb"
    with open_store(path) as store:
        ingest_documents([extracted[i][0] for i in ids], store, cached(extracted))
        lost = next(i for i in ids if store.count("story_mentions", "doc_id = ?", [i]))
        with store.transaction() as con:  # the document and its rows go, as a hand edit of the file would do
            for table in [*EXTRACTION_TABLES, "doc_minhash", "search_units", "search_terms", "documents"]:
                con.execute(f"DELETE FROM {table} WHERE {'id' if table == 'documents' else 'doc_id'} = ?", [lost])
    with dyad.open(path) as db:
        found = [p.message for p in db.doctor().problems if p.check == "fusion"]
        assert any("fused documents no longer stored" in line for line in found)
        assert any("story mentions whose event or story is missing" in line for line in found)
        repaired = db.doctor(repair=True)
        assert not [p for p in repaired.problems if p.check == "fusion"], repaired.problems
        assert any("rebuilt the fusion tables" in line for line in repaired.repaired)
        assert not db.store.count("story_mentions", "doc_id = ?", [lost])


@pytest.mark.slow
def test_deleting_documents_leaves_the_tables_a_fuse_from_scratch_gives(tmp_path: Path, extracted: dict):
    ids = sorted(extracted)
    with open_store(tmp_path / "s.duckdb") as store:
        ingest_documents([extracted[i][0] for i in ids], store, cached(extracted))
        resolve_stored(store)
        copies = store.rows("SELECT id, near_copy_of FROM documents WHERE near_copy_of IS NOT NULL")
        assert copies, "the examples hold a syndicated copy"
        original, copy = copies[0]["near_copy_of"], copies[0]["id"]
        other = next(i for i in ids if i not in (original, copy) and store.count("figure_claims", "doc_id = ?", [i]))
        before = table_rows(store)
        for doc_id in (original, other):
            store.delete_document(doc_id)
        after = table_rows(store)
        assert after["stories"] != before["stories"] and after["figures"] != before["figures"]
        assert not any(doc_id in "".join(r) for r in after["story_mentions"] + after["figure_claims"]
                       for doc_id in (original, other))
        # the copy is an original now, its own independent source
        assert store.rows("SELECT original FROM doc_sources WHERE doc_id = ?", [copy])[0]["original"] == copy
        rebuild(store)
        resolve_stored(store, force=True)
        assert not _same(after, table_rows(store))


def test_an_ingest_leaves_every_fused_name_resolved(tmp_path: Path, extracted: dict) -> None:
    from dyad.store import actor_tables

    with open_store(tmp_path / "one.duckdb") as store:
        report = ingest_documents([d for d, _ in extracted.values()], store, cached(extracted))
        assert not report.fusion_errors
        assert report.fusion.actors_resolved > 0
        assert not actor_tables.unresolved(store) and not actor_tables.pending(store)


def test_a_resolution_that_fails_leaves_the_documents_fused_and_says_so(tmp_path: Path, extracted: dict) -> None:
    from dyad.settings import Settings
    from dyad.store import actor_tables
    from dyad.store.fusion_read import unfused_documents

    bad = tmp_path / "overrides.yaml"
    bad.write_text("- not a mapping\n", encoding="utf-8")
    with open_store(tmp_path / "two.duckdb") as store:
        report = ingest_documents([d for d, _ in extracted.values()], store, cached(extracted),
                                  settings=Settings(overrides=bad))
        assert len(report.stored) == len(extracted)
        assert [e for e in report.fusion_errors if e.startswith("actors left unresolved")]
        assert not [e for e in report.fusion_errors if "unfused" in e]
        assert unfused_documents(store) == [] and actor_tables.unresolved(store)
