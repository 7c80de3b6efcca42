"""Collisions without a hook: plant an entry where the judged code is about to create one.

Two black-box ways to learn, before the implementation's own creating call,
which name it is about to try:

* :class:`AuditPlanter` -- the documented audit events ``tempfile.mkstemp`` and
  ``tempfile.mkdtemp`` carry the full path of each attempt.  At the event, the
  planter puts whatever the plan says at that path (a file, a directory, a
  symbolic link to a canary, a dangling link, or nothing) and counts the attempt.
* :class:`ExistencePlanter` -- ``mktemp`` raises no event, but it must ask the
  operating system whether a candidate exists.  While active, the planter sees
  every ``os.stat``/``os.lstat`` of a candidate in the watched directory and
  plants there first, so the answer is a real "it exists".

Neither touches a name private to the judged module.  Both also record what
makes the planting prove nothing, so a test reports *unobservable* instead of
passing: no announcement at all, or an announcement that came after the
attempt (the path already existed when the event arrived).
"""

from __future__ import annotations

import contextlib
import os
import stat
from dataclasses import dataclass, field
from typing import Callable, Dict, Iterator, List, Optional, Sequence, Union

from conformance.harness.audit import subscribed

PathName = Union[str, bytes]

# What can be planted at a candidate path.
FILE = "file"
DIRECTORY = "directory"
SYMLINK = "symlink to a canary"
DANGLING = "dangling symlink"
ENTRY_KINDS = (FILE, DIRECTORY, SYMLINK, DANGLING)

PLANTED_BYTES = b"planted"
CANARY_BYTES = b"canary"
CREATION_EVENTS = ("tempfile.mkstemp", "tempfile.mkdtemp")

# Why a planting can prove nothing (the reasons a test reports as unobservable).
NO_ANNOUNCEMENT = ("the target raised no tempfile.mkstemp/tempfile.mkdtemp audit event for the call, "
                   "so no entry could be planted in the way of its attempts")
LATE_ANNOUNCEMENT = ("the target announced an attempt only after making it (the announced path "
                     "already existed when the audit event came), so a planted entry proves nothing")
UNANNOUNCED_ATTEMPTS = ("the target created a name it never announced, so its announcements are not "
                        "its attempts and the entries planted at them prove nothing")
NO_EXISTENCE_CHECK = ("the target never asked os.stat/os.lstat whether a candidate in the directory "
                      "exists, so no entry could be planted before its check")

Plan = Callable[[int], Optional[str]]  # attempt number (from 0) -> the kind to plant, or None


def every(kind: Optional[str]) -> Plan:
    """Plant ``kind`` at every attempt."""
    return lambda _attempt: kind


def first(count: int, kind: str) -> Plan:
    """Plant ``kind`` at the first ``count`` attempts, nothing after."""
    return lambda attempt: kind if attempt < count else None


@dataclass
class Planted:
    """One entry planted at a candidate path, and what it must still be afterwards."""

    path: PathName
    kind: str
    identity: tuple  # (st_dev, st_ino, st_mode) of the planted entry itself, never followed

    def untouched(self) -> bool:
        """Is the very entry planted still there, unchanged in type, mode and content?"""
        try:
            info = os.stat(self.path, follow_symlinks=False)
        except OSError:
            return False
        if (info.st_dev, info.st_ino, info.st_mode) != self.identity:
            return False
        if self.kind == FILE:
            with open(self.path, "rb") as handle:
                return handle.read() == PLANTED_BYTES
        if self.kind == DIRECTORY:
            return os.listdir(self.path) == []
        return True


@dataclass
class Planting:
    """What one planter saw and did: the announced attempts and the entries put in their way."""

    canary: str
    attempts: List[PathName] = field(default_factory=list)
    planted: List[Planted] = field(default_factory=list)
    late: List[PathName] = field(default_factory=list)

    def plant(self, path: PathName, kind: str) -> None:
        """Put an entry of ``kind`` at ``path`` (which does not exist yet)."""
        if kind == FILE:
            with open(path, "xb") as handle:
                handle.write(PLANTED_BYTES)
        elif kind == DIRECTORY:
            os.mkdir(path, 0o700)
        elif kind == SYMLINK:
            os.symlink(self.canary, path)
        else:
            os.symlink(self.dangling_target(), path)
        info = os.stat(path, follow_symlinks=False)
        self.planted.append(Planted(path, kind, (info.st_dev, info.st_ino, info.st_mode)))

    def dangling_target(self) -> str:
        """Where every dangling link points: a path that must still not exist afterwards."""
        return self.canary + ".nowhere"

    def canary_untouched(self) -> bool:
        """Is the canary a link target never written, chmodded or replaced, and the dangling target absent?"""
        info = os.stat(self.canary, follow_symlinks=False)
        with open(self.canary, "rb") as handle:
            content = handle.read()
        return (stat.S_ISREG(info.st_mode) and stat.S_IMODE(info.st_mode) == 0o644
                and content == CANARY_BYTES and not os.path.lexists(self.dangling_target()))

    def unobservable_reason(self, none_reason: str, made: Optional[PathName] = None) -> Optional[str]:
        """Why this planting proves nothing (None when it can prove something).

        ``made`` is the name the call returned, if any: one that is neither
        planted nor the last announced path was never announced.
        """
        if self.late:
            return LATE_ANNOUNCEMENT
        if not self.attempts:
            return none_reason
        expected = self.planted_paths() + [os.fsdecode(self.attempts[-1])]
        if made is not None and os.fsdecode(made) not in expected:
            return UNANNOUNCED_ATTEMPTS
        return None

    def planted_paths(self) -> List[str]:
        """The planted paths, as text."""
        return [os.fsdecode(p.path) for p in self.planted]


def make_canary(where: str) -> str:
    """A regular file (mode 0o644, known content) that planted links point at."""
    canary = os.path.join(where, "canary")
    with open(canary, "xb") as handle:
        handle.write(CANARY_BYTES)
    os.chmod(canary, 0o644)
    return canary


class AuditPlanter:
    """Audit listener: at each announced attempt, plant what the plan says at the announced path."""

    def __init__(self, plan: Plan, canary: str, limit: int = 100) -> None:
        self.plan = plan
        self.limit = limit  # past this many attempts nothing is planted: a search that never gives up ends
        self.seen = Planting(canary)

    def __call__(self, event: str, args: tuple) -> None:
        if event not in CREATION_EVENTS or not args:
            return
        path = args[0]
        attempt = len(self.seen.attempts)
        self.seen.attempts.append(path)
        if os.path.lexists(path):  # made before it was announced: the event comes too late
            self.seen.late.append(path)
            return
        kind = self.plan(attempt) if attempt < self.limit else None
        if kind is not None:
            self.seen.plant(path, kind)


@contextlib.contextmanager
def planting_at_audit_events(plan: Plan, canary: str, limit: int = 100) -> Iterator[Planting]:
    """While active, plant at every path announced by a creation audit event."""
    planter = AuditPlanter(plan, canary, limit)
    with subscribed(planter, tuple(CREATION_EVENTS)):
        yield planter.seen


class ExistencePlanter:
    """Wraps os.stat/os.lstat: a first look at a candidate in ``directory`` finds what the plan planted."""

    def __init__(self, plan: Plan, canary: str, directory: str, prefix: str, limit: int = 100) -> None:
        self.plan = plan
        self.limit = limit
        self.directory = os.path.realpath(directory)
        self.prefix = prefix
        self.seen = Planting(canary)
        self.looked_at: Dict[str, int] = {}
        self.busy = False

    def is_candidate(self, path: object) -> bool:
        """Is ``path`` a name the target may be about to return (in the directory, with the prefix)?"""
        if not isinstance(path, (str, bytes, os.PathLike)):
            return False
        text = os.fsdecode(path)
        return (os.path.realpath(os.path.dirname(text) or ".") == self.directory
                and os.path.basename(text).startswith(self.prefix))

    def before_look(self, path: PathName) -> None:
        """A candidate is about to be looked at: count it and plant in its way the first time."""
        text = os.fsdecode(path)
        if text in self.looked_at:
            self.looked_at[text] += 1
            return
        self.looked_at[text] = 1
        attempt = len(self.seen.attempts)
        self.seen.attempts.append(path)
        if os.path.lexists(path):
            return  # taken already (by us): the target must skip it anyway
        kind = self.plan(attempt) if attempt < self.limit else None
        if kind is not None:
            self.seen.plant(path, kind)


@contextlib.contextmanager
def planting_at_existence_checks(plan: Plan, canary: str, directory: str, prefix: str,
                                 limit: int = 100, functions: Sequence[str] = ("stat", "lstat")
                                 ) -> Iterator[Planting]:
    """While active, plant at each candidate of ``directory`` the first time os.stat/os.lstat is asked."""
    planter = ExistencePlanter(plan, canary, directory, prefix, limit)
    originals = {name: getattr(os, name) for name in functions}

    def wrapped(original: Callable) -> Callable:
        def look(path, *args, **kwargs):
            if not planter.busy and kwargs.get("dir_fd") is None:
                planter.busy = True  # the planter's own looks (realpath, lexists) pass straight through
                try:
                    if planter.is_candidate(path):
                        planter.before_look(path)
                finally:
                    planter.busy = False
            return original(path, *args, **kwargs)
        return look

    try:
        for name, original in originals.items():
            setattr(os, name, wrapped(original))
        yield planter.seen
    finally:
        for name, original in originals.items():
            setattr(os, name, original)
