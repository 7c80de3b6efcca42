"""A private mount namespace for one check process: directories read-only there, and nowhere else.

The directory search falls back from /tmp to /var/tmp to the working
directory only when the earlier candidates refuse a file; as root the only
honest refusal is a read-only mount.  A check process (Linux, root) leaves the
host's mount namespace for a private copy of it, makes every mount in that copy
private so nothing propagates back, and only then bind-mounts the chosen
directories onto themselves and remounts those binds read-only or writable.
This is what ``unshare -m --propagation private`` and ``mount -o
remount,bind,ro`` do, done with the system calls themselves so that no
shell, no ``mount`` program and no second interpreter is started.  The
changes end with the process.
"""

from __future__ import annotations

import ctypes
import os
import sys
from typing import Sequence

_CLONE_NEWNS = 0x00020000  # unshare(): a new mount namespace
_MS_RDONLY, _MS_REMOUNT, _MS_BIND = 1, 32, 4096
_MS_REC, _MS_PRIVATE = 16384, 1 << 18

_private = False  # set once this process has left the host's mount namespace


def _checked(result: int, what: str) -> None:
    if result != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"{what}: {os.strerror(error)}")


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def enter_private_namespace() -> None:
    """Leave the host's mount namespace; nothing mounted after this reaches any other process."""
    global _private
    if not sys.platform.startswith("linux"):
        raise OSError("a private mount namespace needs Linux")
    libc = _libc()
    _checked(libc.unshare(_CLONE_NEWNS), "unshare(CLONE_NEWNS)")
    # Mounts may still be shared with the host's namespace: make every one private, recursively.
    _checked(libc.mount(b"none", b"/", None, _MS_REC | _MS_PRIVATE, None), "making / private")
    _private = True


def bind_onto_itself(path: str, read_only: bool) -> None:
    """Bind ``path`` onto itself, then remount that bind read-only or writable."""
    if not _private:  # never change the host's mounts
        raise RuntimeError("bind_onto_itself before enter_private_namespace")
    libc, name = _libc(), os.fsencode(path)
    _checked(libc.mount(name, name, None, _MS_BIND, None), f"bind {path}")
    flags = _MS_REMOUNT | _MS_BIND | (_MS_RDONLY if read_only else 0)
    _checked(libc.mount(b"none", name, None, flags, None), f"remount {path}")


def read_only_view(readonly: Sequence[str], writable: Sequence[str], cwd: str) -> None:
    """In a private namespace: the existing ``readonly`` directories read-only, then ``writable`` writable."""
    enter_private_namespace()
    for path in readonly:
        if os.path.isdir(path):  # /usr/tmp, say, is missing on most hosts
            bind_onto_itself(path, read_only=True)
    for path in writable:  # after: a writable directory inside a read-only one stays writable
        bind_onto_itself(path, read_only=False)
    os.chdir(cwd)
