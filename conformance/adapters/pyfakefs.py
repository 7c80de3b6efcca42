"""Adapter for pyfakefs: the stdlib's tempfile running on a fake, in-memory file system.

Implementers of fake file systems need to know where code that creates temp
files behaves differently under the fake.  The adapter starts one pyfakefs
``Patcher`` for the whole session, so the stdlib's ``tempfile`` -- and the
tests' own ``os.stat`` and ``open`` observations -- see the fake file system.

The harness must keep using the real one: its scratch bookkeeping, result
capture and reports live in modules listed in ``HARNESS_MODULES``, which
pyfakefs is told to skip.  The tests' scratch directories are therefore real;
:func:`prepare_scratch` makes each one exist in the fake file system too.

What the fake cannot show (``/proc/self/fd``, child processes, audit events
raised by the real ``os.open``) departs as an adapter limitation, recorded in
``conformance/expectations/adapter-pyfakefs.toml``.
"""

from __future__ import annotations

import atexit
import os
import sys
from typing import Any, Optional

REQUIREMENTS = ["pyfakefs==6.3.2"]
PACKAGE = "pyfakefs"
SHORT = "fakefs"

# Modules that must see the real file system: the harness, never the target.
HARNESS_MODULES = [
    "conformance.harness.scratch",
    "conformance.harness.descriptors",
    "conformance.harness.audit",
    "conformance.harness.guard",
    "conformance.harness.children",
    "conformance.plugin",
    "conformance.cli",
    "conformance.runner",
    "conformance.results",
    "conformance.report",
    "conformance.expectations",
    "conformance.interpreters",
    "conformance.matrix",
    "spec",
    # Processes are real even on a fake file system: subprocess needs real pipes.
    "subprocess",
    "selectors",
]

_patcher: Optional[Any] = None


def start_fake_fs() -> Any:
    """Start (once per process) the session's fake file system and return the patcher."""
    global _patcher
    if _patcher is None:
        from pyfakefs.fake_filesystem_unittest import Patcher

        _patcher = Patcher(additional_skip_names=list(HARNESS_MODULES))
        _patcher.setUp()
        atexit.register(stop_fake_fs)
    return _patcher


def stop_fake_fs() -> None:
    """Put the real file system back (at exit, or when a caller is done)."""
    global _patcher
    if _patcher is not None:
        _patcher.tearDown()
        _patcher = None


def prepare_scratch(path: str) -> None:
    """Make the (real) scratch directory ``path`` exist, owner-only, in the fake file system."""
    fs = start_fake_fs().fs
    if not fs.exists(path):
        fs.create_dir(path, perm_bits=0o700)


def make_target():  # -> Target
    """The stdlib's tempfile on pyfakefs, judged against the running interpreter's version."""
    import tempfile

    from conformance.adapters._async_bridge import package_version
    from conformance.adapters.stdlib import inject_names
    from conformance.target import Target

    # The fake file system starts with the first test's scratch directory, inside
    # the pytest session: started earlier (the runner resolves targets before
    # pytest starts) it would fake pytest's own capture files too.  A child
    # process a test starts (run_in_child) has no scratch fixture, so it starts
    # its own, empty, fake file system at once: the target never runs on the real one.
    if os.environ.get("PYTEST_CURRENT_TEST"):
        start_fake_fs()
    return Target(
        name="adapter:pyfakefs",
        module=tempfile,
        version=sys.version_info[:2],
        capabilities={"name-injection": inject_names},
        implementation=f"pyfakefs {package_version(PACKAGE)} with {sys.implementation.name} "
                       f"{sys.version.split()[0]} tempfile",
        prepare_scratch=prepare_scratch,
    )
