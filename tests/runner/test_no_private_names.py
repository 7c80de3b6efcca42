"""The conformance tests are black-box: they never reach into a target's private names.

An AST walk over ``conformance/tests``: a ``x._name`` attribute (or
``getattr(x, "_name")``) is a finding unless ``x`` is the test's own ``self``/``cls``
or the name is on the short list of documented underscore names.  Adapters
(``conformance/adapters``) are the one place allowed to touch private names.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import List

import pytest

TESTS_DIR = Path(__file__).resolve().parents[2] / "conformance" / "tests"

# Underscore names that are documented public API.
DOCUMENTED = {
    "_file",  # SpooledTemporaryFile's underlying file object (tempfile docs)
    "_exit",  # os._exit
    "_getframe",  # sys._getframe
    "_asdict", "_replace", "_fields", "_make",  # namedtuple API
}
_REFLECTION = {"getattr", "setattr", "hasattr", "delattr"}


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__")) \
        and name not in DOCUMENTED


def _root(node: ast.AST) -> ast.AST:
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node


def findings(source: str, filename: str = "<test>") -> List[str]:
    """Every private-name access in ``source``, as 'file:line: text'."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Attribute) and _private(node.attr):
            root = _root(node.value)
            if isinstance(root, ast.Name) and root.id in ("self", "cls"):
                continue
            found.append(f"{filename}:{node.lineno}: .{node.attr}")
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
              and node.func.id in _REFLECTION and len(node.args) >= 2
              and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str)
              and _private(node.args[1].value)):
            found.append(f"{filename}:{node.lineno}: {node.func.id}(..., {node.args[1].value!r})")
    return found


@pytest.mark.parametrize("snippet, bad", [
    ("tf._get_candidate_names()", True),
    ("target.module._bin_openflags", True),
    ("import tempfile\ntempfile._infer_return_type", True),
    ("f = tf.NamedTemporaryFile()\nf._closer.delete", True),
    ("getattr(tf, '_sanitize_params')", True),
    ("setattr(tf, '_once_lock', None)", True),
    ("tf.SpooledTemporaryFile()._file", False),
    ("os._exit(0)", False),
    ("self._seen = []", False),
    ("tf.__name__", False),
    ("tf.mkstemp()", False),
])
def test_the_check_itself(snippet, bad):
    assert bool(findings(snippet)) is bad


def test_conformance_tests_touch_no_private_name():
    files = sorted(TESTS_DIR.glob("**/*.py"))
    assert files, "no conformance test files found"
    problems = [f for path in files for f in findings(path.read_text(), str(path.relative_to(TESTS_DIR)))]
    assert not problems, "private names used (only adapters may):\n" + "\n".join(problems)
