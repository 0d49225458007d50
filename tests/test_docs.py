"""The docs are current: the CLI reference, a page per command, the schema tables, the links."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dyad.present.clidoc import SCHEMA_BEGIN, SCHEMA_END, render, render_schema, top_level_commands
from dyad.store.fusion_tables import FUSION_TABLES
from dyad.store.schema import EXTRACTION_TABLES

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def test_cli_reference_is_current() -> None:
    page = DOCS / "cli.md"
    assert page.is_file(), "docs/cli.md is missing: run `make docs`"
    assert page.read_text(encoding="utf-8") == render(), "docs/cli.md is out of date: run `make docs`"


def test_cli_reference_ignores_terminal_width(monkeypatch: pytest.MonkeyPatch) -> None:
    wide = render()
    monkeypatch.setenv("COLUMNS", "40")
    assert render() == wide


def test_cli_reference_covers_every_command() -> None:
    page = render()
    for name in top_level_commands():
        assert f"## `dyad {name}`" in page


def test_every_command_has_a_page() -> None:
    missing = [f"docs/commands/{name}.md" for name in top_level_commands() if not (DOCS / "commands" / f"{name}.md").is_file()]
    assert not missing, "commands without a page: " + ", ".join(missing)


def test_schema_tables_are_current() -> None:
    page = (DOCS / "schema.md").read_text(encoding="utf-8")
    block = page[page.index(SCHEMA_BEGIN) : page.index(SCHEMA_END) + len(SCHEMA_END)]
    assert block == render_schema(), (
        "docs/schema.md is out of date: run `python -m dyad.present.clidoc --schema docs/schema.md`"
    )


def test_schema_page_explains_every_table() -> None:
    page = (DOCS / "schema.md").read_text(encoding="utf-8")
    explained = set(re.findall(r"^\| `(\w+)` \| one ", page, re.M))
    expected = {"documents", "doc_minhash", "schema_version", *EXTRACTION_TABLES, *FUSION_TABLES}
    assert not expected - explained, f"tables without a meaning in docs/schema.md: {sorted(expected - explained)}"


def test_readme_gives_the_two_setup_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme


def test_relative_links_resolve() -> None:
    pages = [ROOT / "README.md", *DOCS.rglob("*.md")]
    broken = []
    for page in pages:
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            if not (page.parent / target).exists():
                broken.append(f"{page.relative_to(ROOT)} -> {target}")
    assert not broken, broken
