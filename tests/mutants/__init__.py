"""One-behaviour mutants of the reference: each ``m_*.py`` breaks one thing and names in ``BREAKS``
the clauses that must then go red.

A mutant is a conformance *target*, loaded by module name (``--target mutants.m_no_o_excl``
with this package's parent folder on the path), never collected by pytest.  This module only
*reads* them (importing one would patch the reference in this process); ``_mutant`` is the
plumbing the mutants themselves import.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import List, Tuple

HERE = Path(__file__).resolve().parent


def mutant_paths() -> List[Path]:
    """Every mutant module, in name order."""
    return sorted(HERE.glob("m_*.py"))


def breaks_of(path: Path) -> Tuple[str, ...]:
    """The clause ids a mutant declares in ``BREAKS``, read from its source."""
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "BREAKS" for t in node.targets):
            return tuple(ast.literal_eval(node.value))
    raise ValueError(f"{path.name} declares no BREAKS")


def module_name(path: Path) -> str:
    """The name a mutant is imported under as a target: ``mutants.m_...``."""
    return f"{HERE.name}.{path.stem}"
