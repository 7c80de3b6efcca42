"""The judged interpreter and its own ``tempfile.py``."""

from __future__ import annotations

import glob
import hashlib
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Optional


class InterpreterNotFound(Exception):
    """No interpreter answers to the ``--python`` value; the message is one line."""


@dataclass(frozen=True)
class Judged:
    """An interpreter whose tempfile.py is mutated."""

    executable: str
    version: str  # "3.11.7"
    tempfile_path: str

    @property
    def minor(self) -> str:
        return ".".join(self.version.split(".")[:2])

    def source(self) -> bytes:
        return Path(self.tempfile_path).read_bytes()

    def digest(self) -> str:
        return hashlib.sha256(self.source()).hexdigest()


def find_executable(spec: Optional[str]) -> str:
    """``spec`` as an interpreter: None is this one, a path is itself, "3.12" a pyenv version."""
    if spec is None:
        return sys.executable
    if os.sep in spec:
        if not os.access(spec, os.X_OK):
            raise InterpreterNotFound(f"not an executable: {spec}")
        return spec
    root = os.environ.get("PYENV_ROOT", os.path.expanduser("~/.pyenv"))
    pattern = os.path.join(root, "versions", f"{spec}*", "bin", "python3")
    for candidate in sorted(glob.glob(pattern), reverse=True):
        return candidate
    found = shutil.which(f"python{spec}")
    if found:
        return found
    raise InterpreterNotFound(f"no interpreter for {spec!r} (pyenv versions, python{spec} on PATH)")


def judged(spec: Optional[str]) -> Judged:
    """Ask the interpreter for its version and the file of its tempfile module."""
    executable = find_executable(spec)
    probe = ("import json, platform, tempfile; "
             "print(json.dumps([platform.python_version(), tempfile.__file__]))")
    try:
        answer = subprocess.run([executable, "-I", "-c", probe], capture_output=True, text=True, timeout=60,
                                check=True).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        raise InterpreterNotFound(f"{executable} did not answer: {exc}") from None
    version, path = json.loads(answer)
    return Judged(executable, version, path)
