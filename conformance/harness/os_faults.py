"""Unusable directories without a mount: faults injected where the judged code meets the os module.

The directory search of ``gettempdir`` decides what is usable by making a
file.  To show it a read-only /tmp or a full disk, the suite needs neither
root nor a private mount namespace: while :func:`injected` is active, the
public ``os.open`` is wrapped, and a file being created in a chosen directory
meets the fault planned for that directory:

* :data:`READ_ONLY` / :data:`NO_PERMISSION` -- the create fails with EROFS
  (a read-only mount) or EACCES (no write permission), before anything is made;
* :data:`FULL` -- the create really happens, but the descriptor handed back is
  one of ``/dev/full``, which refuses data with ENOSPC however it is written
  (``os.write``, an ``io`` file, C code).  A file on a full file system takes
  an empty write, so the wrapped ``os.write`` lets an empty one through there;
* :data:`FIRST_NAME_TAKEN` -- a real file is planted at the first name tried
  in the directory, so that create fails with a real EEXIST.

Every other call passes through untouched, and everything is put back on exit.
The record says which directories saw a create through ``os.open``: a target
whose probe goes another way (``io.open`` in C, ctypes, no probe at all) is
never reached by the faults, and :meth:`Injection.unobservable_reason` says so,
so that the test reports *unobservable* instead of passing.
"""

from __future__ import annotations

import contextlib
import errno
import os
from dataclasses import dataclass, field
from typing import Dict, Iterator, List, Mapping, Optional, Set

READ_ONLY = "read-only"
NO_PERMISSION = "no permission"
FULL = "full"
FIRST_NAME_TAKEN = "first name taken"
FAULTS = (READ_ONLY, NO_PERMISSION, FULL, FIRST_NAME_TAKEN)
_REFUSALS = {READ_ONLY: errno.EROFS, NO_PERMISSION: errno.EACCES}

FULL_DEVICE = "/dev/full"
# PyPy 3.9's os has no O_ACCMODE; the three access modes make the same mask.
_ACCESS_MODE = getattr(os, "O_ACCMODE", os.O_RDONLY | os.O_WRONLY | os.O_RDWR)
PLANTED_BYTES = b"taken before the probe came"

NOT_REACHED = ("the target created no file through os.open in {where} during the call, so the faults "
               "injected there never met its probe (it probes by other means, or not at all)")
BYPASSED = ("the target wrote data into its probe file in a 'full' directory by a route other than the "
            "descriptor os.open handed it, so the refused write never stood in its way")
NO_FULL_DEVICE = f"missing capability: {FULL_DEVICE}, a device that refuses every write with ENOSPC"


def directory_of(path: object) -> str:
    """The directory a path to be created lies in, absolute and normalised (the key of a fault)."""
    parent = os.path.dirname(os.fsdecode(path))  # type: ignore[arg-type]
    try:
        return os.path.normpath(os.path.abspath(parent or os.curdir))
    except OSError:  # relative, and the working directory is gone
        return os.path.normpath(parent or os.curdir)


@dataclass
class Creation:
    """One create seen through os.open: where, and which fault (None: none) it met."""

    path: str
    directory: str
    fault: Optional[str]


@dataclass
class Injection:
    """The faults planned per directory, and every create the wrapped os.open saw."""

    faults: Dict[str, str]
    creations: List[Creation] = field(default_factory=list)
    planted: List[str] = field(default_factory=list)
    bypassed: bool = False  # a probe file in a FULL directory got data the device never saw

    def directories_tried(self) -> List[str]:
        """Each directory a create was seen in, once, in the order first seen."""
        return list(dict.fromkeys(c.directory for c in self.creations))

    def names_tried_in(self, directory: str) -> List[str]:
        """The paths of the creates seen in ``directory``, in order."""
        key = directory_of(os.path.join(directory, "x"))
        return [c.path for c in self.creations if c.directory == key]

    def unobservable_reason(self) -> Optional[str]:
        """Why this run proves nothing (None when a create met an injected fault)."""
        if self.bypassed:
            return BYPASSED
        if any(c.fault is not None for c in self.creations):
            return None
        return NOT_REACHED.format(where=", ".join(sorted(self.faults)))

    def planted_untouched(self) -> bool:
        """Is each planted file still there with the bytes it was planted with?"""
        for path in self.planted:
            try:
                with open(path, "rb") as handle:
                    if handle.read() != PLANTED_BYTES:
                        return False
            except OSError:
                return False
        return True


def full_device_available() -> bool:
    """Can this host hand out a descriptor that refuses every write with ENOSPC?"""
    try:
        fd = os.open(FULL_DEVICE, os.O_WRONLY)
    except OSError:
        return False
    try:
        os.write(fd, b"x")
    except OSError as exc:
        return exc.errno == errno.ENOSPC
    finally:
        os.close(fd)
    return False


@contextlib.contextmanager
def injected(faults: Mapping[str, str]) -> Iterator[Injection]:
    """While active, creates in each directory of ``faults`` meet its fault; every other call passes."""
    for fault in faults.values():
        if fault not in FAULTS:
            raise ValueError(f"unknown fault {fault!r} (one of {', '.join(FAULTS)})")
    seen = Injection({directory_of(os.path.join(d, "x")): f for d, f in faults.items()})
    real_open, real_write, real_close = os.open, os.write, os.close
    full_fds: Set[int] = set()
    kept: List[int] = []  # our own descriptors of the probe files made in FULL directories

    def plant(path: str) -> None:
        fd = real_open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            real_write(fd, PLANTED_BYTES)
        finally:
            real_close(fd)
        seen.planted.append(path)

    def open_(path, flags, mode=0o777, *, dir_fd=None):
        creating = isinstance(flags, int) and flags & os.O_CREAT
        if dir_fd is not None or not creating or not isinstance(path, (str, bytes, os.PathLike)):
            return real_open(path, flags, mode, dir_fd=dir_fd)
        text = os.fsdecode(path)
        directory = directory_of(text)
        fault = seen.faults.get(directory)
        earlier = [c for c in seen.creations if c.directory == directory]
        seen.creations.append(Creation(text, directory, fault))
        if fault in _REFUSALS:
            code = _REFUSALS[fault]
            raise OSError(code, os.strerror(code), path)
        if fault == FIRST_NAME_TAKEN and not earlier and not os.path.lexists(text):
            plant(text)
        fd = real_open(path, flags, mode)
        if fault != FULL:
            return fd
        kept.append(fd)  # the file exists now; what comes back is a descriptor of the full device
        try:
            device = real_open(FULL_DEVICE, flags & _ACCESS_MODE)
        except OSError as exc:  # never let the harness's own failure pass for a refused create
            raise RuntimeError(f"harness: {FULL_DEVICE} cannot be opened ({exc})") from None
        full_fds.add(device)
        return device

    def write_(fd, data):
        if fd in full_fds and len(data) == 0:
            return 0  # a regular file on a full file system accepts an empty write
        return real_write(fd, data)

    def close_(fd):
        full_fds.discard(fd)
        return real_close(fd)

    os.open, os.write, os.close = open_, write_, close_
    try:
        yield seen
    finally:
        # A device descriptor the target never closed stays open: the leak check reports it.
        os.open, os.write, os.close = real_open, real_write, real_close
        for fd in kept:  # data there came some other way than through the full device
            seen.bypassed = seen.bypassed or os.fstat(fd).st_size > 0
            real_close(fd)
