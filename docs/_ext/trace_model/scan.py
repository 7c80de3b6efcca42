"""Where the repository names each clause: implementation tags and test markers.

* implementation tags: ``[clause.id]`` written in ``reference/*.py``;
* verifying tests: ``@pytest.mark.clause("id", ...)`` markers in
  ``conformance/tests/*.py``, read with :mod:`ast` (never imported).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

from conformance.matrix.html_page import clause_fragment
from spec import Catalogue

# A clause id written between brackets, e.g. ``# [mkstemp.mode.owner-only]``.
_TAG_RE = re.compile(r"\[([a-z][a-z0-9_]*(?:\.[a-z0-9][a-z0-9_-]*)+)\]")
# Any clause-shaped token: the source pages turn the known ones into links.
ID_TOKEN_RE = re.compile(r"(?<![\w.-])([a-z][a-z0-9_]*(?:\.[a-z0-9][a-z0-9_-]*)+)(?![\w-])")


def clause_anchor(clause_id: str) -> str:
    """The HTML id of a clause's entry: ``clause-`` plus the id with dots as dashes."""
    return "clause-" + clause_fragment(clause_id)


def line_anchor(lineno: int) -> str:
    """The HTML id of one line of a rendered source file."""
    return f"L{lineno}"


def source_docname(relpath: str) -> str:
    """The docname of the rendered page of ``relpath`` (``reference/_x.py``)."""
    stem = relpath[:-3] if relpath.endswith(".py") else relpath
    return "generated/source/" + stem.replace("/", "__")


@dataclass(frozen=True)
class Place:
    """One line of one repository file that names a clause."""

    relpath: str  # posix path from the repository root
    lineno: int
    label: str = ""  # test name for tests; empty for implementation tags

    @property
    def docname(self) -> str:
        return source_docname(self.relpath)

    @property
    def anchor(self) -> str:
        return line_anchor(self.lineno)


@dataclass
class Scan:
    """Clause id -> the places naming it, plus ids that name no clause."""

    places: Dict[str, List[Place]] = field(default_factory=dict)
    unknown: List[Tuple[Place, str]] = field(default_factory=list)
    files: List[str] = field(default_factory=list)
    problems: List[str] = field(default_factory=list)  # files that would not parse

    def add(self, clause_id: str, place: Place) -> None:
        bucket = self.places.setdefault(clause_id, [])
        if place not in bucket:
            bucket.append(place)


def _relpath(path: Path, root: Path) -> str:
    return path.resolve().relative_to(root.resolve()).as_posix()


def python_files(root: Path, folder: str, pattern: str = "*.py") -> List[Path]:
    """The Python files under ``root/folder`` (recursively), in a stable order."""
    base = root / folder
    if not base.is_dir():
        return []
    return sorted(p for p in base.rglob(pattern) if "__pycache__" not in p.parts)


def scan_implementation(root: Path, catalogue: Catalogue, folder: str = "reference") -> Scan:
    """Find every ``[clause.id]`` tag in the reference implementation."""
    known_apis = {c.id.split(".", 1)[0] for c in catalogue}
    scan = Scan()
    for path in python_files(root, folder):
        rel = _relpath(path, root)
        scan.files.append(rel)
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for match in _TAG_RE.finditer(line):
                cid, place = match.group(1), Place(rel, lineno)
                if cid in catalogue:
                    scan.add(cid, place)
                elif cid.split(".", 1)[0] in known_apis:
                    # Looks like one of ours but names no clause: a stale or mistyped tag.
                    scan.unknown.append((place, cid))
    return scan


# ---------------------------------------------------------------------------
# Test markers, read from the syntax tree.
# ---------------------------------------------------------------------------

def _is_clause_mark(node: ast.AST) -> bool:
    """``pytest.mark.clause(...)`` or ``mark.clause(...)``."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return False
    if node.func.attr != "clause":
        return False
    owner = node.func.value
    return (isinstance(owner, ast.Attribute) and owner.attr == "mark") or (
        isinstance(owner, ast.Name) and owner.id == "mark")


def _ids_in(expr: ast.AST, aliases: Dict[str, List[str]]) -> List[str]:
    """Clause ids named anywhere in a decorator or ``pytestmark`` expression."""
    found: List[str] = []
    for node in ast.walk(expr):
        if _is_clause_mark(node):
            found.extend(a.value for a in node.args  # type: ignore[attr-defined]
                         if isinstance(a, ast.Constant) and isinstance(a.value, str))
        elif isinstance(node, ast.Name) and node.id in aliases:
            found.extend(aliases[node.id])
    return found


def _module_aliases(tree: ast.Module) -> Dict[str, List[str]]:
    """Module-level names bound to clause marks (``OWNER_ONLY = pytest.mark.clause(...)``)."""
    aliases: Dict[str, List[str]] = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign):
            ids = _ids_in(stmt.value, {})
            for target in stmt.targets:
                if ids and isinstance(target, ast.Name):
                    aliases[target.id] = ids
    return aliases


def _pytestmark(body: Sequence[ast.stmt], aliases: Dict[str, List[str]]) -> List[str]:
    ids: List[str] = []
    for stmt in body:
        if isinstance(stmt, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "pytestmark" for t in stmt.targets):
            ids.extend(_ids_in(stmt.value, aliases))
    return ids


def _first_line(node: ast.AST) -> int:
    decorators = getattr(node, "decorator_list", [])
    return min([d.lineno for d in decorators] + [node.lineno])  # type: ignore[attr-defined]


@dataclass(frozen=True)
class TestFunction:
    """One test function and the clauses its markers name."""

    relpath: str
    lineno: int
    name: str
    clause_ids: Tuple[str, ...]


def tests_in_source(text: str, relpath: str) -> List[TestFunction]:
    """Every ``test*`` function (module level or in a ``Test*`` class) with its clause ids."""
    tree = ast.parse(text, filename=relpath)
    aliases = _module_aliases(tree)
    module_ids = _pytestmark(tree.body, aliases)
    found: List[TestFunction] = []

    def visit(body: Sequence[ast.stmt], inherited: List[str], prefix: str) -> None:
        for node in body:
            if isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
                ids = inherited + [i for d in node.decorator_list for i in _ids_in(d, aliases)]
                visit(node.body, ids + _pytestmark(node.body, aliases), f"{prefix}{node.name}::")
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test"):
                ids = inherited + [i for d in node.decorator_list for i in _ids_in(d, aliases)]
                found.append(TestFunction(relpath, _first_line(node), prefix + node.name,
                                          tuple(dict.fromkeys(ids))))

    visit(tree.body, module_ids, "")
    return found


def scan_tests(root: Path, catalogue: Catalogue, folder: str = "conformance/tests") -> Scan:
    """Map each clause to the conformance tests whose markers name it."""
    scan = Scan()
    for path in python_files(root, folder, "test_*.py"):
        rel = _relpath(path, root)
        scan.files.append(rel)
        try:
            functions = tests_in_source(path.read_text(encoding="utf-8"), rel)
        except SyntaxError as exc:
            scan.problems.append(f"{rel}: cannot parse ({exc.msg}, line {exc.lineno})")
            continue
        for func in functions:
            place = Place(rel, func.lineno, func.name)
            for cid in func.clause_ids:
                if cid in catalogue:
                    scan.add(cid, place)
                else:
                    scan.unknown.append((place, cid))
    return scan
