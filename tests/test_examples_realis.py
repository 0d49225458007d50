"""`dyad events --realis` on the embedded corpus lists nothing that its text only plans or imagines."""

from __future__ import annotations

from click.testing import CliRunner

from dyad.examples import example_files
from dyad.present.cli import main

PREVIEW = "05-lee-visit-preview.md"  # the article written almost wholly in plans and conditions


def _events(db: str, *flags: str) -> list[dict]:
    import json

    result = CliRunner().invoke(main, ["--db", db, "-q", "events", "--json", *flags])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_preview_plans_are_never_listed_as_facts(tmp_path, nlp):
    db = str(tmp_path / "ex.duckdb")
    preview = next(str(p) for p in example_files() if p.name == PREVIEW)
    assert CliRunner().invoke(main, ["--db", db, "-q", "ingest", preview]).exit_code == 0

    every = _events(db, "--all")
    facts = _events(db)
    planned = [e for e in every if not e["realis"]]
    # the visit, the banquet, the meetings, the appeal to Xi and the agreements are all still ahead
    assert len(planned) >= 4, every
    assert not [e for e in facts if e["root"] in {"02", "03", "04", "05", "06"}], facts
    assert all(e["realis"] for e in facts)
