"""Hostile article text reaches no terminal, spreadsheet or Markdown renderer as anything but text."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt

import dyad
from dyad.present.cli import main
from dyad.present.safe import for_terminal, json_text, markdown_text, one_line, spreadsheet_cell
from dyad.records import Claim, DocExtraction, Document, Event, Evidence, Quote
from dyad.store import open_store

ESC = "\x1b]0;owned\x07\x1b[2J\x1b[31m"
SENTENCE = f"=HYPERLINK(\"http://x\") Seoul[/] met {ESC}Beijing\u202e[bold]."
QUOTE = "<script>alert(1)</script> [click](javascript:alert(1)) <img src=x onerror=alert(2)>"
TEXT = f"{SENTENCE} Kim said: \"{QUOTE}\" Trade hit $5 billion. @SUM(A1) +1 -2"


def _store(path: Path) -> None:
    doc = Document(id="doc_1", text=TEXT, source="in/a\x1b[2J[/].txt", published=dt.date(2031, 3, 2),
                   outlet="<b>Wire</b>", title="[/]=cmd")
    first = Evidence(doc_id=doc.id, start=0, end=len(SENTENCE))
    met = SENTENCE.index("met")
    q = TEXT.index(QUOTE)
    extraction = DocExtraction(
        doc_id=doc.id, model="hand",
        events=[Event(source="KOR", target="CHN", code="040", root="04", trigger="met", realis=True, evidence=first,
                      trigger_evidence=Evidence(doc_id=doc.id, start=met, end=met + 3), goldstein=-2.0)],
        quotes=[Quote(text=QUOTE, speaker="Kim<script>", evidence=Evidence(doc_id=doc.id, start=q, end=q + len(QUOTE)))],
        claims=[Claim(value=float("inf"), unit="USD", actors=["KOR"],
                      evidence=Evidence(doc_id=doc.id, start=TEXT.index("Trade"), end=TEXT.index("@") - 1))],
    )
    with open_store(path) as store:
        store.write(doc, extraction)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    _store(tmp_path / "s.duckdb")
    return tmp_path / "s.duckdb"


def cli(db: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["--db", str(db), *args], env={"COLUMNS": "2000"})
    assert result.exit_code == 0, result.output
    return result.output


def test_helpers_escape_what_a_terminal_would_obey() -> None:
    assert for_terminal("a\x1b[31mb\x9bc\u202ed\x7f\nok") == "a\\x1b[31mb\\x9bc\\u202ed\\x7f\nok"
    assert one_line("two\nlines\tand\rmore") == "two\\nlines\\tand\\x0dmore"
    assert json.loads(json_text(json.dumps("x\u202ey\x9b", ensure_ascii=False))) == "x\u202ey\x9b"
    assert [spreadsheet_cell(v) for v in ["=1+1", "+1", "-x", "@A1", "\tx", "ok", -2.0, 3]] == [
        "'=1+1", "'+1", "'-x", "'@A1", "'\\x09x".replace("\\x09", "\t"), "ok", -2.0, 3]
    assert markdown_text("a <b> [c](d) *e* `f` & g |") == "a \\<b\\> \\[c\\](d) \\*e\\* \\`f\\` \\& g \\|"


@pytest.mark.parametrize("command", [["events"], ["quotes"], ["claims"], ["summary"], ["doctor"]])
def test_tables_show_control_characters_and_markup_as_text(db_path: Path, command: list[str]) -> None:
    out = cli(db_path, *command)
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
    if command[0] in ("events", "quotes"):
        assert "[/]" in out or "[bold]" in out or "javascript" in out  # markup shown, not read


def test_json_has_no_infinity_and_no_raw_controls(db_path: Path) -> None:
    out = cli(db_path, "claims", "--json")

    def refuse(name: str) -> None:
        raise AssertionError(f"JSON with {name}")

    [claim] = json.loads(out, parse_constant=refuse)
    assert claim["value"] is None
    events = cli(db_path, "events", "--json")
    assert "\x1b" not in events and "\u202e" not in events
    assert ESC in json.loads(events)[0]["evidence"], "nothing is lost: a JSON reader gets the text back"


def test_csv_and_gdelt_cells_cannot_start_a_formula(db_path: Path, tmp_path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(cli(db_path, "events", "--csv"))))
    assert rows[0]["evidence"].startswith("'=HYPERLINK") and rows[0]["goldstein"] == "-2.0"
    for fmt in ("csv", "gdelt"):
        out = tmp_path / f"events.{fmt}"
        cli(db_path, "export", "events", "--format", fmt, "-o", str(out))
        cells = [c for row in csv.reader(out.open(encoding="utf-8"), delimiter="\t" if fmt == "gdelt" else ",") for c in row]
        assert not [c for c in cells if c[:1] in ("=", "+", "@")], cells
        assert not any("\x1b" in c for c in cells)
    assert "-2.0" in out.read_text(encoding="utf-8"), "a negative number stays a number"


def test_a_limit_too_large_for_sql_is_no_limit(db_path: Path) -> None:
    assert "met" in cli(db_path, "events", "--limit", "12345678901234567890123")


def test_markdown_brief_passes_no_html_to_a_commonmark_renderer(db_path: Path, tmp_path: Path) -> None:
    with dyad.open(db_path, read_only=True) as db:
        [page, *_] = db.brief("KOR-CHN", output=tmp_path / "brief.md")
    source = page.read_text(encoding="utf-8")
    assert "alert(1)" in source, "the brief should quote the hostile sentence"
    html = MarkdownIt("commonmark").render(source)
    assert "<script" not in html and "<b>" not in html
    assert [tag for tag in re.findall(r"<img [^>]*>", html) if "brief-trend.png" not in tag] == []
    assert 'href="javascript' not in html and "<a " not in html
    assert "&lt;script&gt;" in html, "the quoted words are shown as text"
