"""pyenv's interpreters: ``$PYENV_ROOT/versions/3.12.1``, ``versions/pypy3.10-7.3.15``.

CPython versions are read from the directory names (nothing is started);
PyPy's directory names carry PyPy's own version, so those are asked.
``--python pyenv:3.12`` is the newest 3.12.x; ``pyenv:3.12.1`` or
``pyenv:pypy3.10-7.3.15`` is that directory exactly.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import List, Optional

from conformance.interpreters.base import Environ, Interpreter
from conformance.interpreters.venv import VenvProvider

_CPYTHON = re.compile(r"^3\.(\d+)\.(\d+)$")
_PYPY = re.compile(r"^pypy(\d+)\.(\d+)-[\w.]+$")
_MINOR = re.compile(r"^3\.\d{1,2}$")


def pyenv_root(environ: Environ) -> Optional[Path]:
    """$PYENV_ROOT, else what ``pyenv root`` says, else ~/.pyenv if it exists."""
    if environ.get("PYENV_ROOT"):
        return Path(environ["PYENV_ROOT"])
    if shutil.which("pyenv", path=environ.get("PATH")):
        try:
            out = subprocess.run(["pyenv", "root"], capture_output=True, text=True, timeout=10,
                                 env=dict(environ)).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            out = ""
        if out:
            return Path(out)
    home = Path(environ.get("HOME") or Path.home()) / ".pyenv"
    return home if home.is_dir() else None


class PyenvProvider(VenvProvider):
    """Interpreters installed by pyenv."""

    name = "pyenv"

    def _entry(self, entry: Path) -> Optional[Interpreter]:
        cpython, pypy = _CPYTHON.match(entry.name), _PYPY.match(entry.name)
        if cpython and (entry / "bin" / "python").exists():
            version = (3, int(cpython.group(1)), int(cpython.group(2)))
            return Interpreter("cpython", version, str(entry / "bin" / "python"), self.name)
        if pypy and (entry / "bin" / "pypy3").exists():
            return self.probe(str(entry / "bin" / "pypy3"))
        return None

    def discover(self, environ: Environ) -> List[Interpreter]:
        root = pyenv_root(environ)
        versions = root / "versions" if root else None
        if versions is None or not versions.is_dir():
            return []
        found = (self._entry(entry) for entry in sorted(versions.iterdir()))
        return [interp for interp in found if interp is not None]

    def resolve(self, rest: str, environ: Environ) -> Optional[Interpreter]:
        root = pyenv_root(environ)
        if root is None or not rest:
            return None
        if not _MINOR.match(rest):  # an exact directory name
            entry = root / "versions" / rest
            return self._entry(entry) if entry.is_dir() else None
        wanted = tuple(int(part) for part in rest.split("."))
        same_minor = [i for i in self.discover(environ)
                      if i.implementation == "cpython" and i.minor == wanted]
        return max(same_minor, key=lambda i: i.version, default=None)
