"""The CAMEO code table and the trigger coverage report: every 3-digit code present, covered, documented."""

from __future__ import annotations

from pathlib import Path

from dyad.evaluate.coverage import code_names, render, rows, summary
from dyad.extract.events.lexicon import code_table, lexicon

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "cameo-coverage.md"

# the last 3-digit code of each CAMEO root (root 01 runs 010..019, root 02 020..028, ...)
LAST_CODE = {1: 9, 2: 8, 3: 9, 4: 6, 5: 7, 6: 4, 7: 5, 8: 7, 9: 4, 10: 8, 11: 6, 12: 9, 13: 9, 14: 5,
             15: 4, 16: 6, 17: 5, 18: 6, 19: 6, 20: 4}
CAMEO_CODES = {f"{root:02d}{i}" for root, last in LAST_CODE.items() for i in range(last + 1)}


def test_coverage_page_is_current() -> None:
    assert PAGE.is_file(), "docs/cameo-coverage.md is missing: run `make docs`"
    assert PAGE.read_text(encoding="utf-8") == render(), (
        "docs/cameo-coverage.md is out of date: run `python -m dyad.evaluate.coverage docs/cameo-coverage.md`"
    )


def test_code_table_has_every_cameo_3_digit_code_and_no_other() -> None:
    assert len(CAMEO_CODES) == 147
    assert set(code_names()) == CAMEO_CODES
    assert {c for c in code_table() if len(c) == 3} == CAMEO_CODES


def test_standard_goldstein_weights_and_plover_types() -> None:
    table = code_table()
    expected = {"016": -2.0, "165": -6.5, "057": 8.0, "130": -4.4, "138": -7.0, "163": -8.0, "175": -9.0}
    for code, weight in expected.items():
        assert table[code].goldstein == weight, code
    assert table["175"].plover == "ASSAULT" and table["191"].plover == "COERCE" and table["084"].plover == "RETREAT"
    assert table["081"].plover == "CONCEDE" and table["025"].plover == "REQUEST" and table["010"].plover is None


def test_every_code_has_triggers_or_a_reason() -> None:
    table = rows()
    bare = [r.code for r in table if not r.total and not r.reason]
    assert not bare, f"CAMEO codes with no trigger and no reason: {bare}"
    assert all(r.reason for r in table if not r.total)
    covered = {e.code for group in lexicon().values() for e in group}
    assert {r.code for r in table if r.total} == covered


def test_summary_counts_what_the_rows_hold() -> None:
    table = rows()
    line = summary(table)
    covered = sum(1 for r in table if r.total)
    assert line.startswith(f"**{covered} of 147 CAMEO 3-digit codes have triggers**")
    assert f"{sum(r.counts['verb'] for r in table)} verb" in line
    assert covered >= 146


def test_the_page_lists_each_code_once_with_its_name() -> None:
    page = render()
    for code, name in code_names().items():
        assert page.count(f"| {code} | {name} |") == 1, code
