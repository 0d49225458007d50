"""The library mirrors the CLI: every command has its method, with the same options, and docs/python.md runs."""

from __future__ import annotations

import datetime as dt
import inspect
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

import dyad
from dyad.api import Database, evaluate, load_settings
from dyad.errors import CATALOGUE, DyadError, catalogue_markdown
from dyad.present.cli import main
from dyad.present.web.serve import serve
from dyad.records import Claim, DocExtraction, Document, Event, Evidence, Quote
from dyad.store import open_store

ROOT = Path(__file__).resolve().parents[1]
PYTHON_DOC = ROOT / "docs" / "python.md"

# command path -> the library callables that do its work
TWINS: dict[str, list[object]] = {
    "actor": [Database.actor, Database.find_actors, Database.profile],
    "actors": [Database.actors],
    "brief": [Database.brief],
    "claims": [Database.claims],
    "config": [load_settings],
    "contradictions": [Database.contradictions],
    "demo": [Database.demo],
    "documents": [Database.documents],
    "doctor": [Database.doctor, Database.failures],
    "dyads": [Database.dyads, Database.trend, Database.temperature],
    "eval": [evaluate],
    "events": [Database.events],
    "export": [],  # a group: its subcommands are the twins
    "export events": [Database.export_events],
    "export actors": [Database.export_actors],
    "export claims": [Database.export_claims],
    "export documents": [Database.export_documents],
    "export mentions": [Database.export_mentions],
    "export network": [Database.export_network],
    "export quotes": [Database.export_quotes],
    "export relations": [Database.export_relations],
    "export stories": [Database.export_stories],
    "figures": [Database.figures],
    "ingest": [Database.ingest, Database.update_metadata],
    "network": [Database.network, Database.network_edges],
    "quotes": [Database.quotes],
    "relations": [Database.relations],
    "serve": [serve],
    "sources": [Database.sources, Database.story_sources],
    "stories": [Database.stories],
    "summary": [Database.summary],
    "watch": [Database.watch],
    "show": [Database.show],
}
# options that only choose how the CLI prints (or which twin it calls)
PRINTING = {"as_json", "as_csv", "full", "show_edges", "details", "layers", "update_metadata", "show_origin", "kinds", "list_spans"}
# (watch --json only chooses how alerts print)
# a CLI option's destination -> the library parameter it is passed as
RENAMED = {"dyad_text": "dyad", "fmt": "format", "only_single": "single_source", "story_id": "story",
           "report_path": "report", "db_path": "db", "gold": "gold_path"}
RENAMED_IN = {"relations": {"kind": "type"}, "export relations": {"kind": "type"}}


def commands(command: click.Command = main, path: str = "") -> Iterator[tuple[str, click.Command]]:
    if path:
        yield path, command
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            yield from commands(sub, f"{path} {name}".strip())


def test_every_command_has_a_library_twin():
    found = dict(commands())
    assert set(found) == set(TWINS), f"commands without a twin in TWINS: {sorted(set(found) - set(TWINS))}"
    for path, command in found.items():
        if isinstance(command, click.Group):
            continue
        twins = TWINS[path]
        assert twins, f"`dyad {path}` has no library method"
        accepted = {p for twin in twins for p in inspect.signature(twin).parameters}  # type: ignore[arg-type]
        for param in command.params:
            if param.name in PRINTING or param.name is None:
                continue
            name = RENAMED_IN.get(path, {}).get(param.name) or RENAMED.get(param.name, param.name)
            assert name in accepted, f"`dyad {path}` option {param.opts[0]} has no parameter in {twins}"


def test_every_method_is_documented():
    page = PYTHON_DOC.read_text(encoding="utf-8")
    public = [n for n, m in inspect.getmembers(Database, inspect.isfunction) if not n.startswith("_")]
    missing = [n for n in public if f"db.{n}(" not in page]
    assert not missing, f"Database methods missing from docs/python.md: {missing}"
    for path in TWINS:
        assert f"`dyad {path}" in page, f"docs/python.md does not name `dyad {path}`"


def _script() -> str:
    page = PYTHON_DOC.read_text(encoding="utf-8")
    section = page[page.index("## A first script"):]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)  # type: ignore[union-attr]


@pytest.mark.slow
def test_the_documented_script_runs(tmp_path: Path):
    from dyad.examples import example_files

    articles = tmp_path / "articles"
    articles.mkdir()
    for f in example_files():
        shutil.copy(f, articles / f.name)
    (tmp_path / "script.py").write_text(_script(), encoding="utf-8")
    run = subprocess.run([sys.executable, "script.py"], cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert re.search(r"stored \d+ new document\(s\)", run.stdout)
    assert "South Korea -> China" in run.stdout
    assert "wrote brief-KOR-CHN.html" in run.stdout
    page = (tmp_path / "brief-KOR-CHN.html").read_text(encoding="utf-8")
    assert "<svg" in page and 'class="citation"' in page


# -- the library on a small hand-made store ---------------------------------------------


def _write(path: Path) -> None:
    text = "Seoul met Beijing. Kim_Ho said: \"We agreed on 100% of it.\" Trade hit $5 billion."
    doc = Document(id="doc_1", text=text, source="/corpus/one_file.txt", published=dt.date(2031, 3, 2), outlet="Wire")
    ev = Evidence(doc_id=doc.id, start=0, end=18)
    q = text.index("We")
    extraction = DocExtraction(
        doc_id=doc.id, model="hand",
        events=[Event(source="KOR", target="CHN", code="040", root="04", trigger="met", realis=True, evidence=ev,
                      trigger_evidence=Evidence(doc_id=doc.id, start=6, end=9))],
        quotes=[Quote(text="We agreed on 100% of it.", speaker="Kim_Ho", evidence=Evidence(doc_id=doc.id, start=q, end=q + 24))],
        claims=[Claim(value=5e9, unit="USD", evidence=Evidence(doc_id=doc.id, start=60, end=len(text)))],
    )
    with open_store(path) as store:
        store.write(doc, extraction)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    _write(tmp_path / "lib.duckdb")
    with dyad.open(tmp_path / "lib.duckdb", read_only=True) as opened:
        yield opened


def test_listings_return_typed_rows(db: Database):
    (event,) = db.events(source="kor", root="4")
    assert (event.source, event.target, event.code, event.evidence) == ("KOR", "CHN", "040", "Seoul met Beijing.")
    assert (event.trigger_start, event.trigger_end) == (6, 9)
    assert db.events(source=["JPN"]) == [] and db.events(since="2031-04") == [] and db.events(until="2031")
    assert [c.what for c in db.summary()][:2] == ["documents", "actors"]
    assert db.claims(unit="usd")[0].value == 5e9


def test_text_filters_match_literally(db: Database):
    assert [q.speaker for q in db.quotes(speaker="m_h")] == ["Kim_Ho"]
    assert db.quotes(speaker="m%h") == [] and db.quotes(speaker="_") != [] and db.quotes(speaker="%") == []
    assert db.events(doc="doc_") and db.events(doc="doc%") == [] and db.events(doc="one_file.txt")


def test_bad_arguments_are_numbered_errors(db: Database):
    with pytest.raises(DyadError) as err:
        db.events(root="33")
    assert (err.value.code, err.value.param) == ("DY201", "root")
    for call, code in [
        (lambda: db.events(since="March"), "DY202"),
        (lambda: db.stories(dyad="KORCHN"), "DY204"),
        (lambda: db.relations(pair="KOR"), "DY205"),
        (lambda: db.actors(doc="nothing-like-it"), "DY206"),
        (lambda: db.actor("Nobody Atall"), "DY207"),
        (lambda: db.story_sources("no-such-story"), "DY209"),
        (lambda: db.quotes(limit=-1), "DY210"),
        (lambda: db.trend("KOR-CHN", bucket="year"), "DY211"),
        (lambda: db.ingest(["x.txt"]), "DY105"),
    ]:
        with pytest.raises(DyadError, match=code):
            call()


def test_read_only_opens_nothing_new(tmp_path: Path):
    missing = dyad.open(tmp_path / "absent.duckdb", read_only=True)
    with pytest.raises(DyadError, match="DY101"):
        missing.summary()
    assert not (tmp_path / "absent.duckdb").exists()
    _write(tmp_path / "ok.duckdb")
    with dyad.open(tmp_path / "ok.duckdb", read_only=True) as db:
        assert db.store.read_only and db.summary()[0].count == 1


def test_cli_reports_library_errors_with_their_code(tmp_path: Path):
    from click.testing import CliRunner

    _write(tmp_path / "s.duckdb")
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "s.duckdb"), "events", "--root", "33"])
    assert result.exit_code == 2 and "Invalid value for --root: DY201" in result.output
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "none.duckdb"), "summary"])
    assert result.exit_code == 1 and "DY101" in result.output and not (tmp_path / "none.duckdb").exists()


def test_error_catalogue_is_documented():
    assert all(re.fullmatch(r"DY\d{3}", code) for code in CATALOGUE)
    page = ROOT / "docs" / "errors.md"
    assert page.read_text(encoding="utf-8") == catalogue_markdown(), "docs/errors.md is out of date: run `make docs`"
