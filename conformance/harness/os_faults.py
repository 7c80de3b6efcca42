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

TemporaryFile's way without O_TMPFILE is reached the same way, with faults
of two more kinds (a directory may combine one of each kind, as a tuple):

* :data:`NO_O_TMPFILE_KERNEL` / :data:`O_TMPFILE_UNSUPPORTED` -- an
  ``os.open`` of the directory itself with ``os.O_TMPFILE`` fails with EISDIR
  (a Linux kernel before 3.11 reads the flag as O_DIRECTORY) or EOPNOTSUPP (a
  file system without it);
* :data:`REMOVAL_REFUSED` / :data:`REMOVAL_INTERRUPTED` -- ``os.unlink`` or
  ``os.remove`` of a name created in the directory during the call fails with
  EPERM every time, or raises KeyboardInterrupt the first time (one Ctrl-C).

Every other call passes through untouched, and everything is put back on exit.
The record says which directories saw a create through ``os.open``: a target
whose probe goes another way (``io.open`` in C, ctypes, no probe at all) is
never reached by the faults, and :meth:`Injection.unobservable_reason` (for
TemporaryFile, :meth:`Injection.fallback_unobservable_reason`) says so, so
that the test reports *unobservable* instead of passing.
"""

from __future__ import annotations

import contextlib
import errno
import os
from dataclasses import dataclass, field
from typing import Callable, Dict, Iterator, List, Mapping, Optional, Set, Tuple, Union

READ_ONLY = "read-only"
NO_PERMISSION = "no permission"
FULL = "full"
FIRST_NAME_TAKEN = "first name taken"
NO_O_TMPFILE_KERNEL = "kernel without O_TMPFILE"
O_TMPFILE_UNSUPPORTED = "O_TMPFILE unsupported"
REMOVAL_REFUSED = "removal refused"
REMOVAL_INTERRUPTED = "removal interrupted"
# One fault of each kind at most per directory: a create, an O_TMPFILE open, a removal.
CREATE, O_TMPFILE_OPEN, REMOVAL = 0, 1, 2  # indexes into KINDS
KINDS = ((READ_ONLY, NO_PERMISSION, FULL, FIRST_NAME_TAKEN), (NO_O_TMPFILE_KERNEL, O_TMPFILE_UNSUPPORTED),
         (REMOVAL_REFUSED, REMOVAL_INTERRUPTED))
FAULTS = tuple(fault for kind in KINDS for fault in kind)
_REFUSALS = {READ_ONLY: errno.EROFS, NO_PERMISSION: errno.EACCES,
             NO_O_TMPFILE_KERNEL: errno.EISDIR, O_TMPFILE_UNSUPPORTED: errno.EOPNOTSUPP}
_O_TMPFILE = getattr(os, "O_TMPFILE", 0)  # 0: no such flag here, so no open is recognised as one
Inode = Tuple[int, int]  # (st_dev, st_ino)
_PATH_TYPES = (str, bytes, os.PathLike)

FULL_DEVICE = "/dev/full"
# PyPy 3.9's os has no O_ACCMODE; the three access modes make the same mask.
_ACCESS_MODE = getattr(os, "O_ACCMODE", os.O_RDONLY | os.O_WRONLY | os.O_RDWR)
PLANTED_BYTES = b"taken before the probe came"

NOT_REACHED = ("the target created no file through os.open in {where} during the call, so the faults "
               "injected there never met its probe (it probes by other means, or not at all)")
BYPASSED = ("the target wrote data into its probe file in a 'full' directory by a route other than the "
            "descriptor os.open handed it, so the refused write never stood in its way")
NOT_MADE_BY_NAME = ("the file TemporaryFile returned is none the target created by name through os.open in "
                    "{where}: it got its file by other means, which the refused O_TMPFILE never stood in")
FALLBACK_NOT_REACHED = ("the call failed without trying O_TMPFILE, or a create by name, through os.open in "
                        "{where}: the faults never met it")
NOT_REMOVED = ("the target removed no name it had created in {where} through os.unlink or os.remove, so the "
               "refused removal never met it")
NO_FULL_DEVICE = f"missing capability: {FULL_DEVICE}, a device that refuses every write with ENOSPC"


def absolute(path: object) -> str:
    """A path made absolute and normalised (left relative if the working directory is gone)."""
    text = os.fsdecode(path) or os.curdir  # type: ignore[arg-type]
    try:
        return os.path.normpath(os.path.abspath(text))
    except OSError:
        return os.path.normpath(text)


def directory_of(path: object) -> str:
    """The directory a path to be created lies in, absolute and normalised (the key of a fault)."""
    return absolute(os.path.dirname(os.fsdecode(path)))  # type: ignore[arg-type]


def _planned(fault: Union[str, Tuple[str, ...]]) -> Tuple[str, ...]:
    """One directory's faults as a tuple, checked: known, and at most one of each kind."""
    faults = (fault,) if isinstance(fault, str) else tuple(fault)
    for one in faults:
        if one not in FAULTS:
            raise ValueError(f"unknown fault {one!r} (one of {', '.join(FAULTS)})")
    for kind in KINDS:
        if len(set(faults) & set(kind)) > 1:
            raise ValueError(f"faults {faults!r} combine two of one kind ({', '.join(kind)})")
    return faults


@dataclass
class Creation:
    """One call seen through a wrapper (a create, an O_TMPFILE open, a removal): where, and its fault."""

    path: str
    directory: str
    fault: Optional[str]  # the fault it met; None: it passed through
    inode: Optional[Inode] = None  # of the file a create made


@dataclass
class Injection:
    """The faults planned per directory, and every create, O_TMPFILE open and removal seen."""

    faults: Dict[str, Tuple[str, ...]]
    creations: List[Creation] = field(default_factory=list)
    anonymous: List[Creation] = field(default_factory=list)  # opens with O_TMPFILE (path: the directory)
    removals: List[Creation] = field(default_factory=list)
    planted: List[str] = field(default_factory=list)
    bypassed: bool = False  # a probe file in a FULL directory got data the device never saw

    def fault_of(self, directory: str, kind: int) -> Optional[str]:
        """The fault of kind ``kind`` (an index into KINDS) planned for ``directory``, if any."""
        return next((f for f in self.faults.get(directory, ()) if f in KINDS[kind]), None)

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

    def fallback_unobservable_reason(self, returned: Optional[Inode]) -> Optional[str]:
        """Why a TemporaryFile call proves nothing about its way without O_TMPFILE (None: it does).

        ``returned`` is the inode of the file the call returned (None: it raised).
        A planned removal fault must have met a removal.  Otherwise the call must
        have met the refused O_TMPFILE open, or made its file by name through
        os.open (a target that never tries O_TMPFILE through os.open -- none in
        os, as on PyPy 3.9 -- runs this way anyway); and a file it returned must
        be one it made so, not one it got some other way.
        """
        where = ", ".join(sorted(self.faults))
        if any(self.fault_of(d, REMOVAL) for d in self.faults):
            met = any(r.fault is not None for r in self.removals)
            return None if met else NOT_REMOVED.format(where=where)
        by_name = [c for c in self.creations if c.directory in self.faults]
        if returned is not None:
            return None if any(c.inode == returned for c in by_name) else NOT_MADE_BY_NAME.format(where=where)
        if by_name or any(a.fault is not None for a in self.anonymous):
            return None
        return FALLBACK_NOT_REACHED.format(where=where)

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
def injected(faults: Mapping[str, Union[str, Tuple[str, ...]]]) -> Iterator[Injection]:
    """While active, calls in each directory of ``faults`` meet its faults; every other call passes."""
    seen = Injection({absolute(d): _planned(f) for d, f in faults.items()})
    real_open, real_write, real_close = os.open, os.write, os.close
    real_unlink, real_remove = os.unlink, os.remove
    full_fds: Set[int] = set()
    kept: List[int] = []  # our own descriptors of the probe files made in FULL directories
    interrupted: Set[str] = set()  # names whose removal already met its one KeyboardInterrupt

    def plant(path: str) -> None:
        fd = real_open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            real_write(fd, PLANTED_BYTES)
        finally:
            real_close(fd)
        seen.planted.append(path)

    def refuse(fault: str, path: object) -> None:
        code = _REFUSALS[fault]
        raise OSError(code, os.strerror(code), path)

    def open_anonymous(path, flags, mode):
        directory = absolute(path)
        fault = seen.fault_of(directory, O_TMPFILE_OPEN)
        seen.anonymous.append(Creation(os.fsdecode(path), directory, fault))
        if fault is not None:
            refuse(fault, path)
        return real_open(path, flags, mode)

    def open_(path, flags, mode=0o777, *, dir_fd=None):
        if dir_fd is not None or not isinstance(flags, int) or not isinstance(path, _PATH_TYPES):
            return real_open(path, flags, mode, dir_fd=dir_fd)
        if _O_TMPFILE and flags & _O_TMPFILE == _O_TMPFILE:
            return open_anonymous(path, flags, mode)
        if not flags & os.O_CREAT:
            return real_open(path, flags, mode)
        text = os.fsdecode(path)
        directory = directory_of(text)
        fault = seen.fault_of(directory, CREATE)
        earlier = [c for c in seen.creations if c.directory == directory]
        creation = Creation(text, directory, fault)
        seen.creations.append(creation)
        if fault in _REFUSALS:
            refuse(fault, path)
        if fault == FIRST_NAME_TAKEN and not earlier and not os.path.lexists(text):
            plant(text)
        fd = real_open(path, flags, mode)
        made = os.fstat(fd)
        creation.inode = (made.st_dev, made.st_ino)
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

    def removing(real: Callable[..., None]) -> Callable[..., None]:
        def remove_(path, *, dir_fd=None):
            if dir_fd is not None or not isinstance(path, _PATH_TYPES):
                return real(path, dir_fd=dir_fd)
            text = absolute(path)
            fault = seen.fault_of(os.path.dirname(text), REMOVAL)
            if text not in {absolute(c.path) for c in seen.creations} or text in interrupted:
                fault = None  # not a name made during the call, or its one interrupt is spent
            seen.removals.append(Creation(text, os.path.dirname(text), fault))
            if fault == REMOVAL_REFUSED:
                raise OSError(errno.EPERM, os.strerror(errno.EPERM), path)
            if fault == REMOVAL_INTERRUPTED:
                interrupted.add(text)
                raise KeyboardInterrupt(f"injected while removing {text}")
            return real(path)
        return remove_

    os.open, os.write, os.close = open_, write_, close_
    os.unlink, os.remove = removing(real_unlink), removing(real_remove)
    try:
        yield seen
    finally:
        # A device descriptor the target never closed stays open: the leak check reports it.
        os.open, os.write, os.close = real_open, real_write, real_close
        os.unlink, os.remove = real_unlink, real_remove
        for fd in kept:  # data there came some other way than through the full device
            seen.bypassed = seen.bypassed or os.fstat(fd).st_size > 0
            real_close(fd)
