"""The sync-over-async bridge the aiofiles and anyio adapters use, on a stand-in async library."""

from __future__ import annotations

import asyncio
import gc
import io
import os
import tempfile
import threading
import weakref

import pytest

from conformance.adapters._async_bridge import BridgeModule, LoopRunner, SyncFile, SyncTemporaryDirectory


class AsyncMemoryFile:
    """An async file over BytesIO: what an async library hands back."""

    def __init__(self) -> None:
        self._buffer = io.BytesIO()
        self.name = "memory"
        self.closed = False
        self.loop_seen = None

    async def write(self, data: bytes) -> int:
        self.loop_seen = asyncio.get_running_loop()
        return self._buffer.write(data)

    async def seek(self, offset: int) -> int:
        return self._buffer.seek(offset)

    async def readline(self) -> bytes:
        return self._buffer.readline()

    async def aclose(self) -> None:
        self.closed = True

    def fileno(self) -> int:  # a plain method stays plain
        return 42


@pytest.fixture
def runner():
    made = LoopRunner()
    yield made
    made.close()


def test_methods_come_back_synchronous_and_run_on_one_loop(runner):
    afile = AsyncMemoryFile()
    view = SyncFile(runner, afile)
    assert view.write(b"one\ntwo\n") == 8
    first_loop = afile.loop_seen
    view.seek(0)
    assert list(view) == [b"one\n", b"two\n"]
    assert view.fileno() == 42 and view.name == "memory"
    view.write(b"x")
    assert afile.loop_seen is first_loop


def test_close_uses_the_async_close_and_with_closes(runner):
    afile = AsyncMemoryFile()
    with SyncFile(runner, afile) as view:
        assert view.closed is False
    assert afile.closed is True


def test_close_hook_wins_when_given(runner):
    seen = []

    async def exit_manager():
        seen.append("exited")

    SyncFile(runner, AsyncMemoryFile(), on_close=exit_manager).close()
    assert seen == ["exited"]


def test_private_names_are_not_passed_through(runner):
    view = SyncFile(runner, AsyncMemoryFile())
    with pytest.raises(AttributeError):
        view._buffer  # noqa: B018 - the access is the test


def test_exceptions_of_the_async_call_reach_the_caller(runner):
    async def broken():
        raise FileExistsError("taken")

    with pytest.raises(FileExistsError, match="taken"):
        runner.sync(broken)()


def test_temporary_directory_view(runner):
    calls = []

    async def cleanup():
        calls.append("cleanup")

    async def exit_(*exc):
        calls.append(("exit", exc[0]))

    with SyncTemporaryDirectory(runner, "/d", cleanup) as name:
        assert name == "/d"
    with SyncTemporaryDirectory(runner, "/e", cleanup, exit=exit_):
        pass
    SyncTemporaryDirectory(runner, "/f", cleanup).cleanup()
    assert calls == ["cleanup", ("exit", None), "cleanup"]


def test_a_forked_child_gets_its_own_loop(runner):
    async def pid():
        return os.getpid()

    parent_loop = runner.loop()
    runner.run(pid())  # the parent's loop thread is busy-capable before the fork
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child
        ok = runner.loop() is not parent_loop and runner.run(pid()) == os.getpid()
        os.write(write, b"1" if ok else b"0")
        os._exit(0)
    os.close(write)
    try:
        assert os.read(read, 1) == b"1"
    finally:
        os.close(read)
        os.waitpid(child, 0)
    assert runner.loop() is parent_loop


def test_bridge_module_tempdir_is_the_stdlib_global():
    module = BridgeModule("m")
    saved = tempfile.tempdir
    try:
        module.tempdir = "/somewhere"
        assert tempfile.tempdir == "/somewhere" and module.tempdir == "/somewhere"
    finally:
        tempfile.tempdir = saved


def test_calls_from_many_threads_share_the_one_loop(runner):
    import threading

    async def which_loop():
        await asyncio.sleep(0.01)
        return asyncio.get_running_loop()

    seen, errors = [], []

    def call():
        try:
            seen.append(runner.run(which_loop()))
        except Exception as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=call) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(seen) == 8 and all(loop is runner.loop() for loop in seen)


def test_wrappers_report_the_library_signature(runner):
    async def make(mode="w+b", *, loop=None):
        return mode

    import inspect

    assert list(inspect.signature(runner.sync(make)).parameters) == ["mode", "loop"]


def test_an_interrupt_on_the_loop_reaches_the_caller_and_the_loop_survives(runner):
    async def interrupted():
        raise KeyboardInterrupt("injected")

    async def fine():
        return "still running"

    with pytest.raises(KeyboardInterrupt, match="injected"):
        runner.run(interrupted())
    assert runner.run(fine()) == "still running"


class Finalised:
    """Something an async library builds in its executor and that notes where it is finalised."""

    def __init__(self, where: list) -> None:
        weakref.finalize(self, lambda: where.append(threading.current_thread().name))


def test_a_dropped_result_is_finalised_at_once_in_the_caller_s_thread(runner):
    # aiofiles builds its objects with run_in_executor(None, ...); a worker thread that still held
    # the result finalised it later, outside the test's catch_warnings (the flaky aiofiles cell).
    async def build(where):
        return await asyncio.get_running_loop().run_in_executor(None, Finalised, where)

    late = []
    for _ in range(30):
        where: list = []
        holder = {"made": runner.run(build(where))}
        holder.clear()
        gc.collect()  # as the suite's test does; the collector's pause is when a worker thread wakes
        late += [where] if where != [threading.current_thread().name] else []
    assert late == []


def test_the_inline_executor_returns_results_and_exceptions_through_the_loop(runner):
    async def in_executor(fn):
        return await asyncio.get_running_loop().run_in_executor(None, fn)

    assert runner.run(in_executor(threading.current_thread)).name == "async-bridge"
    with pytest.raises(ZeroDivisionError):
        runner.run(in_executor(lambda: 1 / 0))
