"""The catalogue of numbered error messages, shared by the library, the CLI and the web app.

Every problem a user can cause (a missing store, a malformed option, a file that
cannot be read) is raised as a `DyadError` carrying one of the codes below, so the
same mistake reads the same everywhere and a code can be looked up in
docs/errors.md. Codes never change meaning; a retired code is not reused.

DY1xx: the store and the settings. DY2xx: what a query asks for. DY3xx: ingesting.
DY4xx: briefs, reports and exports. DY5xx: evaluation. DY6xx: the web app.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ErrorCode:
    """One entry of the catalogue: its code, a short title and the message template."""

    code: str
    title: str
    template: str
    usage: bool = False  # a mistake in how the command was called (the CLI exits 2 and shows usage)

    def __call__(self, param: str | None = None, **fields: Any) -> DyadError:
        """The error, with the template filled in; `param` names the option or argument at fault."""
        return DyadError(self, self.template.format(**fields), param)


class DyadError(Exception):
    """A problem the user can fix, with its catalogue code."""

    def __init__(self, entry: ErrorCode, message: str, param: str | None = None) -> None:
        super().__init__(f"{entry.code} {message}")
        self.entry = entry
        self.code = entry.code
        self.message = message
        self.param = param  # the library's parameter name, e.g. "since"; the CLI shows it as --since

    def as_dict(self) -> dict[str, str | None]:
        """What a JSON API returns for it."""
        return {"code": self.code, "title": self.entry.title, "message": self.message, "param": self.param}


CATALOGUE: dict[str, ErrorCode] = {}


def _entry(code: str, title: str, template: str, usage: bool = False) -> ErrorCode:
    if code in CATALOGUE:
        raise ValueError(f"error code {code} defined twice")
    CATALOGUE[code] = ErrorCode(code, title, template, usage)
    return CATALOGUE[code]


# -- DY1xx: the store and the settings ----------------------------------------------------

NO_STORE = _entry("DY101", "no store yet", "{path}: no store yet; run `dyad ingest` first")
SCHEMA_NEWER = _entry(
    "DY102", "store from a newer dyad",
    "{path}: store schema version {found} is newer than this dyad ({supported}); upgrade dyad",
)
SCHEMA_OLDER = _entry(
    "DY103", "store needs migrating",
    "{path}: store schema version {found} is older than this dyad's ({supported}); "
    "open it once for writing (e.g. `dyad ingest`) to migrate it",
)
NOT_A_STORE = _entry("DY104", "not a dyad store", "{path}: not a dyad store ({problem})")
STORE_READ_ONLY = _entry("DY105", "store opened read-only", "{path}: opened read-only; open it for writing to {action}")
CONFIG_MISSING = _entry("DY106", "config file not found", "{path}: config file not found")
BAD_SETTINGS = _entry("DY107", "invalid settings", "invalid settings: {problem}")
OVERRIDES_MISSING = _entry("DY108", "overrides file not found", "{path}: overrides file not found")
BAD_OVERRIDES = _entry("DY109", "invalid overrides file", "{path}: {problem}")
STORE_BUSY = _entry(
    "DY110", "store busy",
    "{path}: still in use by {holder} after {seconds} s; try again when it is done, or raise lock_wait",
)

# -- DY2xx: what a query asks for -----------------------------------------------------------

BAD_ROOT = _entry("DY201", "not a CAMEO root", "{value!r} is not a CAMEO root (01..20)", usage=True)
BAD_DATE = _entry("DY202", "not a date", "{value!r} is not YYYY, YYYY-MM or YYYY-MM-DD", usage=True)
BAD_DAY = _entry("DY203", "not a day", "{value!r} is not a day (YYYY-MM-DD)", usage=True)
BAD_DYAD = _entry("DY204", "not a dyad", "{value!r}: a dyad is two ISO 3166 alpha-3 codes, e.g. KOR-CHN", usage=True)
BAD_PAIR = _entry("DY205", "not a pair of states", "{value!r}: give two ISO3 codes, e.g. KOR-CHN", usage=True)
NO_DOCUMENT = _entry("DY206", "no such document", "no stored document matches {value!r}", usage=True)
NO_ACTOR = _entry("DY207", "no such actor", "no actor named {value!r}; try `dyad actors` to see the names")
SEVERAL_ACTORS = _entry("DY208", "several actors fit", "{count} actors fit {value!r}; give one of their ids")
NO_STORY = _entry("DY209", "no such story", "{value}: no such story in this scope; see `dyad stories`")
BAD_LIMIT = _entry("DY210", "negative limit", "{value} is not a limit (0 or more)", usage=True)
BAD_CHOICE = _entry("DY211", "not one of the choices", "{value!r} is not one of {choices}", usage=True)
BAD_COUNTRY = _entry("DY212", "unknown country", "{value!r} is not an ISO 3166 country code{hint}", usage=True)

# -- DY3xx: ingesting -------------------------------------------------------------------------

NO_INPUTS = _entry(
    "DY301", "nothing to ingest", "give at least one input (file, folder, URL or -), or --manifest", usage=True
)
BAD_ENGINE = _entry("DY302", "unknown engine", "unknown engine {value!r} (choose from {choices})", usage=True)
BAD_WORKERS = _entry("DY303", "too few workers", "workers must be at least 1", usage=True)
SCHEDULER_NEEDS_DASK = _entry("DY304", "scheduler without Dask", "--scheduler needs --engine dask", usage=True)

# -- DY4xx: briefs, reports and exports -------------------------------------------------------

PARQUET_NEEDS_FILE = _entry("DY401", "Parquet needs a file", "--format parquet needs -o FILE", usage=True)
BAD_FORMAT = _entry("DY402", "unknown format", "format must be one of {choices}, not {value!r}", usage=True)

# -- DY5xx: evaluation ------------------------------------------------------------------------

EVAL_NEEDS_CORPUS = _entry("DY501", "no corpus to score", "give --corpus, or --db naming an existing store", usage=True)
BAD_GOLD = _entry("DY502", "gold file unreadable", "{problem}")

# -- DY6xx: the web app -------------------------------------------------------------------------

NO_PAGE = _entry("DY601", "no such page", "{path}: no such page; / lists the pages and /-/docs the API")
BAD_REQUEST = _entry("DY602", "malformed request", "{problem}", usage=True)
METHOD_NOT_ALLOWED = _entry("DY603", "method not allowed", "{method} is not allowed on {path}")


def catalogue_markdown() -> str:
    """docs/errors.md: every code with its title and message."""
    lines = [
        "# dyad error messages",
        "",
        "Generated from `src/dyad/errors.py` by `python -m dyad.present.clidoc --errors docs/errors.md`",
        "(run `make docs`); do not edit by hand.",
        "",
        "Every problem a user can fix is reported with a code, the same in the command line, the",
        "Python library (`dyad.DyadError`, with `.code`, `.message` and `.param`) and the web app.",
        "`{...}` in a message stands for the value at fault. On the command line an error marked",
        "*usage* is a mistake in how the command was called: dyad prints the usage line and exits",
        "with status 2; the others exit with status 1.",
        "",
        "| code | what | message | kind |",
        "| --- | --- | --- | --- |",
    ]
    for entry in CATALOGUE.values():
        message = entry.template.replace("|", "\\|").replace("!r}", "}")
        lines.append(f"| `{entry.code}` | {entry.title} | {message} | {'usage' if entry.usage else 'error'} |")
    return "\n".join(lines) + "\n"
