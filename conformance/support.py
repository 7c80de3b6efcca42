"""Harness helpers the tests share: scratch space, descriptor counts, audit events,
and running a check without root's privileges.

Nothing here uses the module under test: the harness must stay trustworthy
even when the target is broken, so scratch directories are made with ``os``
and ``secrets`` directly.
"""

from __future__ import annotations

import errno
import json
import os
import secrets
import shutil
import stat
import subprocess
import sys
import threading
from dataclasses import dataclass
from typing import Callable, List, Optional, Set, Tuple

# ---------------------------------------------------------------------------
# Scratch directories
# ---------------------------------------------------------------------------


def harness_tmp_root() -> str:
    """Where the harness puts its scratch trees: $CONFORMANCE_SCRATCH, else /tmp."""
    return os.environ.get("CONFORMANCE_SCRATCH") or ("/tmp" if os.name == "posix" else ".")


def make_scratch(parent: str, label: str = "t") -> str:
    """Create a fresh owner-only directory under ``parent`` and return its real path."""
    for _ in range(100):
        path = os.path.join(parent, f"tfconf-{label}-{secrets.token_hex(6)}")
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:
            continue
        return os.path.realpath(path)
    raise RuntimeError("could not create a scratch directory")  # pragma: no cover


def remove_tree(path: str) -> None:
    """Remove ``path`` whatever tests left in it (read-only files, 000 directories)."""
    if not os.path.lexists(path):
        return

    def make_writable(func: Callable, failed: str, _exc: object) -> None:
        parent = os.path.dirname(failed)
        for p in (parent, failed):
            try:
                if not os.path.islink(p):
                    os.chmod(p, stat.S_IRWXU)
            except OSError:
                pass
        try:
            func(failed)
        except FileNotFoundError:
            pass

    for root, dirs, _files in os.walk(path):  # unsearchable subdirectories first
        for d in dirs:
            full = os.path.join(root, d)
            if not os.path.islink(full):
                try:
                    os.chmod(full, stat.S_IRWXU)
                except OSError:
                    pass
    shutil.rmtree(path, onerror=make_writable)  # onerror: works on 3.9 to 3.14


# ---------------------------------------------------------------------------
# Descriptors
# ---------------------------------------------------------------------------


def open_fds() -> Set[int]:
    """The descriptors this process has open right now."""
    if os.path.isdir("/proc/self/fd"):
        fds = set()
        for name in os.listdir("/proc/self/fd"):
            fd = int(name)
            try:
                os.fstat(fd)
            except OSError:  # the listdir's own descriptor, already closed
                continue
            fds.add(fd)
        return fds
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
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return "?"


# ---------------------------------------------------------------------------
# Audit events.  Hooks cannot be removed once added, so the harness adds one,
# once per process, and tests subscribe and unsubscribe to it.
# ---------------------------------------------------------------------------

_listeners: List[Callable[[str, tuple], None]] = []
_hook_lock = threading.Lock()
_hook_installed = False


def _dispatch(event: str, args: tuple) -> None:
    for listener in list(_listeners):
        listener(event, args)


class AuditRecorder:
    """Records audit events whose name starts with one of ``prefixes``."""

    def __init__(self, prefixes: Tuple[str, ...] = ("tempfile.", "open", "os.")) -> None:
        self.prefixes = prefixes
        self.events: List[Tuple[str, tuple]] = []

    def __call__(self, event: str, args: tuple) -> None:
        if event.startswith(self.prefixes):
            self.events.append((event, args))

    def named(self, event: str) -> List[tuple]:
        """The argument tuples of every recorded event called ``event``."""
        return [args for name, args in self.events if name == event]

    @staticmethod
    def install() -> None:
        """Add the one process-wide audit hook, the first time only."""
        global _hook_installed
        with _hook_lock:
            if not _hook_installed:
                sys.addaudithook(_dispatch)
                _hook_installed = True

    def __enter__(self) -> AuditRecorder:
        self.install()
        _listeners.append(self)
        return self

    def __exit__(self, *exc: object) -> None:
        _listeners.remove(self)


# ---------------------------------------------------------------------------
# The sandbox guard.  A broken target (or a fuzzed prefix full of '../') can
# try to write, chmod or remove far outside the test's scratch directory; as
# root nothing else would stop it.  While a conformance test runs, every
# mutating audit event is checked, and one aimed outside the allowed roots is
# refused (PermissionError) and recorded, so the test fails loudly instead of
# damaging the machine.
# ---------------------------------------------------------------------------

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
    return os.path.join(os.path.realpath(head), tail)


class SandboxGuard:
    """Refuse and record file-system changes outside ``roots`` while active."""

    ALWAYS = ("/dev/",)

    def __init__(self, roots: List[str]) -> None:
        self.roots = [os.path.realpath(r) for r in roots]
        self.violations: List[str] = []

    def allowed(self, real: str) -> bool:
        """Is ``real`` inside a root (or a byte-code cache, or a device)?"""
        if "/__pycache__/" in real or real.startswith(self.ALWAYS):
            return True
        return any(real == r or real.startswith(r.rstrip(os.sep) + os.sep) for r in self.roots)

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
        AuditRecorder.install()
        _listeners.append(self)
        return self

    def __exit__(self, *exc: object) -> None:
        _listeners.remove(self)

    @classmethod
    def from_env(cls) -> Optional[SandboxGuard]:
        """The guard a child process inherits through $CONFORMANCE_SANDBOX (or None)."""
        roots = os.environ.get("CONFORMANCE_SANDBOX")
        return cls(roots.split(os.pathsep)) if roots else None


# ---------------------------------------------------------------------------
# Running a check without root's privileges
# ---------------------------------------------------------------------------

_CAPS = "-dac_override,-dac_read_search,-fowner"


@dataclass
class ChildResult:
    """What a child check printed, and how it was run."""

    returncode: int
    value: object
    stderr: str
    how: str  # "unprivileged uid", "setpriv dropped CAP_DAC_OVERRIDE/..." etc.


def privilege_drop_command() -> Optional[Tuple[List[str], str]]:
    """A command prefix that runs a child without permission-bypassing privileges.

    Returns ``(prefix, description)``, or None when no way exists on this host.
    """
    if os.name != "posix":
        return None
    if os.geteuid() != 0:
        return [], f"unprivileged uid {os.geteuid()}"
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    prefix = [setpriv, f"--inh-caps={_CAPS}", f"--bounding-set={_CAPS}"]
    probe = subprocess.run(prefix + ["true"], capture_output=True)
    if probe.returncode != 0:
        return None
    return prefix, "root with CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH and CAP_FOWNER dropped (setpriv)"


_CHILD_TEMPLATE = """
import json, os, sys
from conformance.support import SandboxGuard
from conformance.targets import resolve_target
_guard = SandboxGuard.from_env()
if _guard is not None:
    _guard.__enter__()
tf = resolve_target({spec!r}, {version!r}).module
result = None
{body}
sys.stdout.write("\\n@@RESULT@@" + json.dumps(result))
"""


def run_in_child(target_spec: str, body: str, *, version: Optional[str] = None,
                 unprivileged: bool = False, env: Optional[dict] = None,
                 timeout: float = 60) -> ChildResult:
    """Run ``body`` (which may set ``result`` to a JSON value) in a fresh interpreter.

    ``tf`` is bound to the target's module.  With ``unprivileged=True`` the child
    runs without the privileges that let root ignore permission bits; callers
    must first check :func:`privilege_drop_command` and skip when it is None.
    """
    prefix: List[str] = []
    how = "same privileges as the suite"
    if unprivileged:
        found = privilege_drop_command()
        if found is None:
            raise RuntimeError("no way to drop privileges on this host")
        prefix, how = found
    code = _CHILD_TEMPLATE.format(spec=target_spec, version=version, body=body)
    child_env = dict(os.environ if env is None else env)
    child_env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    proc = subprocess.run(prefix + [sys.executable, "-c", code], capture_output=True,
                          text=True, env=child_env, timeout=timeout)
    value = None
    if "@@RESULT@@" in proc.stdout:
        value = json.loads(proc.stdout.rsplit("@@RESULT@@", 1)[1])
    return ChildResult(proc.returncode, value, proc.stderr, how)
