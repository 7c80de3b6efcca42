"""Every provider, the ``--python`` grammar, and the matrix's choice of one interpreter per version.

``--python SPEC``, read in this order:

=====================  =====================================================
``KIND:REST``          ``REST`` as the provider called ``KIND`` reads it:
                       ``pyenv:3.12``, ``uv:3.14``, ``uv:pypy3.11``,
                       ``path:/opt/py/bin/python3``, ``which:pypy3``,
                       ``debian:forky/3.14`` (:mod:`.debian`)
``KIND``               a provider's name alone (``REST`` empty): ``host``,
                       later ``pyodide``
``X.Y`` or ``X.Y.Z``   the first of :data:`BARE_VERSION_KINDS` that has it
                       (pyenv's newest ``X.Y.*``, else uv's, else
                       ``pythonX.Y`` on PATH)
anything with a ``/``  a file path (``path:``)
``NAME``               a command on PATH (``which:``), e.g. ``pypy3``
=====================  =====================================================

A ``KIND:`` that is not a provider's name is an error, unless the whole SPEC
reads as a path (it holds a ``/``), so ``./odd:name/python`` still works.
"""

from __future__ import annotations

import os
import re
from typing import Dict, List, Optional, Sequence, Tuple

from conformance.interpreters.base import (
    MIN_VERSION,
    Environ,
    Interpreter,
    InterpreterError,
    Provider,
)
from conformance.interpreters.debian import DebianProvider
from conformance.interpreters.host import HostProvider, host_interpreter
from conformance.interpreters.path import PathProvider, WhichProvider
from conformance.interpreters.pyenv import PyenvProvider
from conformance.interpreters.pyodide import PyodideProvider
from conformance.interpreters.uv import UvProvider

# In order of preference: the matrix takes each version from the first provider that has it.
PROVIDERS: Tuple[Provider, ...] = (HostProvider(), PyenvProvider(), UvProvider(), DebianProvider(),
                                   WhichProvider(), PathProvider(), PyodideProvider())
# Who is asked for a bare ``3.12``, in order.
BARE_VERSION_KINDS: Tuple[str, ...] = ("pyenv", "uv", "which")

_KIND = re.compile(r"^([a-z][a-z0-9-]*):(.*)$", re.DOTALL)
_VERSION = re.compile(r"^3\.\d{1,2}(\.\d{1,3})?$")


def provider(name: str) -> Provider:
    """The provider called ``name``."""
    for candidate in PROVIDERS:
        if candidate.name == name:
            return candidate
    known = ", ".join(p.name for p in PROVIDERS)
    raise InterpreterError(f"unknown interpreter kind {name!r} (known: {known})")


def _names_a_file(spec: str) -> bool:
    """Is this ``--python`` value an interpreter's file path?  (Targets have their own test.)"""
    return os.sep in spec or spec.startswith(("~", "."))


def parse(spec: str) -> List[Tuple[str, str]]:
    """The (kind, rest) readings of ``spec`` to try in order; the grammar is the module's docstring."""
    spec = spec.strip()
    if not spec:
        raise InterpreterError("--python needs a value (a version, a path, or KIND:REST)")
    names = {p.name for p in PROVIDERS}
    kind = _KIND.match(spec)
    if kind and kind.group(1) in names:
        return [(kind.group(1), kind.group(2))]
    if _names_a_file(spec):
        return [("path", spec)]
    if kind:
        provider(kind.group(1))  # raises: unknown kind
    if spec in names:
        return [(spec, "")]
    if _VERSION.match(spec):
        version = ".".join(spec.split(".")[:2])
        return [(name, spec if name != "which" else f"python{version}") for name in BARE_VERSION_KINDS]
    return [("which", spec)]


def resolve(spec: str, environ: Optional[Environ] = None) -> Interpreter:
    """The interpreter ``--python SPEC`` names; InterpreterError when there is none."""
    env = os.environ if environ is None else environ
    readings = parse(spec)
    for kind, rest in readings:
        found = provider(kind).resolve(rest, env)
        if found is not None:
            return found
    where = " or ".join(f"{kind}:{rest}" for kind, rest in readings)
    raise InterpreterError(f"no Python {spec!r} found (looked for {where})")


def discover(environ: Optional[Environ] = None, skip: Sequence[str] = ()) -> List[Interpreter]:
    """Every interpreter every provider offers (host first), except the kinds in ``skip``."""
    env = os.environ if environ is None else environ
    found: List[Interpreter] = []
    for candidate in PROVIDERS:
        if candidate.name not in skip:
            found += candidate.discover(env)
    return found


def choose(candidates: Sequence[Interpreter], host: Optional[Interpreter] = None) -> List[Interpreter]:
    """One interpreter per (implementation, minor version, platform), for the matrix's columns.

    The provider earliest in :data:`PROVIDERS` wins (the host, then pyenv, uv,
    PATH, then kinds added later such as Debian roots), and within it the newest
    patch release: a column keeps judging the interpreter it judged before when
    a new kind arrives, and a new kind adds the versions nothing else has.
    CPython older than the suite's floor is left out.  (Pyodide's CPython 3.14
    is a column of its own beside a Linux CPython 3.14.)
    """
    host = host or host_interpreter()
    rank = {p.name: index for index, p in enumerate(PROVIDERS)}
    best: Dict[Tuple[str, Tuple[int, int], str], Interpreter] = {}

    def preference(interp: Interpreter) -> Tuple[int, Tuple[int, ...]]:
        return (-rank.get(interp.provider, len(rank)), interp.version)

    for interp in [host, *candidates]:
        if interp.implementation == "cpython" and interp.minor < MIN_VERSION:
            continue
        key = (interp.implementation, interp.minor, interp.platform)
        if key not in best or preference(interp) > preference(best[key]):
            best[key] = interp
    return sorted(best.values(),
                  key=lambda i: (i.implementation != "cpython", i.implementation, i.minor, i.platform))


def provider_of(interp: Interpreter) -> Provider:
    """The provider that starts ``interp``."""
    return provider(interp.provider)
