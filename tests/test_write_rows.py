"""The writer's column-wise Arrow rows equal the row-wise layout (`schema.to_row`) the Dask shards use."""

from __future__ import annotations

import datetime as dt

from dyad.records import DocExtraction
from dyad.store.schema import EXTRACTION_TABLES, to_row
from dyad.store.write_rows import derived_fields, documents_table, extraction_table, minhash_table

TEXT = ("The foreign minister of Norland met the president of Sudravia in Velmar on Monday. "
        '"We will not accept new tariffs," the minister said, and Norland recalled its ambassador.')


def test_extraction_tables_equal_the_row_layout(run_extract, make_doc) -> None:
    first = run_extract(TEXT)
    second = run_extract(TEXT.replace("Monday", "Friday"))
    written = [("doc-a", first), ("doc-b", DocExtraction(doc_id="doc-b", model="m")), ("doc-c", second)]
    held = 0
    for record, attr in EXTRACTION_TABLES.values():
        expected = [to_row(d, i, item) for d, x in written for i, item in enumerate(getattr(x, attr))]
        table = extraction_table(record, attr, written)
        if not expected:
            assert table is None
            continue
        held += 1
        assert table is not None
        assert [tuple(row.values()) for row in table.to_pylist()] == expected, attr
    assert held >= 4  # sentences, entities, actors, mentions at least


def test_documents_table_orders_arrival_and_derives_fields(make_doc) -> None:
    docs = [make_doc("One short text.", source="/in/a.txt", keywords=["x"], extra={"k": 1}), make_doc("Two words")]
    now = dt.datetime(2026, 1, 2, 3, 4, 5)
    rows = documents_table([(d, "model-1") for d in docs], now).to_pylist()
    assert [r["id"] for r in rows] == [d.id for d in docs]
    assert rows[1]["ingested_at"] - rows[0]["ingested_at"] == dt.timedelta(microseconds=1)
    assert (rows[0]["source_name"], rows[0]["n_chars"], rows[0]["n_words"]) == derived_fields(docs[0])
    assert rows[0]["extra"] == '{"k": 1}' and rows[0]["keywords"] == ["x"] and rows[1]["keywords"] == []
    assert rows[1]["extra"] is None and rows[0]["model"] == "model-1"


def test_minhash_table_keeps_unsigned_values() -> None:
    big = 2**64 - 1
    assert minhash_table([("d", [1, big])]).to_pylist() == [{"doc_id": "d", "hashvalues": [1, big]}]
