"""Faults in a child: no descriptor left, a file size limit, and being killed."""

from __future__ import annotations

import errno
import os
import resource
import signal
import sys
import time
from typing import Any, Callable, Dict, List, Tuple

_FD_DIR = "/proc/self/fd"


def _fd_count() -> int:
    return len(os.listdir(_FD_DIR))


def _fill_descriptor_table() -> List[int]:
    held = []
    while True:
        try:
            held.append(os.open(os.devnull, os.O_RDONLY))
        except OSError as exc:
            if exc.errno != errno.EMFILE:
                raise
            return held


def _release(name: str, made: Any) -> None:
    if made is None:
        return
    if name == "mkstemp":
        os.close(made[0])
        os.unlink(made[1])
    elif hasattr(made, "close"):
        made.close()


def create_without_descriptors(tf: Any, where: str) -> Dict[str, Any]:
    """Each creator called with the descriptor table full; what it raised and left behind."""
    spooled = tf.SpooledTemporaryFile(max_size=1 << 20, dir=where)
    spooled.write(b"kept in memory")
    attempts: Dict[str, Callable[[], Any]] = {
        "mkstemp": lambda: tf.mkstemp(dir=where),
        "NamedTemporaryFile": lambda: tf.NamedTemporaryFile(dir=where),
        "TemporaryFile": lambda: tf.TemporaryFile(dir=where),
        "SpooledTemporaryFile.rollover": spooled.rollover,
    }
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    before = _fd_count()
    resource.setrlimit(resource.RLIMIT_NOFILE, (before + 16, hard))
    result: Dict[str, Any] = {}
    for name, make in attempts.items():
        held = _fill_descriptor_table()
        made = None
        try:
            made = make()
            outcome = "no error"
        except OSError as exc:
            outcome = errno.errorcode.get(exc.errno, str(exc.errno))
        except BaseException as exc:
            outcome = type(exc).__name__
        for fd in held:
            os.close(fd)
        _release(name, made)
        result[name] = {"outcome": outcome, "entries": sorted(os.listdir(where))}
    resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    spooled.seek(0)
    result["spooled-data"] = spooled.read().decode()
    spooled.close()
    result["leaked-fds"] = _fd_count() - before
    return result


def roll_over_past_size_limit(tf: Any, where: str) -> Dict[str, Any]:
    """A spooled file rolled over past RLIMIT_FSIZE: the error, what is left, descriptors leaked."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    before = _fd_count()
    resource.setrlimit(resource.RLIMIT_FSIZE, (1000, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
    spooled = tf.SpooledTemporaryFile(max_size=2000, dir=where)
    spooled.write(b"a" * 1500)
    raised = None
    for step in ("write", "flush"):
        try:
            if step == "write":
                spooled.write(b"b" * 1000)
            else:
                spooled.flush()
        except OSError as exc:
            raised = [step, errno.errorcode.get(exc.errno, str(exc.errno))]
            break
    try:
        spooled.close()
    except OSError:
        pass  # close may repeat the error; what matters is what is left
    return {"raised": raised, "entries": sorted(os.listdir(where)),
            "leaked-fds": _fd_count() - before}


def _hold_files(tf: Any, where: str) -> Tuple[Any, Any]:
    """A TemporaryFile and a NamedTemporaryFile, each written to; the named one's path printed."""
    anonymous = tf.TemporaryFile(dir=where)
    anonymous.write(b"anonymous")
    anonymous.flush()
    named = tf.NamedTemporaryFile(dir=where)
    named.write(b"named")
    named.flush()
    sys.stdout.write(os.fsdecode(named.name) + "\n")
    sys.stdout.flush()
    return anonymous, named


def hold_files_until_killed(tf: Any, where: str) -> None:
    """Hold both files and wait to be killed."""
    held = _hold_files(tf, where)  # noqa: F841 - kept open until the kill
    time.sleep(60)


def kill_self_holding_files(tf: Any, where: str) -> None:
    """Hold both files and SIGKILL this process."""
    held = _hold_files(tf, where)  # noqa: F841 - kept open until the kill
    os.kill(os.getpid(), signal.SIGKILL)  # as uncatchable as a kill from outside
