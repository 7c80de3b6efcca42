"""Adapter for anyio's temporary-file API, judged through a sync bridge.

anyio (4.4 and later) offers async versions of TemporaryFile,
NamedTemporaryFile, SpooledTemporaryFile and TemporaryDirectory (async context
managers) and of mkstemp, mkdtemp, gettempdir and gettempdirb (coroutines).
The adapter runs each on a private asyncio loop and hands the test a
synchronous view (see :mod:`conformance.adapters._async_bridge`).  Names anyio
lacks (mktemp, gettempprefix, TMP_MAX, ...) report "not implemented".

anyio delegates creation to the running interpreter's stdlib (except for its
own in-memory spooled file), so it is judged against that interpreter's
version, and the stdlib's name-injection hook reaches it.
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

REQUIREMENTS = ["anyio==4.16.0"]
PACKAGE = "anyio"

# Extra pytest options for a run of this target.  The library builds objects in
# worker threads, so an object whose constructor failed (the bad-input tests)
# is finalised there; pytest's unraisable-exception capture, fed from a worker
# thread, crashed whole sessions (exit 3).  Without it such messages go to stderr
# as Python prints them; no verdict depends on them.
PYTEST_ADDOPTS = "-p no:unraisableexception"

# The coroutine functions anyio offers, bridged one for one.
_FUNCTIONS = ("mkstemp", "mkdtemp", "gettempdir", "gettempdirb")


async def _inline(func: Any, *args: Any, **_options: Any) -> Any:
    """anyio.to_thread.run_sync for the bridge: the blocking call runs at once, on the loop's thread."""
    return func(*args)


def build_module(runner: LoopRunner) -> BridgeModule:
    """The synchronous module the suite sees."""
    import anyio
    import anyio.to_thread

    # anyio hands every blocking call (tempfile's, and each file method's) to a worker
    # thread, and an idle worker keeps its last job -- and the object that job made --
    # alive until it gets another.  When an abandoned object is finalised then depends
    # on thread scheduling, and the finaliser runs outside the test's catch_warnings:
    # cells that pass or fail by timing.  As for aiofiles (the bridge's InlineExecutor),
    # the calls run inline on the loop's thread; which thread runs a blocking call is
    # the async library's scheduling, not part of the tempfile API being judged.
    anyio.to_thread.run_sync = _inline

    module = BridgeModule("anyio_tempfile_sync")
    module.__doc__ = "anyio's temporary-file API, each call awaited on the adapter's loop."
    module.__version__ = package_version(PACKAGE)

    def entered(factory: Any) -> Any:
        """A file factory: enter anyio's async context manager; closing exits it."""

        def sync(*args: Any, **kwargs: Any) -> SyncFile:
            manager = factory(*args, **kwargs)
            afile = runner.run(manager.__aenter__())
            return SyncFile(runner, afile, on_close=lambda: manager.__aexit__(None, None, None))

        sync.__name__ = factory.__name__
        signature_of(sync, factory)
        return sync

    def SpooledTemporaryFile(*args: Any, **kwargs: Any) -> SyncFile:
        # anyio's spooled file is itself the async file object: no entering needed.
        return SyncFile(runner, anyio.SpooledTemporaryFile(*args, **kwargs))

    def TemporaryDirectory(*args: Any, **kwargs: Any) -> SyncTemporaryDirectory:
        adir = anyio.TemporaryDirectory(*args, **kwargs)
        name = runner.run(adir.__aenter__())
        return SyncTemporaryDirectory(runner, name, adir.cleanup, exit=adir.__aexit__)

    signature_of(SpooledTemporaryFile, anyio.SpooledTemporaryFile)
    signature_of(TemporaryDirectory, anyio.TemporaryDirectory)
    module.TemporaryFile = entered(anyio.TemporaryFile)
    module.NamedTemporaryFile = entered(anyio.NamedTemporaryFile)
    module.SpooledTemporaryFile = SpooledTemporaryFile
    module.TemporaryDirectory = TemporaryDirectory
    for name in _FUNCTIONS:
        if hasattr(anyio, name):
            setattr(module, name, runner.sync(getattr(anyio, name)))
    return module


def make_target():  # -> Target
    """anyio's temp-file API, judged against the running interpreter's version."""
    return bridge_target("adapter:anyio", "anyio", build_module)
