"""The sandbox guard: refuse and record file-system changes outside the scratch tree.

A broken target (or a fuzzed prefix full of '../') can try to write, chmod or
remove far outside the test's scratch directory; as root nothing else would
stop it.  While a conformance test runs, every mutating audit event is
checked, and one aimed outside the allowed roots is refused
(:class:`SandboxViolation`) and recorded, so the test fails loudly instead of
damaging the machine.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
from typing import List, Optional

from conformance.harness.audit import open_unheard, subscribed

SANDBOX_VARIABLE = "CONFORMANCE_SANDBOX"  # how a child process learns its roots


class SandboxViolation(PermissionError):
    """A test (or the target it drives) tried to change something outside its sandbox."""


_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
# event name -> positions of (path, dir_fd) pairs in its arguments
_MUTATING = {
    "os.mkdir": ((0, 2),), "os.remove": ((0, 1),), "os.rmdir": ((0, 1),),
    "os.rename": ((0, 2), (1, 3)), "os.symlink": ((1, 2),), "os.link": ((1, 3),),
    "os.chmod": ((0, 2),), "os.chown": ((0, 3),), "os.truncate": ((0, None),),
    "os.utime": ((0, 3),), "os.chflags": ((0, None),), "os.setxattr": ((0, None),),
    "os.removexattr": ((0, None),), "shutil.rmtree": ((0, 1),), "os.mkfifo": ((0, 2),),
    "os.mknod": ((0, 3),),
}
_GUARDED_EVENTS = ("open", *sorted(_MUTATING))  # the only events the guard looks at
_DESCRIPTOR_LINKS = re.compile(r"^/proc/(self|\d+)/fd$")
_O_PATH = getattr(os, "O_PATH", 0)  # Linux: a handle on a directory that needs no read permission
_HEAD_FLAGS = _O_PATH | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
_DELETED = " (deleted)"


def _real_directory(head: str) -> str:
    """``os.path.realpath(head)`` for a directory, asked of the kernel where it can say.

    One open and one readlink instead of an lstat per component: where many
    processes create and remove entries in the same directories at once (the load
    tests), those lstats cost more system time than the creations themselves.
    Anything the kernel cannot answer (no O_PATH or /proc, a missing or
    unsearchable component, not a directory, a removed one) goes to realpath,
    which answers as before.  The open is a call of the guard's own, heard by no listener.
    """
    if _O_PATH:
        try:
            handle = open_unheard(head, _HEAD_FLAGS)
        except OSError:
            return os.path.realpath(head)
        try:
            found = os.readlink(f"/proc/self/fd/{handle}")
        except OSError:
            found = ""
        finally:
            os.close(handle)
        if found.startswith(os.sep) and not found.endswith(_DELETED):
            return found
    return os.path.realpath(head)


def _resolve(path: object, dir_fd: object) -> Optional[str]:
    """The real absolute path an audited call aims at (None: a descriptor, not a path)."""
    if isinstance(path, int) or path is None:
        return None
    text = os.fsdecode(path)  # type: ignore[arg-type]
    if not os.path.isabs(text):
        base = os.getcwd()
        if isinstance(dir_fd, int):
            base = os.readlink(f"/proc/self/fd/{dir_fd}")
        text = os.path.join(base, text)
    head, tail = os.path.split(text)
    if tail in ("", ".", ".."):
        return os.path.realpath(text)
    real_head = _real_directory(head)
    if _DESCRIPTOR_LINKS.match(real_head):  # /proc/self/fd/N names what the descriptor holds
        return os.readlink(os.path.join(real_head, tail))
    return os.path.join(real_head, tail)


class SandboxGuard:
    """Refuse and record file-system changes outside ``roots`` while active."""

    ALWAYS = ("/dev/",)

    def __init__(self, roots: List[str]) -> None:
        self.roots = [_real_directory(r) for r in roots]
        self._below_a_root = tuple(r.rstrip(os.sep) + os.sep for r in self.roots)
        self.violations: List[str] = []
        self._subscription = contextlib.ExitStack()

    def allowed(self, real: str) -> bool:
        """Is ``real`` inside a root (or a byte-code cache, or a device)?"""
        if "/__pycache__/" in real or real.startswith(self.ALWAYS):
            return True
        return real in self.roots or real.startswith(self._below_a_root)

    def _check(self, event: str, path: object, dir_fd: object) -> None:
        try:
            real = _resolve(path, dir_fd)
        except (OSError, ValueError, TypeError):
            return  # unresolvable (NUL byte, bad type): the call itself will fail
        if real is not None and not self.allowed(real):
            message = f"{event} {real!r} is outside the test's scratch directory"
            self.violations.append(message)
            raise SandboxViolation(errno.EACCES, "sandbox: " + message)

    def __call__(self, event: str, args: tuple) -> None:
        if event == "open":
            path, mode, flags = (tuple(args) + (None, None, None))[:3]
            # The mode string decides when there is one: PyPy's open() event passes
            # its own flag values (1 for a plain read), not os.O_* bits.
            if isinstance(mode, str):
                writing = any(c in mode for c in "wax+")
            else:
                writing = isinstance(flags, int) and bool(flags & _WRITE_FLAGS)
            if writing:
                self._check(event, path, None)
            return
        for path_at, fd_at in _MUTATING.get(event, ()):
            if path_at < len(args):
                dir_fd = args[fd_at] if fd_at is not None and fd_at < len(args) else None
                self._check(event, args[path_at], dir_fd)

    def __enter__(self) -> SandboxGuard:
        self._subscription.enter_context(subscribed(self, _GUARDED_EVENTS))
        return self

    def __exit__(self, *exc: object) -> None:
        self._subscription.close()

    @classmethod
    def from_env(cls) -> Optional[SandboxGuard]:
        """The guard a child process inherits through $CONFORMANCE_SANDBOX (or None)."""
        roots = os.environ.get(SANDBOX_VARIABLE)
        return cls(roots.split(os.pathsep)) if roots else None
