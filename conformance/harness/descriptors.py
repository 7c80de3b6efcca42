"""Which descriptors this process holds, for the leak checks."""

from __future__ import annotations

import os
from typing import Optional, Set, Tuple

from conformance.harness.audit import open_unheard

_FD_DIR = "/proc/self/fd"


def _lowest_free() -> int:
    """The number the next descriptor opened will get (-1 when none can be opened)."""
    try:
        # Our own bookkeeping: a test recording audit events must not see it.
        probe = open_unheard(os.devnull, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:  # no descriptor left (the EMFILE tests), or no /dev/null
        return -1
    os.close(probe)
    return probe


def open_fds() -> Set[int]:
    """The descriptors this process has open right now."""
    if os.path.isdir(_FD_DIR):
        listed = {int(name) for name in os.listdir(_FD_DIR)}
        # The listing holds the descriptor listdir read it through, closed since: it was the
        # lowest free number, and is so again.  One open and close find it, where an fstat of
        # every descriptor did before (the fuzz tests ask three times per example).
        spent = _lowest_free()
        if spent in listed:
            return listed - {spent}
        found = set()  # the probe could not say: ask each descriptor, as before
        for fd in listed:
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


def kernel_identity(fd: int) -> Optional[Tuple[int, int]]:
    """The (device, inode) pair the kernel has behind ``fd`` (None: no such descriptor).

    Asked with the real ``os``: a fake file system patches the tests' ``os``, not
    the harness's, so comparing the two answers tells a kernel descriptor from a
    number that only the fake file system knows.
    """
    try:
        info = os.fstat(fd)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def describe_fd(fd: int) -> str:
    """What a descriptor points at, for leak messages."""
    try:
        return os.readlink(f"{_FD_DIR}/{fd}")
    except OSError:
        return "?"
