"""Drive an async temp-file API from synchronous tests.

The suite is synchronous: it calls ``tf.TemporaryFile()`` and expects a file
object back.  Async libraries (aiofiles, anyio) return awaitables, async
context managers and async file objects instead.  This module bridges the
two: one event loop per process, run from the calling thread for each call,
and thin proxies that turn every awaitable an async object hands back into
its result.

Nothing here changes what the wrapped library does; a departure the suite
finds through a proxy is the library's, except where the proxy itself cannot
pass something through (say an ``isinstance(f, io.IOBase)`` check), which the
expectation files classify as an adapter limitation.
"""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import inspect
import os
import sys
import tempfile
import threading
import types
from typing import Any, Awaitable, Callable, Iterator, Optional


class InlineExecutor(concurrent.futures.ThreadPoolExecutor):
    """The loop's default executor: runs each blocking call at once, on the loop's own thread.

    Async libraries hand blocking work to the loop's executor (aiofiles:
    ``run_in_executor(None, ...)``), which is the application's choice to
    make.  A thread pool would keep the last result in its worker thread
    until that thread gets round to dropping it, so an object the test has
    let go (a TemporaryDirectory) would be finalised later, on that thread,
    outside the test's ``catch_warnings`` -- a cell that passes or fails by
    thread timing.  Run inline, no thread but the loop's holds a result, and
    :meth:`LoopRunner.run` waits until the loop has let go of it too.
    """

    def __init__(self) -> None:
        super().__init__(max_workers=1)  # never started: submit() runs the call itself

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> concurrent.futures.Future:
        future: concurrent.futures.Future = concurrent.futures.Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # noqa: B036 - the awaiting caller raises it
            future.set_exception(exc)
        return future


class LoopRunner:
    """Runs awaitables to completion on an event loop in a thread of its own.

    One loop serves every calling thread (the load tests call from many at
    once, and a loop cannot be run from two threads).  It is made eagerly, so
    its descriptors exist before any test counts open descriptors, and made
    again in a forked child, which inherits the loop but not its thread.
    """

    def __init__(self) -> None:
        self._pid = -1
        self._lock = threading.Lock()
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._thread: Optional[threading.Thread] = None
        self.loop()
        atexit.register(self.close)

    def loop(self) -> asyncio.AbstractEventLoop:
        """This process's loop, started on first use and after a fork."""
        if self._pid != os.getpid():
            self._lock = threading.Lock()  # a lock copied mid-use by fork cannot be trusted
        with self._lock:
            dead = self._thread is not None and not self._thread.is_alive()
            if self._loop is None or self._pid != os.getpid() or dead:
                loop = asyncio.new_event_loop()
                loop.set_default_executor(InlineExecutor())
                thread = threading.Thread(target=loop.run_forever, name="async-bridge", daemon=True)
                thread.start()
                self._loop, self._thread, self._pid = loop, thread, os.getpid()
            return self._loop

    def close(self) -> None:
        """Stop the loop and close it (at exit, or when a test is done with it)."""
        loop, thread = self._loop, self._thread
        if loop is None or thread is None or self._pid != os.getpid() or loop.is_closed():
            return
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
        if not thread.is_alive():
            loop.close()

    def run(self, awaitable: Awaitable[Any]) -> Any:
        """Wait for ``awaitable`` and return its result (or raise its exception).

        Every exception, KeyboardInterrupt included, is caught on the loop and
        re-raised here, in the caller's thread, where synchronous code would
        have raised it (the fault tests inject interrupts); and a loop that
        died anyway is reported, never waited for forever.

        The caller is woken only from the loop's next round of callbacks: by
        then the loop holds nothing of this call (the callback that ran it
        is released at the end of its round), so when the caller drops the
        result, it is finalised then and there, in the caller's thread.
        """
        outcome: dict = {}
        finished = threading.Event()

        async def wait() -> None:
            try:
                outcome["value"] = await awaitable
            except BaseException as exc:  # noqa: B036 - handed to the caller below
                outcome["error"] = exc
            finally:
                asyncio.get_running_loop().call_soon(finished.set)

        loop = self.loop()
        if threading.current_thread() is self._thread:
            raise RuntimeError("the async bridge cannot wait for itself")
        loop.call_soon_threadsafe(loop.create_task, wait())
        while not finished.wait(0.2):
            if self._thread is None or not self._thread.is_alive():
                raise RuntimeError("the async bridge's event loop stopped")
        if "error" in outcome:
            raise outcome.pop("error")
        return outcome.pop("value")

    def resolve(self, value: Any) -> Any:
        """``value`` itself, or its result if it is awaitable."""
        if inspect.isawaitable(value):
            return self.run(value)
        return value

    def sync(self, function: Callable[..., Any]) -> Callable[..., Any]:
        """A synchronous version of an async (or sync) function."""

        def call(*args: Any, **kwargs: Any) -> Any:
            return self.resolve(function(*args, **kwargs))

        call.__name__ = getattr(function, "__name__", "call")
        signature_of(call, function)
        call.__doc__ = f"Synchronous bridge to {getattr(function, '__qualname__', function)!r}."
        return call


def signature_of(wrapper: Callable[..., Any], wrapped: Any) -> None:
    """Give ``wrapper`` the parameters of the library's own callable (its real API)."""
    try:
        signature = inspect.signature(wrapped)
    except (TypeError, ValueError):  # no signature to report: leave the wrapper's own
        return
    wrapper.__signature__ = signature  # type: ignore[attr-defined]


class SyncFile:
    """A synchronous view of an async file object.

    Public attributes pass through; methods come back synchronous.  Private
    names are not passed through: the async object's internals are not the
    API under judgement.
    """

    def __init__(self, runner: LoopRunner, afile: Any,
                 on_close: Optional[Callable[[], Awaitable[Any]]] = None) -> None:
        object.__setattr__(self, "_runner", runner)
        object.__setattr__(self, "_afile", afile)
        object.__setattr__(self, "_on_close", on_close)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        value = getattr(self._afile, name)
        if callable(value):
            return self._runner.sync(value)
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._afile, name, value)

    def close(self) -> None:
        """Close through the library's own async close."""
        if self._on_close is not None:
            self._runner.run(self._on_close())
            return
        closer = getattr(self._afile, "aclose", None) or self._afile.close
        self._runner.resolve(closer())

    def __enter__(self) -> SyncFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __iter__(self) -> Iterator[Any]:
        while True:
            line = self.readline()
            if not line:
                return
            yield line

    def __repr__(self) -> str:
        return f"<sync view of {self._afile!r}>"


class SyncTemporaryDirectory:
    """A synchronous view of an async temporary directory: ``name``, ``cleanup()``, ``with``."""

    def __init__(self, runner: LoopRunner, name: Any, cleanup: Callable[[], Awaitable[Any]],
                 exit: Optional[Callable[..., Awaitable[Any]]] = None) -> None:
        self._runner = runner
        self.name = name
        self._cleanup = cleanup
        self._exit = exit

    def cleanup(self) -> None:
        """Remove the directory through the library's async cleanup."""
        self._runner.run(self._cleanup())

    def __enter__(self) -> Any:
        return self.name

    def __exit__(self, *exc: Any) -> None:
        if self._exit is not None:
            self._runner.run(self._exit(*exc))
        else:
            self.cleanup()

    def __repr__(self) -> str:
        return f"<sync view of a temporary directory {self.name!r}>"


def package_version(distribution: str) -> str:
    """The installed version of ``distribution``, or "" if unknown."""
    try:
        from importlib.metadata import version
    except ImportError:  # pragma: no cover - Python < 3.8
        return ""
    try:
        return version(distribution)
    except Exception:  # metadata missing: report no version rather than fail
        return ""


def bridge_target(name: str, library: str, build_module: Callable[[LoopRunner], Any]) -> Any:
    """A partial Target for an async library's bridged module (name-injection via the stdlib)."""
    from conformance.adapters.stdlib import inject_names
    from conformance.target import Target

    module = build_module(LoopRunner())
    return Target(
        name=name,
        module=module,
        version=sys.version_info[:2],
        capabilities={"name-injection": inject_names},
        partial=True,
        implementation=f"{library} {module.__version__} on {sys.implementation.name} "
                       f"{sys.version.split()[0]}",
    )


class BridgeModule(types.ModuleType):
    """A module-like object holding the synchronous names.

    ``tempdir`` reads and writes the stdlib's global, because both wrapped
    libraries create their files through the stdlib and so honour it; the
    suite relies on that to keep files a test creates inside its scratch
    directory.
    """

    @property
    def tempdir(self) -> Any:
        return tempfile.tempdir

    @tempdir.setter
    def tempdir(self, value: Any) -> None:
        tempfile.tempdir = value
