"""One-behaviour mutants of *the stdlib's own* tempfile.py (issue 14, item 4).

Each ``s_*.py`` holds data only: a docstring saying what is broken, ``BREAKS``
(the clauses that must then go red) and ``REPLACE``, pairs of (regular
expression, replacement) applied once each to a copy of the running
interpreter's ``tempfile.py``.  A pair that finds nothing means this
interpreter's file differs from the one the mutant was written for: the mutant
is then reported as not applying, never as passed.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path
from typing import List, Tuple

HERE = Path(__file__).resolve().parent


class PatchDoesNotApply(Exception):
    """A pattern of the mutant matches nothing in this interpreter's tempfile.py."""


@dataclass(frozen=True)
class StdlibMutant:
    """A named patch of tempfile.py and the clauses it must turn red."""

    name: str
    breaks: Tuple[str, ...]
    replace: Tuple[Tuple[str, str], ...]

    def apply(self, source: str) -> str:
        """``source`` with every replacement made once."""
        for pattern, replacement in self.replace:
            source, count = re.subn(pattern, lambda match, r=replacement: match.expand(r), source, count=1)
            if count != 1:
                raise PatchDoesNotApply(f"{self.name}: no match for {pattern!r}")
        return source


def _constants(path: Path) -> dict:
    """The module's literal assignments, read without importing it."""
    found = {}
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            found[node.targets[0].id] = ast.literal_eval(node.value)
    return found


def stdlib_mutants() -> List[StdlibMutant]:
    """Every stdlib mutant, in name order."""
    result = []
    for path in sorted(HERE.glob("s_*.py")):
        data = _constants(path)
        result.append(StdlibMutant(path.stem, tuple(data["BREAKS"]), tuple(map(tuple, data["REPLACE"]))))
    return result
