"""The result vocabulary is written out once: in ``conformance/vocabulary.py``.

Every other module names a status, a departure class, a tier or a test outcome
through the vocabulary's constants.  The check reads each module with
:mod:`ast` and flags a string literal equal to one of those words.  Docstrings
are prose and do not count, nor do keys of a mapping (``document["platform"]``,
``{"error": ...}``, ``"error" in outcome``, ``d.get("error")``), which name a
field, not a verdict; a line that uses the same spelling for another
vocabulary (JUnit's element names, say) says so with a ``# vocabulary: WHOSE``
comment.

Scope: ``conformance/`` and the docs extension (``docs/_ext/``).
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import List, Set

from conformance import vocabulary

ROOT = Path(__file__).resolve().parents[2]
SCANNED = [ROOT / "conformance", ROOT / "docs" / "_ext"]
VOCABULARY_FILE = ROOT / "conformance" / "vocabulary.py"
MARKER = "# vocabulary:"

WORDS: Set[str] = (set(vocabulary.STATUSES) | set(vocabulary.DEPARTURE_CLASSES)
                   | {vocabulary.UNCLASSIFIED} | set(vocabulary.TIERS) | set(vocabulary.TEST_OUTCOMES))


def _docstrings(tree: ast.AST) -> Set[int]:
    """ids of the string nodes that are docstrings."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _keys(tree: ast.AST) -> Set[int]:
    """ids of the string nodes used as a key of a mapping."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript):
            found.add(id(node.slice))
        elif isinstance(node, ast.Dict):
            found.update(id(k) for k in node.keys if k is not None)
        elif isinstance(node, ast.Compare) and isinstance(node.ops[0], (ast.In, ast.NotIn)):
            found.add(id(node.left))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr in ("get", "setdefault", "pop") and node.args):
            found.add(id(node.args[0]))
    return found


def findings(source: str, filename: str) -> List[str]:
    """``file:line: 'word'`` for every vocabulary word written as a literal."""
    tree = ast.parse(source, filename=filename)
    lines = source.splitlines()
    skip = _docstrings(tree) | _keys(tree)
    found = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in WORDS
                and id(node) not in skip and MARKER not in lines[node.lineno - 1]):
            found.append(f"{filename}:{node.lineno}: {node.value!r}")
    return found


def test_the_check_flags_a_written_out_status_but_not_prose_or_marked_lines():
    source = ('"""pass or fail, in prose."""\n'
              'x = "fail"\n'
              'y = ("error", 1)  # vocabulary: junit\n'
              'z = f"{x} failed" if d["platform"] and d.get("bug") else {"core": 1}\n'
              'w = x == "skipped" or "pass" in d\n')
    assert findings(source, "m.py") == ["m.py:2: 'fail'", "m.py:5: 'skipped'"]


def test_vocabulary_words_appear_only_in_the_vocabulary_module():
    found: List[str] = []
    for top in SCANNED:
        for path in sorted(top.rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if path == VOCABULARY_FILE:
                continue
            found += findings(path.read_text(encoding="utf-8"), relative)
    assert not found, "write these through conformance.vocabulary:\n" + "\n".join(found)
