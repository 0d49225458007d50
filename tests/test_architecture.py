"""The house rules that code review keeps forgetting: SQL only in store/, the store typed everywhere."""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "dyad"
STORE = SRC / "store"

# An SQL statement in a string: a keyword that starts one, then the clause that always follows it.
SQL = re.compile(
    r"\bSELECT\b[\s\S]*\bFROM\b|\bINSERT\s+INTO\b|\bDELETE\s+FROM\b|\bUPDATE\s+\w+\s+SET\b"
    r"|\b(CREATE|DROP|ALTER)\s+(TABLE|INDEX|VIEW)\b|\bJOIN\s+\w+\s+\w*\s*ON\b|\bCOPY\s+\w+\s+(TO|FROM)\b"
)
ALLOWED: set[tuple[str, int]] = set()  # (path, line) of a string that only looks like SQL; keep it empty


def modules_outside_store() -> list[Path]:
    return [p for p in sorted(SRC.rglob("*.py")) if STORE not in p.parents]


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the string nodes that are docstrings (prose may name SQL words)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _strings(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, text) of every string literal; an f-string's literal parts joined with a placeholder."""
    skip = _docstrings(tree)
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value if isinstance(v, ast.Constant) else " x " for v in node.values)
            out.append((node.lineno, text))
            skip.update(id(v) for v in node.values)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            out.append((node.lineno, node.value))
    return out


def test_the_scanner_finds_sql():
    tree = ast.parse('"""Docs: SELECT x FROM y."""\nq = f"SELECT a FROM {t} WHERE b = ?"\nr = "INSERT INTO t VALUES (1)"')
    assert len([t for _, t in _strings(tree) if SQL.search(t)]) == 2
    assert not SQL.search("select the events from the store")  # prose in lower case is not SQL


def test_no_sql_outside_the_store():
    found = []
    for path in modules_outside_store():
        rel = str(path.relative_to(SRC.parent))
        for line, text in _strings(ast.parse(path.read_text(encoding="utf-8"))):
            if SQL.search(text) and (rel, line) not in ALLOWED:
                found.append(f"{rel}:{line}: {' '.join(text.split())[:80]}")
    assert not found, "SQL outside src/dyad/store/:\n" + "\n".join(found)


def test_only_the_store_touches_duckdb():
    found = []
    for path in modules_outside_store():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Attribute) and node.attr == "con":
                names = [".con"]
            elif isinstance(node, ast.Attribute) and node.attr in {"query", "rows"} and "store" in ast.unparse(node.value):
                names = [f".{node.attr}"]
            for name in names:
                if name.split(".")[0] == "duckdb" or name in {".con", ".query", ".rows"}:
                    found.append(f"{path.relative_to(SRC.parent)}:{node.lineno}: {name}")
    assert not found, "duckdb, a connection or raw SQL used outside src/dyad/store/:\n" + "\n".join(found)


def test_the_store_is_typed_wherever_it_is_passed():
    untyped = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for arg in [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]:
                    if arg.arg == "store" and (arg.annotation is None or ast.unparse(arg.annotation) != "Store"):
                        untyped.append(f"{path.relative_to(SRC.parent)}:{node.lineno} {node.name}")
    assert not untyped, "a `store` parameter not typed Store: " + ", ".join(untyped)


def test_ingest_reads_sources_only():
    """ingest/ turns inputs into Documents: it imports no later stage and no orchestration."""
    later = ("dyad.extract", "dyad.store", "dyad.fuse", "dyad.analyse", "dyad.scale", "dyad.run", "dyad.present")
    found = []
    for path in sorted((SRC / "ingest").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(later):
                found.append(f"{path.name}: {node.module}")
            if isinstance(node, ast.Import):
                found += [f"{path.name}: {a.name}" for a in node.names if a.name.startswith(later)]
    assert not found, found
