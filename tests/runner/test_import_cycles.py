"""Imports in ``conformance/`` run one way: a static check that no module imports itself back.

Every ``import`` and ``from ... import`` is read with :mod:`ast`, the ones inside
functions included (a lazy import still closes a cycle, it only hides it until
run time), and the graph of the package's modules is searched for cycles.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Set

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "conformance"

Graph = Dict[str, Set[str]]


def module_name(path: Path, root: Path) -> str:
    """``ROOT/conformance/adapters/__init__.py`` -> ``conformance.adapters``."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _known(name: str, modules: Set[str]) -> Optional[str]:
    """The longest prefix of ``name`` that is a module of the package."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in modules:
            return candidate
        parts.pop()
    return None


def _imported(node: ast.AST, here: str, is_package: bool) -> Iterator[str]:
    """The dotted names one import statement may load (``from a import b``: ``a.b``, else ``a``)."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            yield alias.name
    elif isinstance(node, ast.ImportFrom):
        base = node.module or ""
        if node.level:
            package = here.split(".") if is_package else here.split(".")[:-1]
            package = package[:len(package) - (node.level - 1)]
            base = ".".join(package + ([base] if base else []))
        for alias in node.names:
            yield f"{base}.{alias.name}"


def import_graph(package_dir: Path = ROOT / PACKAGE) -> Graph:
    """Module -> the package's modules it imports anywhere in its text."""
    files = {module_name(p, package_dir.parent): p for p in sorted(package_dir.rglob("*.py"))}
    modules = set(files)
    graph: Graph = {name: set() for name in modules}
    for name, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            for dotted in _imported(node, name, path.name == "__init__.py"):
                found = _known(dotted, modules)
                if found and found != name and found != PACKAGE:
                    graph[name].add(found)
    return graph


def find_cycles(graph: Graph) -> List[List[str]]:
    """One cycle (as a closed path) per strongly connected group of more than one module."""
    index: Dict[str, int] = {}
    low: Dict[str, int] = {}
    stack: List[str] = []
    on_stack: Set[str] = set()
    groups: List[List[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_closed_path(graph, sorted(group)) for group in groups]


def _closed_path(graph: Graph, group: List[str]) -> List[str]:
    """A path from the group's first module back to itself, inside the group."""
    start, members = group[0], set(group)
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        node = frontier.pop(0)
        for nxt in sorted(graph[node] & members):
            if nxt == start:
                return paths[node] + [start]
            if nxt not in paths:
                paths[nxt] = paths[node] + [nxt]
                frontier.append(nxt)
    return group  # not reached: a strongly connected group always closes


def test_the_cycle_finder_finds_a_cycle_through_a_lazy_import(tmp_path):
    package = tmp_path / PACKAGE
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from conformance import b\n")
    (package / "b.py").write_text("def later():\n    from .c import x\n")
    (package / "c.py").write_text("import conformance.a\nx = 1\n")
    (package / "d.py").write_text("from conformance.a import something\n")
    graph = import_graph(package)
    assert find_cycles(graph) == [["conformance.a", "conformance.b", "conformance.c", "conformance.a"]]


def test_no_import_cycle_in_the_package():
    graph = import_graph()
    assert "conformance.cli_common" in graph["conformance.cli"]  # the graph is really read
    cycles = find_cycles(graph)
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)
