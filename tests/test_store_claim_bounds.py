"""Schema 5: claims carry `bound` and `expected`; a store written by schema 4 is migrated and keeps working."""

from __future__ import annotations

import duckdb

from dyad.records import Claim, DocExtraction, Evidence
from dyad.store import open_store
from dyad.store.migrations import current_version
from dyad.store.schema import SCHEMA_VERSION


def test_a_schema_4_store_gains_the_claim_columns_and_takes_new_claims(tmp_path, make_doc) -> None:
    path = tmp_path / "old.duckdb"
    open_store(path).close()
    con = duckdb.connect(str(path))  # make it look like a store written before schema 5
    con.execute("DROP INDEX claims_doc")
    for later in ("when_text", "when_until", "when_precision", "when"):  # schema 12's columns came after
        con.execute(f'ALTER TABLE claims DROP COLUMN "{later}"')
    con.execute('ALTER TABLE claims DROP COLUMN "expected"')
    con.execute('ALTER TABLE claims DROP COLUMN "bound"')
    con.execute("DELETE FROM schema_version")
    con.execute("INSERT INTO schema_version VALUES (4, now())")
    con.execute("CREATE INDEX claims_doc ON claims(doc_id)")
    con.close()
    doc = make_doc("Up to 10,000 people fled.")
    claim = Claim(value=10000, unit="people", approx=True, qualifier="up to", bound="upper",
                  evidence=Evidence(doc_id=doc.id, start=0, end=12))
    with open_store(path) as store:
        assert current_version(store.con) == SCHEMA_VERSION >= 5
        assert store.write(doc, DocExtraction(doc_id=doc.id, model="t", claims=[claim]))
        back = store.extraction(doc.id).claims[0]
        assert (back.bound, back.expected, back.qualifier) == ("upper", False, "up to")
