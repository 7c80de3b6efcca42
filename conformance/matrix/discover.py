"""Which targets the matrix can judge on this machine.

Three families, each found without configuration:

* the stdlib of every interpreter the interpreter layer finds
  (:mod:`conformance.interpreters`: pyenv, PATH, the host), one column per
  implementation and minor version, the newest patch release winning;
* the reference, under the interpreter running the matrix;
* every third-party adapter in :mod:`conformance.adapters` that declares the
  PyPI packages it needs (``REQUIREMENTS``); they are installed on demand.
"""

from __future__ import annotations

import importlib
import pkgutil
import platform
import sys
from dataclasses import dataclass, field
from typing import List, Optional, Sequence

from conformance import interpreters
from conformance.interpreters import Interpreter

STDLIB, REFERENCE, ADAPTER = "stdlib", "reference", "adapter"  # vocabulary: column families
IMPLEMENTATION_NAMES = {"cpython": "CPython", "pypy": "PyPy"}


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


def interpreter_targets(chosen: Sequence[Interpreter], host: Interpreter) -> List[MatrixTarget]:
    """A stdlib column per interpreter; the host runs in-process of the runner (no --python)."""
    targets = []
    for interp in chosen:
        minor = f"{interp.minor[0]}.{interp.minor[1]}"
        is_host = ((interp.implementation, interp.version, interp.platform)
                   == (host.implementation, host.version, host.platform))
        name = IMPLEMENTATION_NAMES.get(interp.implementation, interp.implementation)
        where = f" on {interp.platform}" if interp.platform else ""
        targets.append(MatrixTarget(
            key=f"{interp.implementation}-{minor}" + (f"-{interp.platform}" if interp.platform else ""),
            label=f"{name} {interp.version_text} stdlib{where}",
            family=STDLIB, target="stdlib", python=None if is_host else interp.python_spec,
            version=interp.version_text))
    return targets


def adapter_modules() -> List[str]:
    """Names of the third-party adapters in conformance.adapters."""
    import conformance.adapters as package

    return sorted(info.name for info in pkgutil.iter_modules(package.__path__)
                  if not info.name.startswith("_") and info.name != "stdlib")


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
            key=name, label=f"{package} (adapter)", family=ADAPTER, target=f"adapter:{name}",
            requirements=requirements, short=str(getattr(module, "SHORT", "")),
            pytest_addopts=str(getattr(module, "PYTEST_ADDOPTS", ""))))
    return targets


def discover(environ: Optional[dict] = None, host: Optional[Interpreter] = None,
             include_path: bool = True) -> List[MatrixTarget]:
    """Every target this machine offers, in column order."""
    host = host or interpreters.host_interpreter()
    skip = ("host",) if include_path else ("host", "which")
    chosen = interpreters.choose(interpreters.discover(environ, skip=skip), host)
    reference = MatrixTarget(key=REFERENCE, label=f"reference (judged as 3.14, under "
                             f"{host.implementation} {host.version_text})",
                             family=REFERENCE, target="reference", version=host.version_text)
    return interpreter_targets(chosen, host) + [reference] + adapter_targets()


def host_description() -> str:
    """The machine the matrix ran on, for report headers."""
    return f"{sys.implementation.name} {platform.python_version()} on {sys.platform}"
