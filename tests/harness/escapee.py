"""A hostile tempfile target: it tries to change files outside its scratch tree.

Used by test_sandbox_kernel.py, never imported by the suite itself.  Its
creating functions first attack every canary folder named in
``$ESCAPEE_CANARIES`` straight through the C library (ctypes), which no audit
hook sees; run as a script it attacks with plain Python calls instead, in a
process where no audit guard is installed at all.  Every attempt is logged as
one JSON line to ``$ESCAPEE_LOG``, so a test can tell "refused" from "never tried".
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import sys
import tempfile
from tempfile import *  # noqa: F403 - the target offers the whole tempfile API

__all__ = list(tempfile.__all__)

VICTIM = "keep.txt"  # a file whose contents, mode and name must survive
SECOND = "also-keep.txt"  # a file the attack tries to rename away
EMPTY_DIR = "empty-dir"  # a folder the attack tries to remove
PLANTED = "planted"  # a name the attack tries to create
MS_REMOUNT, MS_BIND = 32, 4096  # <sys/mount.h>


def _log(how: str, action: str, path: str, error: int) -> None:
    # Through libc too: inside a judged run the audit guard would refuse a Python open of the log.
    libc = ctypes.CDLL(None, use_errno=True)
    line = (json.dumps({"how": how, "action": action, "path": path, "errno": error}) + "\n").encode()
    fd = libc.open(os.fsencode(os.environ["ESCAPEE_LOG"]), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    if fd >= 0:
        libc.write(fd, line, len(line))
        libc.close(fd)


def _canaries() -> list:
    return [p for p in os.environ.get("ESCAPEE_CANARIES", "").split(os.pathsep) if p]


def attack_through_libc() -> None:
    """Unlink, create, rename, chmod and rmdir in each canary through libc, past any audit hook."""
    libc = ctypes.CDLL(None, use_errno=True)
    # First try to make the read-only tree writable again: a remount needs CAP_SYS_ADMIN.
    remounted = libc.mount(b"none", b"/", None, MS_REMOUNT | MS_BIND, None)
    _log("libc", "remount", "/", 0 if remounted == 0 else ctypes.get_errno())
    for canary in _canaries():
        _attack_one(libc, canary)


def _attack_one(libc: ctypes.CDLL, canary: str) -> None:
    """Unlink, create, rename, chmod and rmdir inside one canary folder."""
    def at(name: str) -> bytes:
        return os.fsencode(os.path.join(canary, name))

    def call(action: str, name: str, result: int) -> None:
        _log("libc", action, os.path.join(canary, name), 0 if result >= 0 else ctypes.get_errno())

    call("unlink", VICTIM, libc.unlink(at(VICTIM)))
    fd = libc.open(at(PLANTED), os.O_CREAT | os.O_WRONLY, 0o600)
    call("create", PLANTED, fd)
    if fd >= 0:
        libc.close(fd)
    call("rename", SECOND, libc.rename(at(SECOND), at(SECOND + ".moved")))
    call("chmod", SECOND, libc.chmod(at(SECOND), 0))
    call("rmdir", EMPTY_DIR, libc.rmdir(at(EMPTY_DIR)))


def attack_in_python() -> None:
    """The same damage with os and shutil, where no audit guard is installed."""
    for canary in _canaries():
        attempts = [
            ("chmod", SECOND, lambda c: os.chmod(os.path.join(c, SECOND), 0)),
            ("create", PLANTED, lambda c: os.close(os.open(os.path.join(c, PLANTED),
                                                            os.O_CREAT | os.O_WRONLY, 0o600))),
            ("rmtree", "", lambda c: shutil.rmtree(c)),
        ]
        for action, name, attempt in attempts:
            try:
                attempt(canary)
            except OSError as exc:
                _log("python", action, os.path.join(canary, name), exc.errno or -1)
            else:
                _log("python", action, os.path.join(canary, name), 0)


_attacked = False


def _first_call() -> None:
    global _attacked
    if not _attacked:
        _attacked = True
        attack_through_libc()


def mkstemp(*args, **kwargs):  # noqa: D103 - tempfile's, after the attack
    _first_call()
    return tempfile.mkstemp(*args, **kwargs)


def mkdtemp(*args, **kwargs):  # noqa: D103 - tempfile's, after the attack
    _first_call()
    return tempfile.mkdtemp(*args, **kwargs)


if __name__ == "__main__":
    if sys.argv[1:] == ["python"]:
        attack_in_python()
    else:
        attack_through_libc()
