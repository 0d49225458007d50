"""`dyad quotes`, `dyad claims` and `dyad relations` on a store built from a text written for the test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyad.present.cli import main

ARTICLE = (
    "Norway and Denmark are not rivals. Norway relies on Denmark for some of its power.\n\n"
    '"Our cooperation has never been closer," Prime Minister Ingrid Solberg said on Monday. '
    "She said that about 1,200 engineers would work on the joint grid, a project worth $2 billion.\n"
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, nlp) -> Path:
    folder = tmp_path_factory.mktemp("qcr")
    (folder / "grid.txt").write_text(ARTICLE, encoding="utf-8")
    db = folder / "store.duckdb"
    result = CliRunner().invoke(main, ["--db", str(db), "-q", "ingest", str(folder / "grid.txt")])
    assert result.exit_code == 0, result.output
    return db


def run_json(store: Path, *args: str) -> list[dict]:
    result = CliRunner().invoke(main, ["--db", str(store), *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_quotes_filters(store: Path) -> None:
    direct = run_json(store, "quotes", "--kind", "direct")
    assert [q["text"] for q in direct] == ["Our cooperation has never been closer"]
    assert "Solberg" in direct[0]["speaker"]
    assert run_json(store, "quotes", "--speaker", "nobody-by-that-name") == []
    assert {q["kind"] for q in run_json(store, "quotes", "--speaker", "solberg")} >= {"direct", "indirect"}


def test_claims_filters(store: Path) -> None:
    usd = run_json(store, "claims", "--unit", "USD")
    assert [(c["value"], c["evidence"]) for c in usd] == [(2_000_000_000, "$2 billion")]
    engineers = run_json(store, "claims", "--unit", "engineers")
    assert engineers and engineers[0]["approx"] is True and engineers[0]["qualifier"] == "about"
    assert engineers[0]["figure"] == "about 1,200 engineers"  # a listing never drops the qualifier
    listed = CliRunner().invoke(main, ["--db", str(store), "claims", "--unit", "USD", "--csv"])
    assert '"2,000,000,000 USD"' in listed.output and "e+09" not in listed.output


def test_relations_pair_either_order_for_symmetric_types(store: Path) -> None:
    denied = run_json(store, "relations", "--pair", "DNK-NOR", "--type", "rival")
    assert [(r["polarity"], r["evidence"]) for r in denied] == [("-", "Norway and Denmark are not rivals")]
    assert run_json(store, "relations", "--pair", "NOR-DNK", "--type", "depends_on")
    assert run_json(store, "relations", "--pair", "DNK-NOR", "--type", "depends_on") == []


def test_csv_and_bad_pair(store: Path) -> None:
    result = CliRunner().invoke(main, ["--db", str(store), "relations", "--csv"])
    assert result.exit_code == 0 and result.output.startswith("doc,a,b,type,polarity,directed,evidence")
    bad = CliRunner().invoke(main, ["--db", str(store), "relations", "--pair", "NORWAY"])
    assert bad.exit_code != 0 and "two ISO3 codes" in bad.output
