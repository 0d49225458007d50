"""The house stays easy to live in: no import cycle among dyad's modules, small modules under extract/.

Imports are read with `ast`, not by importing, so a cycle is found even where Python would
tolerate it at run time. Every import counts: module level, inside functions (a lazy import
still ties the two modules together) and under `if TYPE_CHECKING:` (a type-only cycle is the
same tangle for a reader). `from package import name` counts as an import of the submodule
`package.name` when there is one, else of the package.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "dyad"
EXTRACT_MAX_LINES = 400


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def is_package(path: Path) -> bool:
    return path.name == "__init__.py"


def imported(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The dyad modules one module imports, wherever the import statement sits."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    here = name if is_package(path) else name.rpartition(".")[0]  # the package relative imports start from
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = here.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:  # "import dyad.x.y.z" of a name inside a module
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph() -> nx.DiGraph:
    known = modules()
    graph = nx.DiGraph()
    for name, path in known.items():
        graph.add_node(name)
        for target in imported(name, path, known):
            graph.add_edge(name, target)
    return graph


def test_the_graph_sees_the_imports() -> None:
    graph = import_graph()
    assert graph.has_edge("dyad.extract.pipeline", "dyad.extract.registry")
    assert graph.has_edge("dyad.extract.pipeline", "dyad.extract.actors.component")  # a function-level import
    assert graph.has_edge("dyad.fuse.actors", "dyad.extract.actors.names")


def test_no_import_cycle() -> None:
    graph = import_graph()
    cycles = [sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1]
    assert not cycles, "modules that import each other (directly or round a loop): " + "; ".join(
        " <-> ".join(c) for c in cycles
    )


def test_a_cycle_would_be_found(tmp_path: Path) -> None:
    """The reader itself: a function-level import back into the importer closes a loop."""
    a, b = tmp_path / "a.py", tmp_path / "b.py"
    a.write_text("from dyad.b import thing\n", encoding="utf-8")
    b.write_text("def f():\n    from dyad import a\n    return a\n", encoding="utf-8")
    known = {"dyad.a": a, "dyad.b": b}
    assert imported("dyad.a", a, known) == {"dyad.b"}
    assert imported("dyad.b", b, known) == {"dyad.a"}


def test_extract_modules_stay_small() -> None:
    big = {
        str(p.relative_to(SRC)): n
        for p in sorted((PACKAGE / "extract").rglob("*.py"))
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > EXTRACT_MAX_LINES
    }
    assert not big, f"modules under extract/ over {EXTRACT_MAX_LINES} lines (split them along a seam): {big}"


def test_every_extract_folder_is_a_package() -> None:
    """A folder without __init__.py is left out of a built wheel."""
    missing = [
        str(d.relative_to(SRC))
        for d in [PACKAGE / "extract", *(PACKAGE / "extract").rglob("*")]
        if d.is_dir() and d.name != "__pycache__" and not (d / "__init__.py").is_file()
    ]
    assert not missing, f"folders without __init__.py: {missing}"
