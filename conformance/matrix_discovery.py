"""Which targets the matrix can judge on this machine.

Three families, each found without configuration:

* the stdlib of every CPython 3.9+ found (pyenv's ``versions/`` and
  ``python3.X`` on PATH, one column per minor version, the newest patch
  release winning) and of PyPy (``pypy3`` on PATH, pyenv's ``pypy3.*``);
* the reference, under the interpreter running the matrix;
* every third-party adapter in :mod:`conformance.adapters` that declares the
  PyPI packages it needs (``REQUIREMENTS``); they are installed on demand.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import platform
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

MIN_CPYTHON = (3, 9)
# Highest minor version probed on PATH (python3.9 ... python3.20).
MAX_MINOR = 20
_PYENV_CPYTHON = re.compile(r"^3\.(\d+)\.(\d+)$")
_PYENV_PYPY = re.compile(r"^pypy(\d+)\.(\d+)-[\w.]+$")


@dataclass
class MatrixTarget:
    """One column of the matrix: a conformance target run under one interpreter."""

    key: str  # column id, also what --targets selects: cpython-3.12, pypy-3.9, reference, pyfakefs
    label: str  # column heading's long form
    family: str  # stdlib | reference | adapter
    target: str  # the runner's --target value
    python: Optional[str] = None  # an interpreter for the runner's --python; None: the host
    version: str = ""  # the interpreter's full version, when known
    requirements: List[str] = field(default_factory=list)  # PyPI packages an adapter needs
    short: str = ""  # a narrow column heading, when the key is long
    pytest_addopts: str = ""  # extra pytest options the adapter asks for (its PYTEST_ADDOPTS)

    def describe(self) -> str:
        """One line for --list-targets."""
        where = self.python or "host interpreter"
        extra = f"; installs {' '.join(self.requirements)}" if self.requirements else ""
        return f"{self.key:<22} {self.label} ({where}{extra})"


@dataclass(frozen=True)
class Interpreter:
    """A Python found on this machine."""

    implementation: str  # cpython | pypy
    version: Tuple[int, int, int]
    executable: str
    source: str  # pyenv | PATH | host

    @property
    def minor(self) -> Tuple[int, int]:
        return self.version[:2]

    @property
    def version_text(self) -> str:
        return ".".join(str(p) for p in self.version)


def pyenv_root(environ: Optional[Dict[str, str]] = None) -> Optional[Path]:
    """$PYENV_ROOT, else what ``pyenv root`` says, else ~/.pyenv if it exists."""
    env = os.environ if environ is None else environ
    if env.get("PYENV_ROOT"):
        return Path(env["PYENV_ROOT"])
    if shutil.which("pyenv", path=env.get("PATH")):
        try:
            out = subprocess.run(["pyenv", "root"], capture_output=True, text=True, timeout=10,
                                 env=dict(env)).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            out = ""
        if out:
            return Path(out)
    home = Path(env.get("HOME") or os.path.expanduser("~")) / ".pyenv"
    return home if home.is_dir() else None


def pyenv_interpreters(root: Optional[Path]) -> List[Interpreter]:
    """Interpreters under ``root/versions``, read from directory names (nothing is run)."""
    found: List[Interpreter] = []
    versions = root / "versions" if root else None
    if versions is None or not versions.is_dir():
        return found
    for entry in sorted(versions.iterdir()):
        cpython, pypy = _PYENV_CPYTHON.match(entry.name), _PYENV_PYPY.match(entry.name)
        if cpython:
            exe = entry / "bin" / "python"
            if exe.exists():
                found.append(Interpreter("cpython", (3, int(cpython.group(1)), int(cpython.group(2))),
                                         str(exe), "pyenv"))
        elif pypy:
            exe = entry / "bin" / "pypy3"
            if exe.exists():
                probed = probe(str(exe))
                if probed:
                    found.append(Interpreter(probed[0], probed[1], str(exe), "pyenv"))
    return found


def probe(executable: str) -> Optional[Tuple[str, Tuple[int, int, int]]]:
    """Ask an interpreter what it is: (implementation, version), or None if it will not say."""
    code = "import sys;print(sys.implementation.name, *sys.version_info[:3])"
    try:
        done = subprocess.run([executable, "-c", code], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    parts = done.stdout.split()
    if done.returncode != 0 or len(parts) != 4:
        return None
    try:
        return parts[0], (int(parts[1]), int(parts[2]), int(parts[3]))
    except ValueError:
        return None


def path_interpreters(path: Optional[str] = None, skip_dirs: Sequence[Path] = ()) -> List[Interpreter]:
    """``python3.X`` and ``pypy3`` on PATH (pyenv's shims excluded: they are found as versions)."""
    found: List[Interpreter] = []
    seen = set()
    skip = [os.path.realpath(str(d)) for d in skip_dirs]
    names = [f"python3.{minor}" for minor in range(MIN_CPYTHON[1], MAX_MINOR + 1)] + ["pypy3"]
    for name in names:
        exe = shutil.which(name, path=path)
        if not exe or any(os.path.realpath(os.path.dirname(exe)) == d for d in skip):
            continue
        real = os.path.realpath(exe)
        if real in seen:
            continue
        seen.add(real)
        probed = probe(exe)
        if probed:
            found.append(Interpreter(probed[0], probed[1], exe, "PATH"))
    return found


def host_interpreter() -> Interpreter:
    """The interpreter running the matrix."""
    return Interpreter(sys.implementation.name, tuple(sys.version_info[:3]),  # type: ignore[arg-type]
                       sys.executable, "host")


def choose_interpreters(candidates: Sequence[Interpreter], host: Interpreter) -> List[Interpreter]:
    """One interpreter per (implementation, minor version): the newest patch, the host on a tie.

    CPython older than 3.9 is left out: the suite does not support it.
    """
    best: Dict[Tuple[str, Tuple[int, int]], Interpreter] = {}
    for interp in list(candidates) + [host]:
        if interp.implementation == "cpython" and interp.minor < MIN_CPYTHON:
            continue
        key = (interp.implementation, interp.minor)
        current = best.get(key)
        if current is None or interp.version > current.version or (
                interp.version == current.version and interp.source == "host"):
            best[key] = interp
    return sorted(best.values(), key=lambda i: (i.implementation != "cpython", i.implementation, i.minor))


def interpreter_targets(interpreters: Sequence[Interpreter], host: Interpreter) -> List[MatrixTarget]:
    """A stdlib column per interpreter; the host runs in-process of the runner (no --python)."""
    targets = []
    for interp in interpreters:
        minor = f"{interp.minor[0]}.{interp.minor[1]}"
        is_host = (interp.implementation, interp.version) == (host.implementation, host.version)
        targets.append(MatrixTarget(
            key=f"{interp.implementation}-{minor}",
            label=f"{'CPython' if interp.implementation == 'cpython' else 'PyPy'} "
                  f"{interp.version_text} stdlib",
            family="stdlib", target="stdlib",
            python=None if is_host else interp.executable, version=interp.version_text))
    return targets


def adapter_modules() -> List[str]:
    """Names of the adapters in conformance.adapters that name PyPI requirements."""
    import conformance.adapters as package

    names = []
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("_") or info.name == "stdlib":
            continue
        names.append(info.name)
    return sorted(names)


def adapter_targets() -> List[MatrixTarget]:
    """A column per third-party adapter, with the packages to install for it."""
    targets = []
    for name in adapter_modules():
        module = importlib.import_module(f"conformance.adapters.{name}")
        requirements = list(getattr(module, "REQUIREMENTS", []))
        if not requirements:
            continue
        package = getattr(module, "PACKAGE", name)
        targets.append(MatrixTarget(
            key=name, label=f"{package} (adapter)", family="adapter", target=f"adapter:{name}",
            requirements=requirements, short=str(getattr(module, "SHORT", "")),
            pytest_addopts=str(getattr(module, "PYTEST_ADDOPTS", ""))))
    return targets


def discover(environ: Optional[Dict[str, str]] = None, host: Optional[Interpreter] = None,
             include_path: bool = True) -> List[MatrixTarget]:
    """Every target this machine offers, in column order."""
    env = os.environ if environ is None else environ
    host = host or host_interpreter()
    root = pyenv_root(env)
    candidates = pyenv_interpreters(root)
    if include_path:
        skip = [root / "shims"] if root else []
        candidates += path_interpreters(env.get("PATH"), skip)
    stdlibs = interpreter_targets(choose_interpreters(candidates, host), host)
    reference = MatrixTarget(key="reference", label=f"reference (judged as 3.14, under "
                             f"{host.implementation} {host.version_text})",
                             family="reference", target="reference", version=host.version_text)
    return stdlibs + [reference] + adapter_targets()


def host_description() -> str:
    """The machine the matrix ran on, for report headers."""
    return f"{sys.implementation.name} {platform.python_version()} on {sys.platform}"
