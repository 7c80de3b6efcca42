"""Which descriptors this process holds, for the leak checks."""

from __future__ import annotations

import os
from typing import Set

_FD_DIR = "/proc/self/fd"


def open_fds() -> Set[int]:
    """The descriptors this process has open right now."""
    if os.path.isdir(_FD_DIR):
        found = set()
        for name in os.listdir(_FD_DIR):
            fd = int(name)
            try:
                os.fstat(fd)
            except OSError:  # the listdir's own descriptor, already closed
                continue
            found.add(fd)
        return found
    found = set()  # pragma: no cover - non-Linux hosts
    for fd in range(1024):  # pragma: no cover
        try:
            os.fstat(fd)
        except OSError:
            continue
        found.add(fd)
    return found  # pragma: no cover


def describe_fd(fd: int) -> str:
    """What a descriptor points at, for leak messages."""
    try:
        return os.readlink(f"{_FD_DIR}/{fd}")
    except OSError:
        return "?"
