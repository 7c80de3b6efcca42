"""What an interpreter is, and the small interface every kind of interpreter implements.

A *provider* knows one kind of interpreter: where to find it, how to name it on
the command line (``--python KIND:REST``), how to start a process in it, and
how to make it ready to run this project's suite.  Adding a kind (uv's
interpreters, a Debian root run through ``bwrap``, Pyodide run through
``node``) is one new module holding one :class:`Provider` subclass, listed in
:data:`conformance.interpreters.registry.PROVIDERS`.

How to write a provider (the contract the registry, ``--python`` and the
matrix rely on):

``name``
    The ``KIND`` of ``--python KIND:REST`` and :attr:`Interpreter.provider`.
    Lower case, no colon.

``discover(environ) -> list[Interpreter]``
    Every interpreter of this kind on this machine, for the matrix.  Cheap
    (read directory names where possible; each interpreter start-up costs
    ~50 ms, a PyPy one more), never raises: an absent kind gives ``[]``.
    ``environ`` replaces ``os.environ`` (tests pass a fake one).

``resolve(rest, environ) -> Interpreter | None``
    The interpreter ``REST`` names (``"3.14"``, ``"forky/3.14"``, ``""`` for
    a bare ``KIND``); ``None`` when this kind has none of that name.  Raise
    :class:`InterpreterError` (one line for the user) for a malformed ``REST``
    or a kind that is broken here (``debootstrap`` missing, say).

``command(interp, argv) -> list[str]``
    The argv that runs ``argv`` (starting with the interpreter's own
    arguments, e.g. ``["-c", CODE]``) inside the interpreter: by default
    ``[interp.executable, *argv]``; a Debian root returns ``["bwrap", ...,
    interp.executable, *argv]``, Pyodide ``["node", ..., *argv]``.  Used to probe.

``prepare(interp, scratch) -> ContextManager[Launch]``
    Make the interpreter ready to run ``python -m conformance`` from this
    source tree, with pytest importable, able to write inside
    the directory ``scratch`` (where the result JSON goes), and yield the
    :class:`Launch` that starts it.  A kind that runs from a cached virtual
    environment built with pip subclasses :class:`.venv.VenvProvider`, which
    implements this; a provider whose interpreter brings its own packages
    (Debian's ``python3-pytest``) implements it and may put the project's
    source on ``PYTHONPATH`` instead.  The interpreter stays usable
    until the context exits (hold any lock for that long).  The caller runs
    ``[*launch.python, "-c", BOOT, *argv]`` (``elsewhere.BOOT``) in its own
    working directory (a target given as a path is already absolute) with
    ``launch.environment`` set over its own environment.

Registering: import the class in :mod:`.registry` and add an instance to
``PROVIDERS``.  Its place there is its rank in the matrix: each (implementation,
minor version) column takes the interpreter of the earliest provider that has
one.  Add the kind to ``BARE_VERSION_KINDS`` only if a bare ``--python 3.14``
should reach it.  Test it on a fake tree in a tmp folder, as
``tests/matrix/test_interpreters_uv.py`` does.

An :class:`Interpreter` is plain data: ``spec`` is what ``--python`` needs to
find the same interpreter again (a child ``python -m conformance`` process is
given it), and ``root`` is a provider's own place (a Debian root, a uv
install), empty when there is none.
"""

from __future__ import annotations

import abc
import os
import subprocess
from dataclasses import dataclass, field
from typing import ContextManager, Dict, List, Mapping, Optional, Sequence, Tuple

from conformance.cachedir import cache_root  # noqa: F401 - every provider's caches live below it

# The oldest Python the suite judges: the spec's history starts at 3.8.  (The tool
# itself needs 3.9+; an older interpreter gets an older pytest, see venv.py.)
MIN_VERSION = (3, 8)
PROBE_TIMEOUT = 60

Environ = Mapping[str, str]


class InterpreterError(Exception):
    """The interpreter cannot be found, prepared or run; one line for the user."""


@dataclass(frozen=True)
class Interpreter:
    """A Python found on this machine, and the provider that can start it."""

    implementation: str  # sys.implementation.name: cpython, pypy
    version: Tuple[int, int, int]
    executable: str  # as the provider starts it (a path inside its root, for a Debian root)
    provider: str  # the Provider.name that found it
    spec: str = ""  # what --python needs to name it again; "" means the executable
    root: str = ""  # the provider's own place (a Debian root), "" when none
    platform: str = ""  # sys.platform inside, when it is not the host's ("emscripten" for Pyodide)

    @property
    def minor(self) -> Tuple[int, int]:
        return (self.version[0], self.version[1])

    @property
    def version_text(self) -> str:
        return ".".join(str(part) for part in self.version)

    @property
    def label(self) -> str:
        where = f" on {self.platform}" if self.platform else ""
        return f"{self.implementation} {self.version_text}{where}"

    @property
    def python_spec(self) -> str:
        """The ``--python`` value that finds this interpreter again."""
        return self.spec or self.executable


@dataclass(frozen=True)
class Launch:
    """A prepared interpreter: the argv prefix that starts it with the project importable."""

    python: Tuple[str, ...]
    environment: Dict[str, str] = field(default_factory=dict)  # set on top of the caller's
    # "bwrap" when ``python`` already starts inside the kernel sandbox (a Debian root), so the
    # caller must not wrap it again; "" when the caller decides (conformance.sandbox).
    sandbox: str = ""


# One line per fact, so any Python 3 (and PyPy, and a Python under node) answers alike.
PROBE_CODE = "import sys; print(sys.implementation.name, *sys.version_info[:3])"


def parse_probe(output: str) -> Optional[Tuple[str, Tuple[int, int, int]]]:
    """(implementation, version) from the probe's output, or None if it is not one."""
    parts = output.split()
    if len(parts) != 4 or not all(p.isdigit() for p in parts[1:]):
        return None
    return parts[0], (int(parts[1]), int(parts[2]), int(parts[3]))


class Provider(abc.ABC):
    """One kind of interpreter (see the module docstring for the contract)."""

    name: str = ""

    @abc.abstractmethod
    def discover(self, environ: Environ) -> List[Interpreter]:
        """Every interpreter of this kind on this machine; [] when there is none."""

    @abc.abstractmethod
    def resolve(self, rest: str, environ: Environ) -> Optional[Interpreter]:
        """The interpreter ``rest`` names, or None."""

    def command(self, interp: Interpreter, argv: Sequence[str]) -> List[str]:
        """The argv that runs ``argv`` inside ``interp``."""
        return [interp.executable, *argv]

    @abc.abstractmethod
    def prepare(self, interp: Interpreter, scratch: str) -> ContextManager[Launch]:
        """``interp`` ready to run this project's suite (most kinds: venv.VenvProvider's cached venv)."""

    def probe(self, executable: str, spec: str = "", root: str = "") -> Optional[Interpreter]:
        """Ask ``executable`` what it is; None if it will not say."""
        stand_in = Interpreter("", (0, 0, 0), executable, self.name, spec, root)
        try:
            done = subprocess.run(self.command(stand_in, ["-c", PROBE_CODE]), capture_output=True,
                                  text=True, timeout=PROBE_TIMEOUT, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.SubprocessError):
            return None
        found = parse_probe(done.stdout) if done.returncode == 0 else None
        if found is None:
            return None
        return Interpreter(found[0], found[1], executable, self.name, spec, root)


def is_executable_file(path: str) -> bool:
    """True for a file this process may run."""
    return os.path.isfile(path) and os.access(path, os.X_OK)
