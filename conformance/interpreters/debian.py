"""Debian's interpreters: CPython and PyPy of a Debian suite, run inside a cached root through ``bwrap``.

``--python`` names them ``debian:SUITE/VERSION``:

==========================  ===============================================
``debian:forky/3.14``       ``/usr/bin/python3.14`` of the forky root
``debian:forky/pypy3.11``   its ``pypy3`` (``debian:forky/pypy3`` too)
``debian:3.15``             the same in the default suite (forky)
``debian:forky``            the suite's default ``python3``
==========================  ===============================================

The root is built on first use (:mod:`.debian_root`, progress on stderr) and
reused after; the matrix discovers only roots already built, so CI builds one
first.  The interpreters bring Debian's own ``python3-pytest``; the project
is not installed but put on ``PYTHONPATH``
(its source tree is bound read-only into the sandbox).  No chroot: every
process, the probe included, runs through :func:`conformance.sandbox.wrap_command`.

A suite moves: a rebuilt root may bring a new patch release (3.14.8 -> 3.14.9)
without any commit here.  Expectation files are keyed by minor version, so the
same entries judge it; an entry a patch release fixes becomes an unexpected
pass until it gets ``fixed_in``.  The root is rebuilt only on request, so CI
judges the same packages until someone asks for new ones, and ``root.json``
records which.  :attr:`DebianProvider.moving` marks these columns; a matrix
policy that would report a new patch release's departures as drift (a warning)
rather than unexplained is not built: today they fail the matrix, as any new
departure does (docs: "Read the matrix", columns that move).
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path
from typing import ContextManager, Iterator, List, Optional, Sequence, Tuple

from conformance import sandbox
from conformance.interpreters import debian_root
from conformance.interpreters.base import Environ, Interpreter, InterpreterError, Launch, Provider

_REST = re.compile(r"^(?:(?P<suite>[a-z][a-z0-9-]*)(?:/|$))?(?P<which>pypy3(?:\.\d{1,2})?|3\.\d{1,2})?$")
_CPYTHON = re.compile(r"^python3\.\d{1,2}$")
PYPY = "pypy3"
# Host settings that would point an interpreter of the root at the host's files.
_UNSET = ("PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV", "PYTHONUSERBASE")


def _in_root(root: str, argv: Sequence[str]) -> List[str]:
    """``argv`` started inside ``root`` with this project importable and the host's Python settings gone."""
    cleaned = ["env"] + [f"--unset={name}" for name in _UNSET]
    return cleaned + [f"PYTHONPATH={sandbox.PROJECT_ROOT}", "PYTHONNOUSERSITE=1",
                      "PYTHONDONTWRITEBYTECODE=1", *argv]


def executables(root: Path) -> List[str]:
    """The interpreters a root holds, as paths inside it: /usr/bin/python3.N and /usr/bin/pypy3."""
    found = sorted((p.name for p in (root / "usr" / "bin").iterdir() if _CPYTHON.match(p.name)),
                   key=lambda name: int(name.rsplit(".", 1)[1]))
    if (root / "usr" / "bin" / PYPY).exists():
        found.append(PYPY)
    return ["/usr/bin/" + name for name in found]


def _wanted(rest: str) -> Tuple[str, str, str]:
    """(suite, executable name, minor version asked for or "") from ``REST`` of ``debian:REST``."""
    rest = rest.strip()
    if rest.endswith("/"):
        rest = "/"  # a suite with an empty version: malformed
    if rest.startswith("pypy"):  # a bare pypy3[.N] is a version, not a suite called pypy3
        rest = f"{debian_root.DEFAULT_SUITE}/{rest}"
    match = _REST.match(rest)
    if not match or not (match.group("suite") or match.group("which")):
        raise InterpreterError(f"debian:{rest} is not SUITE/VERSION (e.g. debian:forky/3.14, "
                               "debian:forky/pypy3.11, debian:3.15)")
    suite = match.group("suite") or debian_root.DEFAULT_SUITE
    which = match.group("which") or "3"  # python3: the suite's default
    minor = which[len("pypy"):] if which.startswith("pypy") else which
    minor = minor if "." in minor else ""
    return suite, (PYPY if which.startswith("pypy") else "python" + which), minor


class DebianProvider(Provider):
    """Interpreters of a Debian suite, in a root built by debootstrap."""

    name = "debian"
    moving = True  # the same spec may name a newer patch release after a rebuild

    def _spec(self, suite: str, interp: Interpreter) -> str:
        prefix = "pypy" if interp.implementation == "pypy" else ""
        return f"{self.name}:{suite}/{prefix}{interp.version[0]}.{interp.version[1]}"

    def _probe_in(self, suite: str, root: Path, executable: str) -> Optional[Interpreter]:
        found = self.probe(executable, root=str(root))
        if found is None:
            return None
        return Interpreter(found.implementation, found.version, executable, self.name,
                           self._spec(suite, found), str(root))

    def discover(self, environ: Environ) -> List[Interpreter]:
        if not sandbox.available():
            return []
        found: List[Interpreter] = []
        for suite in debian_root.built_suites(environ):
            root = debian_root.root_path(suite, environ)
            for executable in executables(root):
                interp = self._probe_in(suite, root, executable)
                if interp is not None:
                    found.append(interp)
        return found

    def resolve(self, rest: str, environ: Environ) -> Optional[Interpreter]:
        suite, name, minor = _wanted(rest)
        root = debian_root.build_root(suite, environ=environ)  # at once if already built
        executable = f"/usr/bin/{name}"
        if not (root / executable.lstrip("/")).exists():
            held = ", ".join(Path(e).name for e in executables(root)) or "none"
            raise InterpreterError(f"the {suite} root has no {name} (it holds {held}; rebuild it with "
                                   "python -m conformance.interpreters.build_root --rebuild)")
        interp = self._probe_in(suite, root, executable)
        if interp is None:
            raise InterpreterError(f"{name} of the {suite} root did not start inside bwrap")
        if minor and f"{interp.version[0]}.{interp.version[1]}" != minor:
            raise InterpreterError(f"the {suite} root's {name} is Python {interp.version_text}, not {minor}")
        return interp

    def command(self, interp: Interpreter, argv: Sequence[str]) -> List[str]:
        work = str(Path(interp.root).parent / "work")
        Path(work).mkdir(exist_ok=True)
        wrapped = sandbox.wrap_command(_in_root(interp.root, [interp.executable, *argv]), work, work,
                                       root=interp.root)
        if wrapped is None:
            raise InterpreterError("bwrap cannot run here (apt-get install bubblewrap): a Debian root's "
                                   "interpreters run only inside it")
        return wrapped

    def prepare(self, interp: Interpreter, scratch: str) -> ContextManager[Launch]:
        return _launch(interp, scratch)


@contextlib.contextmanager
def _launch(interp: Interpreter, scratch: str) -> Iterator[Launch]:
    """The sandboxed command prefix; Debian's pytest is already in the root."""
    wrapped = sandbox.wrap_command(_in_root(interp.root, [interp.executable]), scratch, scratch,
                                   root=interp.root)
    if wrapped is None:
        raise InterpreterError("bwrap cannot run here (apt-get install bubblewrap)")
    yield Launch(tuple(wrapped), sandbox="bwrap")
