"""Checks the conformance tests run in another process (see :mod:`conformance.harness.children`).

Each is a plain function ``check(tf, **args)`` returning a JSON value; the
test that needs it names it as ``"conformance.tests.in_child.MODULE:FUNCTION"``.
The fork servers import every module here before their first fork, so none of
them may import a target (``tempfile`` included) when it is imported: a check
gets the target as its ``tf`` argument, freshly imported in its own process.
"""

from __future__ import annotations

import pkgutil
from typing import List


def check_modules() -> List[str]:
    """Every module of checks here: what the fork servers import before their first fork."""
    return [f"{__name__}.{found.name}" for found in pkgutil.iter_modules(__path__)]
