"""uv's managed interpreters: ``~/.local/share/uv/python/cpython-3.14.0-linux-x86_64-gnu``.

This is how most people outside a distribution get the newest CPython and
PyPy.  The folder is ``$UV_PYTHON_INSTALL_DIR``, else
``$XDG_DATA_HOME/uv/python``, else ``~/.local/share/uv/python``; each
installation's version is read from its folder name (nothing is started).
Free-threaded and debug builds are named on request only (``--python
uv:cpython-3.14.0+freethreaded-linux-x86_64-gnu``): the matrix has one column
per implementation and version, and the default build is what users run.

``--python uv:3.14`` is the newest CPython 3.14.x, ``uv:pypy3.11`` the newest
PyPy for Python 3.11, ``uv:FOLDER`` that installation exactly.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import List, Optional

from conformance.interpreters.base import Environ, Interpreter
from conformance.interpreters.venv import VenvProvider

_FOLDER = re.compile(r"^(?P<impl>cpython|pypy)-(?P<version>3\.\d+\.\d+)(?P<variant>[+\w]*)-[\w.-]+$")
_WANTED = re.compile(r"^(?P<impl>pypy)?(?P<minor>3\.\d{1,2})$")
EXECUTABLES = ("bin/python3", "bin/python", "bin/pypy3")


def uv_python_dir(environ: Environ) -> Path:
    """Where uv keeps the interpreters it manages."""
    if environ.get("UV_PYTHON_INSTALL_DIR"):
        return Path(environ["UV_PYTHON_INSTALL_DIR"])
    data = environ.get("XDG_DATA_HOME") or str(Path(environ.get("HOME") or Path.home()) / ".local" / "share")
    return Path(data) / "uv" / "python"


class UvProvider(VenvProvider):
    """Interpreters installed by ``uv python install``."""

    name = "uv"

    def _entry(self, folder: Path, variants: bool) -> Optional[Interpreter]:
        match = _FOLDER.match(folder.name)
        if not match or (match.group("variant") and not variants):
            return None
        executable = next((folder / e for e in EXECUTABLES if (folder / e).exists()), None)
        if executable is None:
            return None
        version = tuple(int(part) for part in match.group("version").split("."))
        return Interpreter(match.group("impl"), version, str(executable), self.name,  # type: ignore[arg-type]
                           spec=f"uv:{folder.name}")

    def discover(self, environ: Environ) -> List[Interpreter]:
        where = uv_python_dir(environ)
        if not where.is_dir():
            return []
        found = (self._entry(folder, variants=False) for folder in sorted(where.iterdir()))
        return [interp for interp in found if interp is not None]

    def resolve(self, rest: str, environ: Environ) -> Optional[Interpreter]:
        wanted = _WANTED.match(rest)
        if wanted is None:  # a folder name
            folder = uv_python_dir(environ) / rest
            return self._entry(folder, variants=True) if rest and folder.is_dir() else None
        implementation = wanted.group("impl") or "cpython"
        minor = tuple(int(part) for part in wanted.group("minor").split("."))
        same = [i for i in self.discover(environ) if (i.implementation, i.minor) == (implementation, minor)]
        return max(same, key=lambda i: i.version, default=None)
