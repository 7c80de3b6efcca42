"""Interpreters named by a file path (``path:``) or found on ``PATH`` (``which:``).

``path:`` discovers nothing (there is nothing to look through); ``which:``
finds ``python3.X`` and ``pypy3`` on ``PATH``, leaving out pyenv's shims
(pyenv's own provider finds those versions, without starting them).
"""

from __future__ import annotations

import os
import shutil
from typing import List, Optional

from conformance.interpreters.base import (
    Environ,
    Interpreter,
    InterpreterError,
    is_executable_file,
)
from conformance.interpreters.pyenv import pyenv_root
from conformance.interpreters.venv import VenvProvider

# Highest minor version looked for on PATH (python3.8 ... python3.20).
MAX_MINOR = 20
FIRST_MINOR = 8


class PathProvider(VenvProvider):
    """An interpreter given by its file path."""

    name = "path"

    def discover(self, environ: Environ) -> List[Interpreter]:
        return []

    def resolve(self, rest: str, environ: Environ) -> Optional[Interpreter]:
        path = os.path.abspath(os.path.expanduser(rest))
        if not is_executable_file(path):
            raise InterpreterError(f"{rest!r} is not an executable file")
        found = self.probe(path, spec=path)
        if found is None:
            raise InterpreterError(f"{rest} does not look like a Python interpreter")
        return found


class WhichProvider(VenvProvider):
    """Interpreters found on PATH by their command name."""

    name = "which"

    def discover(self, environ: Environ) -> List[Interpreter]:
        root = pyenv_root(environ)
        shims = os.path.realpath(str(root / "shims")) if root else None
        names = [f"python3.{minor}" for minor in range(FIRST_MINOR, MAX_MINOR + 1)] + ["pypy3"]
        found: List[Interpreter] = []
        seen = set()
        for name in names:
            exe = shutil.which(name, path=environ.get("PATH"))
            if not exe or os.path.realpath(os.path.dirname(exe)) == shims:
                continue
            real = os.path.realpath(exe)
            if real in seen:
                continue
            seen.add(real)
            probed = self.probe(exe)
            if probed:
                found.append(probed)
        return found

    def resolve(self, rest: str, environ: Environ) -> Optional[Interpreter]:
        exe = shutil.which(rest, path=environ.get("PATH")) if rest else None
        if exe is None:
            return None
        found = self.probe(exe, spec=exe)
        if found is None:
            raise InterpreterError(f"{exe} does not look like a Python interpreter")
        return found
