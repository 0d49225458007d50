"""`dyad doctor`: whether a store is whole, and the repairs that are safe to make.

A check is a function of the store that returns the problems it finds,
registered by name with `check`; a check may name a repair, run by
`dyad doctor --repair`. Stages that keep tables of their own (fusion's stored
tables) register their checks the same way, from their own module:

    from dyad.store.doctor import Problem, check

    @check("stories", "every story mention points at a stored event", repair=delete_dangling)
    def dangling_mentions(store: Store) -> list[Problem]: ...

The built-in checks: the schema version and every table and column; rows
whose document is gone (orphans); references inside a document (an event's,
a mention's or a quote's actor key); duplicate rows; every evidence span
inside its document's text, and the words a row repeats equal to the text at
its offsets; the documents' sizes; failures of documents that are stored now.
A repair never invents data: it deletes what points nowhere, clears a link to
a document that is gone, or drops a document whose rows are broken and records
it in `failures`, so the next ingest of its source stores it again whole.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from dyad.store.db import Store
from dyad.store.schema import EXTRACTION_TABLES, SCHEMA_VERSION, evidence_columns, table_columns

SHOWN = 5  # document ids named in one problem's message

# (table, column holding words, start column, end column): rows that repeat the words they cite
REPEATED_WORDS = [
    ("entities", "text", "start", "end"),
    ("mentions", "text", "start", "end"),
    ("events", "trigger", "trigger_evidence_start", "trigger_evidence_end"),
    ("quotes", "text", "start", "end"),
]
# (table, column, what it names): actor keys that must name an actor of the same document
ACTOR_KEYS = [
    ("events", "source_actor"),
    ("events", "target_actor"),
    ("mentions", "actor_key"),
    ("quotes", "speaker_actor"),
]


@dataclass(frozen=True)
class Problem:
    """What a check found: one line, the rows it concerns, the documents at fault (if a repair drops them)."""

    check: str
    message: str
    rows: int = 0
    docs: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {"check": self.check, "message": self.message, "rows": self.rows, "docs": list(self.docs)}


Find = Callable[[Store], list[Problem]]
Repair = Callable[[Store, list[Problem]], str]


@dataclass(frozen=True)
class Check:
    name: str
    what: str  # what the check makes sure of, for `dyad doctor --json` and the docs
    find: Find
    repair: Repair | None = None


CHECKS: dict[str, Check] = {}


def check(name: str, what: str, repair: Repair | None = None) -> Callable[[Find], Find]:
    """Register the decorated function as the doctor's check `name` (with its safe repair, if any)."""

    def register(find: Find) -> Find:
        CHECKS[name] = Check(name, what, find, repair)
        return find

    return register


@dataclass
class Diagnosis:
    """What `dyad doctor` found: the schema version, the problems, and what `--repair` did."""

    version: int | None
    expected: int = SCHEMA_VERSION
    problems: list[Problem] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    failed_documents: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def _ids(rows: Iterable[dict[str, object]], key: str = "doc_id") -> tuple[str, ...]:
    return tuple(sorted({str(r[key]) for r in rows}))


def _named(ids: tuple[str, ...]) -> str:
    shown = ", ".join(i[:12] for i in ids[:SHOWN])
    return shown + (f" and {len(ids) - SHOWN} more" if len(ids) > SHOWN else "")


def _at_fault(check: str, what: str, rows: list[dict[str, object]]) -> list[Problem]:
    """One problem naming the documents of these rows ("what: doc, doc ..."), or none when there are no rows."""
    if not rows:
        return []
    ids = _ids(rows)
    return [Problem(check, f"{what}: {_named(ids)}", len(rows), ids)]


def run_checks(store: Store, names: Iterable[str] | None = None) -> list[Problem]:
    """The problems every registered check (or those named) finds; a check that cannot run is a problem too."""
    problems: list[Problem] = []
    with store.reading():
        for name in names or list(CHECKS):
            try:
                problems += CHECKS[name].find(store)
            except Exception as exc:  # a table it reads is missing or malformed: the schema check says which
                problems.append(Problem(name, f"the check could not run: {type(exc).__name__}: {exc}"))
    return problems


def repair(store: Store, problems: list[Problem]) -> list[str]:
    """Run the repair of every check that found something; what each did."""
    by_repair: dict[Repair, list[Problem]] = {}  # one run of each repair, e.g. one drop for every broken document
    for p in problems:
        fix = CHECKS[p.check].repair if p.check in CHECKS else None
        if fix is not None:
            by_repair.setdefault(fix, []).append(p)
    return [fix(store, found) for fix, found in by_repair.items()]


def diagnose(store: Store, fix: bool = False) -> Diagnosis:
    """Run every check; with `fix`, run the repairs of what was found and check again."""
    found = run_checks(store)
    done = repair(store, found) if fix and found else []
    if done:
        # a repair can leave work for a check that was clean before (dropped documents leave the fusion
        # tables to refresh): one more round, for those checks only
        first = {p.check for p in found}
        later = [p for p in run_checks(store) if p.check not in first]
        done += repair(store, later) if later else []
    with store.reading():
        problems = run_checks(store) if done else found
        version = store.rows("SELECT max(version) AS v FROM schema_version")[0]["v"]
        failed = int(store.rows("SELECT count(*) AS n FROM failures")[0]["n"])
    return Diagnosis(version, problems=problems, repaired=done, failed_documents=failed)


# -- repairs -------------------------------------------------------------------------------


def drop_documents(store: Store, reasons: dict[str, str]) -> int:
    """Delete documents and every row of theirs, and record each in `failures` so that a re-run stores it again."""
    if not reasons:
        return 0
    ids = sorted(reasons)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with store.transaction() as con:
        known = {
            r[0]: (r[1], r[2])
            for r in con.execute("SELECT id, source, title FROM documents WHERE id IN (SELECT unnest(?))", [ids]).fetchall()
        }
        for table in EXTRACTION_TABLES:
            con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?))", [ids])
        con.execute("DELETE FROM doc_minhash WHERE doc_id IN (SELECT unnest(?))", [ids])
        con.execute("DELETE FROM documents WHERE id IN (SELECT unnest(?))", [ids])
        con.execute(
            "UPDATE documents SET near_copy_of = NULL, near_copy_score = NULL WHERE near_copy_of IN (SELECT unnest(?))",
            [ids],
        )
        for doc_id, (source, title) in known.items():
            con.execute(
                "INSERT INTO failures VALUES (?, ?, ?, 'doctor', ?, '', 1, ?, ?) ON CONFLICT (doc_id) DO UPDATE SET "
                "stage = 'doctor', reason = excluded.reason, attempts = failures.attempts + 1, "
                "last_failed = excluded.last_failed",
                [doc_id, source, title, f"dropped by dyad doctor --repair: {reasons[doc_id]}", now, now],
            )
    return len(known)


def _drop_at_fault(store: Store, problems: list[Problem]) -> str:
    reasons = {doc_id: p.message.split(":")[0] for p in problems for doc_id in p.docs}
    n = drop_documents(store, reasons)
    return f"dropped {n} document(s) with broken rows; ingest their sources again to store them whole"


def _delete_orphans(store: Store, problems: list[Problem]) -> str:
    with store.transaction() as con:
        for table in [*EXTRACTION_TABLES, "doc_minhash"]:
            con.execute(f"DELETE FROM {table} WHERE doc_id NOT IN (SELECT id FROM documents)")
    return f"deleted {sum(p.rows for p in problems)} row(s) of documents that are not stored"


def _clear_dead_links(store: Store, problems: list[Problem]) -> str:
    with store.transaction() as con:
        con.execute(
            "UPDATE documents SET near_copy_of = NULL, near_copy_score = NULL "
            "WHERE near_copy_of IS NOT NULL AND near_copy_of NOT IN (SELECT id FROM documents)"
        )
    return f"cleared {sum(p.rows for p in problems)} near-copy link(s) to documents that are not stored"


def _recount(store: Store, problems: list[Problem]) -> str:
    with store.transaction() as con:
        con.execute("UPDATE documents SET n_chars = length(text) WHERE n_chars IS DISTINCT FROM length(text)")
    return f"recounted the characters of {sum(p.rows for p in problems)} document(s)"


def _forget_stored_failures(store: Store, problems: list[Problem]) -> str:
    with store.transaction() as con:
        con.execute("DELETE FROM failures WHERE doc_id IN (SELECT id FROM documents)")
    return f"removed {sum(p.rows for p in problems)} failure(s) of documents stored since"


# -- the built-in checks ------------------------------------------------------------------


@check("schema", "the schema version is this dyad's and every table has its columns")
def schema(store: Store) -> list[Problem]:
    found = store.rows("SELECT max(version) AS v FROM schema_version")[0]["v"]
    problems = []
    if found != SCHEMA_VERSION:
        problems.append(Problem("schema", f"schema version {found}, this dyad's is {SCHEMA_VERSION}"))
    have: dict[str, dict[str, str]] = {}
    for r in store.rows("SELECT table_name, column_name, data_type FROM information_schema.columns"):
        have.setdefault(r["table_name"], {})[r["column_name"]] = r["data_type"]
    for table, cols in table_columns().items():
        if table not in have:
            problems.append(Problem("schema", f"table {table} is missing"))
            continue
        missing = [c for c, _ in cols if c not in have[table]]
        if missing:
            problems.append(Problem("schema", f"table {table} lacks column(s) {', '.join(missing)}"))
    return problems


@check("orphans", "every row belongs to a stored document", repair=_delete_orphans)
def orphans(store: Store) -> list[Problem]:
    problems = []
    for table in [*EXTRACTION_TABLES, "doc_minhash"]:
        rows = store.rows(f"SELECT doc_id, count(*) AS n FROM {table} WHERE doc_id NOT IN (SELECT id FROM documents) GROUP BY doc_id")
        if rows:
            n = sum(int(r["n"]) for r in rows)
            problems.append(Problem("orphans", f"{n} row(s) of {table} belong to no stored document: {_named(_ids(rows))}", n))
    return problems


@check("near copies", "every near-copy link points at a stored document", repair=_clear_dead_links)
def near_copy_links(store: Store) -> list[Problem]:
    rows = store.rows(
        "SELECT id AS doc_id FROM documents WHERE near_copy_of IS NOT NULL AND near_copy_of NOT IN (SELECT id FROM documents)"
    )
    if not rows:
        return []
    return [Problem("near copies", f"{len(rows)} document(s) are near-copies of documents not stored: {_named(_ids(rows))}", len(rows))]


@check("actor keys", "every actor key names an actor of the same document", repair=_drop_at_fault)
def actor_keys(store: Store) -> list[Problem]:
    problems = []
    for table, column in ACTOR_KEYS:
        rows = store.rows(
            f"SELECT t.doc_id FROM {table} t WHERE t.{column} IS NOT NULL AND NOT EXISTS "
            f"(SELECT 1 FROM actors a WHERE a.doc_id = t.doc_id AND a.key = t.{column})"
        )
        problems += _at_fault("actor keys", f"{table}.{column} names no actor of its document", rows)
    return problems


@check("duplicates", "no row is stored twice", repair=_drop_at_fault)
def duplicates(store: Store) -> list[Problem]:
    problems = []
    keyed = [(t, "idx") for t in EXTRACTION_TABLES] + [("actors", "key")]
    for table, key in keyed:
        rows = store.rows(f'SELECT doc_id, "{key}", count(*) AS n FROM {table} GROUP BY doc_id, "{key}" HAVING count(*) > 1')
        problems += _at_fault("duplicates", f"{table}: rows with the same {key} twice", rows)
    rows = store.rows("SELECT id AS doc_id FROM documents GROUP BY id HAVING count(*) > 1")
    return problems + _at_fault("duplicates", "documents stored twice", rows)


@check("spans", "every evidence span lies inside its document and repeats its words exactly", repair=_drop_at_fault)
def spans(store: Store) -> list[Problem]:
    problems = []
    for table, (record, _) in EXTRACTION_TABLES.items():
        for start, end in evidence_columns(record):
            rows = store.rows(
                f'SELECT t.doc_id FROM {table} t JOIN documents d ON d.id = t.doc_id WHERE t."{start}" IS NOT NULL AND '
                f'NOT (t."{start}" >= 0 AND t."{start}" <= t."{end}" AND t."{end}" <= length(d.text))'
            )
            problems += _at_fault("spans", f"{table}.{start}..{end} outside the text", rows)
    for table, words, start, end in REPEATED_WORDS:
        rows = store.rows(
            f'SELECT t.doc_id FROM {table} t JOIN documents d ON d.id = t.doc_id WHERE t."{start}" IS NOT NULL AND '
            f't."{words}" IS DISTINCT FROM substr(d.text, t."{start}" + 1, t."{end}" - t."{start}")'
        )
        problems += _at_fault("spans", f"{table}.{words} differs from the text at its offsets", rows)
    return problems


@check("sizes", "each document's character count is the length of its text", repair=_recount)
def sizes(store: Store) -> list[Problem]:
    rows = store.rows("SELECT id AS doc_id FROM documents WHERE n_chars IS DISTINCT FROM length(text)")
    if not rows:
        return []
    return [Problem("sizes", f"n_chars is not the length of the text: {_named(_ids(rows))}", len(rows))]


@check("failures", "no document is both stored and listed as failed", repair=_forget_stored_failures)
def stored_failures(store: Store) -> list[Problem]:
    rows = store.rows("SELECT doc_id FROM failures WHERE doc_id IN (SELECT id FROM documents)")
    if not rows:
        return []
    return [Problem("failures", f"stored documents still listed as failed: {_named(_ids(rows))}", len(rows))]
