"""The package's shape: imports point down only (docs/architecture.md).

The import graph is read from the source, every ``import`` statement counted wherever it
is (a function-level import is still an arrow), except those under ``if TYPE_CHECKING:``,
which never run and only name types. The package's ``__init__`` re-exports the public
names lazily, by name, when they are first asked for: the public face over everything,
and not an arrow from the modules that take ``PROG`` or ``__version__`` from it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pmo_advisor

PACKAGE = Path(pmo_advisor.__file__).parent
ROOT = "pmo_advisor"

#: Import circles allowed: none. (A set, so that a failure names the circles found.)
KNOWN_CIRCLES: set[frozenset[str]] = set()

#: Modules allowed over 500 lines: none.
KNOWN_OVERSIZE: set[str] = set()


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _type_only(tree: ast.AST) -> set[int]:
    """The nodes under ``if TYPE_CHECKING:``."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If):
            test = node.test
            name = test.id if isinstance(test, ast.Name) else getattr(test, "attr", "")
            if name == "TYPE_CHECKING":
                for statement in node.body:
                    skipped.update(id(inner) for inner in ast.walk(statement))
    return skipped


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The package's modules that ``name`` imports when it runs."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_only(tree)
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package[: len(package) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.add(full if full in modules else base)
    resolved = set()
    for imported in found:
        # An import of a name inside a module is an arrow to that module.
        while imported and imported not in modules:
            imported = imported.rpartition(".")[0]
        if imported and imported != name and imported.startswith(ROOT):
            resolved.add(imported)
    return resolved


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def _circles(graph: dict[str, set[str]]) -> set[frozenset[str]]:
    """The strongly connected parts of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: set[frozenset[str]] = set()

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for other in sorted(graph[module]):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            part = set()
            while True:
                top = stack.pop()
                on_stack.discard(top)
                part.add(top)
                if top == module:
                    break
            if len(part) > 1:
                circles.add(frozenset(part))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return circles


def test_the_graph_is_read() -> None:
    graph = _graph()
    # A few arrows known to exist, so that an empty graph cannot pass the tests below.
    assert "pmo_advisor.advisor" in graph["pmo_advisor.cli.commands"]
    assert "pmo_advisor.rules" in graph["pmo_advisor.advisor"]
    assert "pmo_advisor.cli.app" in graph["pmo_advisor.cli.main"]


def test_a_circle_is_found() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _circles(graph) == {frozenset({"a", "b", "c"})}


def test_no_import_circle_but_the_known_ones() -> None:
    assert _circles(_graph()) == KNOWN_CIRCLES


def test_nothing_imports_the_cli() -> None:
    allowed = ("pmo_advisor.cli", "pmo_advisor.__main__")
    importers = {
        module
        for module, imported in _graph().items()
        if not module.startswith(allowed) and any(i.startswith("pmo_advisor.cli") for i in imported)
    }
    assert importers == set()


def test_only_the_skins_import_the_advisor() -> None:
    # The rules, team mode, the renderers and the knowledge base are below the Advisor.
    skins = ("pmo_advisor.cli", "pmo_advisor.api", "pmo_advisor.scale")
    importers = {
        module
        for module, imported in _graph().items()
        if "pmo_advisor.advisor" in imported and not module.startswith(skins)
    }
    assert importers == set()


def test_no_module_over_500_lines_but_the_known_ones() -> None:
    sizes = {
        name: len(path.read_text(encoding="utf-8").splitlines())
        for name, path in _modules().items()
    }
    assert {name for name, size in sizes.items() if size > 500} == KNOWN_OVERSIZE
