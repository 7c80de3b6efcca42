"""The strength benchmark's AST mutator: every operator, stable ids, platform-dead code, exact splicing."""

from __future__ import annotations

import ast
import os
import tempfile
from pathlib import Path

from strength.mutate import OPERATORS, mutants, platform_value

SAMPLE = b'''"""Docstring: never mutated."""
import os as _os

_flags = _os.O_RDWR | _os.O_EXCL
if _os.name == 'nt':
    _flags |= _os.O_BINARY

def make(path, tries=3):
    """Docstring."""
    for n in range(tries):
        try:
            return _os.open(path, _flags)
        except FileExistsError:
            continue
    if not path and _os.name == 'nt' and path.exists():
        return None
    raise FileExistsError("message text is left alone")
'''


def by_operator(found):
    return {op: [m for m in found if m.operator == op] for op in OPERATORS}


def test_every_operator_finds_its_places():
    found = by_operator(mutants(SAMPLE))
    assert {m.description for m in found["flag-bit"]} >= {"drop _os.O_EXCL from _os.O_RDWR | _os.O_EXCL",
                                                          "drop _flags |= _os.O_BINARY"}
    assert [m.description for m in found["compare"]] == ["_os.name == 'nt' -> _os.name != 'nt'"] * 2
    assert any(m.description == "not path -> path" for m in found["boolean"])
    assert [m.description for m in found["return-value"]] == ["return _os.open(path, _flags) -> None"]
    assert {m.description for m in found["exception"]} == {"except FileExistsError -> PermissionError",
                                                           "raise FileExistsError -> PermissionError"}
    assert "delete continue" in {m.description for m in found["statement"]}
    assert "3 -> 4" in {m.description for m in found["constant"]}


def test_docstrings_imports_and_messages_are_never_mutated():
    constants = " ".join(m.description for m in mutants(SAMPLE) if m.operator == "constant")
    assert "Docstring" not in constants and "message text" not in constants
    assert not [m for m in mutants(SAMPLE) if "import" in m.description]


def test_code_that_never_runs_on_this_platform_is_marked():
    dead = {m.description: m.platform_dead for m in mutants(SAMPLE) if m.platform_dead}
    if os.name != "nt":
        assert "drop _flags |= _os.O_BINARY" in dead
        assert any("path.exists()" in d for d in dead) is False  # a call is not mutated, only marked code
        assert platform_value(ast.parse("_os.name == 'nt' and x", mode="eval").body) is False
    assert platform_value(ast.parse("x == 1", mode="eval").body) is None


def test_a_platform_test_whose_answer_here_cannot_change_is_counted_elsewhere():
    source = b"import os as _os\nimport sys as _sys\nA = _os.name == 'nt'\nB = _os.name != 'posix'\n" \
             b"C = hasattr(_os, 'O_BINARY')\nD = hasattr(_os, 'O_RDWR')\n"
    found = {m.description: m.platform_dead for m in mutants(source) if m.operator == "constant"}
    if os.name == "posix":
        # 'nt' -> '' leaves `_os.name == 'nt'` false here, as O_BINARY -> '' leaves hasattr false:
        # only another platform could tell those mutants from the original.
        assert found["'nt' -> ''"] and found["'O_BINARY' -> ''"]
        # 'posix' -> '' and O_RDWR -> '' flip the answer here: live mutants.
        assert found["'posix' -> ''"] is None and found["'O_RDWR' -> ''"] is None


def test_each_mutant_changes_only_its_span_and_compiles():
    for mutant in mutants(SAMPLE):
        changed = mutant.apply(SAMPLE)
        assert changed != SAMPLE
        assert changed[:mutant.start] == SAMPLE[:mutant.start]
        assert changed.endswith(SAMPLE[mutant.end:])
        compile(changed, mutant.id, "exec")


def test_ids_are_unique_and_survive_a_line_shift():
    found = mutants(SAMPLE)
    assert len({m.id for m in found}) == len(found)
    shifted = SAMPLE.replace(b"import os as _os\n", b"import os as _os\n\n\n# a comment\n")
    assert [m.id for m in mutants(shifted)] == [m.id for m in found]


def test_the_stdlib_file_gives_a_stable_list():
    source = Path(tempfile.__file__).read_bytes()
    first, second = mutants(source), mutants(source)
    assert [m.id for m in first] == [m.id for m in second] and len(first) > 200
