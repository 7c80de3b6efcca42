"""Adapter for ``aiofiles.tempfile``: async temporary files, judged through a sync bridge.

aiofiles offers four names (TemporaryFile, NamedTemporaryFile,
SpooledTemporaryFile, TemporaryDirectory), each returning something to await
or to ``async with``.  The adapter awaits it on a private event loop and hands
the test a synchronous view (see :mod:`conformance.adapters._async_bridge`).
The other public names of tempfile are absent, so the target is partial and
tests of them report "not implemented".

aiofiles creates its files through the running interpreter's stdlib, so it is
judged against that interpreter's version, and the stdlib's name-injection
hook reaches it.
"""

from __future__ import annotations

from typing import Any

from conformance.adapters._async_bridge import (
    BridgeModule,
    LoopRunner,
    SyncFile,
    SyncTemporaryDirectory,
    bridge_target,
    package_version,
    signature_of,
)

# Pinned so that the committed expectations describe the release they were written for.
REQUIREMENTS = ["aiofiles==25.1.0"]
PACKAGE = "aiofiles"

# Extra pytest options for a run of this target.  The library builds objects in
# worker threads, so an object whose constructor failed (the bad-input tests)
# is finalised there; pytest's unraisable-exception capture, fed from a worker
# thread, crashed whole sessions (exit 3).  Without it such messages go to stderr
# as Python prints them; no verdict depends on them.
PYTEST_ADDOPTS = "-p no:unraisableexception"


def build_module(runner: LoopRunner) -> BridgeModule:
    """The synchronous module the suite sees."""
    import aiofiles.tempfile as atf

    module = BridgeModule("aiofiles_tempfile_sync")
    module.__doc__ = "aiofiles.tempfile, each call awaited on the adapter's loop."
    module.__version__ = package_version(PACKAGE)

    def open_file(factory: Any) -> Any:
        def sync(*args: Any, **kwargs: Any) -> SyncFile:
            return SyncFile(runner, runner.run(factory(*args, **kwargs)))

        sync.__name__ = factory.__name__
        signature_of(sync, factory)
        return sync

    def TemporaryDirectory(*args: Any, **kwargs: Any) -> SyncTemporaryDirectory:
        adir = runner.run(atf.TemporaryDirectory(*args, **kwargs))
        return SyncTemporaryDirectory(runner, adir.name, adir.cleanup)

    module.TemporaryFile = open_file(atf.TemporaryFile)
    module.NamedTemporaryFile = open_file(atf.NamedTemporaryFile)
    module.SpooledTemporaryFile = open_file(atf.SpooledTemporaryFile)
    signature_of(TemporaryDirectory, atf.TemporaryDirectory)
    module.TemporaryDirectory = TemporaryDirectory
    return module


def make_target():  # -> Target
    """aiofiles.tempfile, judged against the running interpreter's version."""
    return bridge_target("adapter:aiofiles", "aiofiles", build_module)
