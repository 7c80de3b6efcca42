"""The kernel sandbox for foreign runs: a child process wrapped in bubblewrap (``bwrap``).

The audit guard of the harness sees only what Python reports; code that reaches
the C library directly (ctypes, an extension module, another interpreter's own
``os``) passes it by.  Here the kernel enforces the limits instead: the whole
file system is mounted read-only except the run's scratch tree and output
folder, ``/tmp`` and ``/run`` are private and empty, and the child has no
network, no view of other processes, and dies with its parent.

Run as root, the child keeps uid 0 and only the capabilities the suite's own
checks use (file ownership and permission bits, setpriv's drop of them); the
ones that could undo the sandbox -- mounting, raw devices, device nodes, module
loading, tracing -- are gone, so it cannot remount a read-only tree.  Run as
another user, bwrap gives the child no capabilities at all.

With ``root`` (a Debian root built by debootstrap, say) that tree replaces the
host's: its top-level folders are bound read-only onto an empty root, so host
paths (the project, the scratch tree) can still be bound at their own names.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence

from conformance.vocabulary import AUDIT_GUARD_ONLY, SANDBOX_BWRAP

BWRAP = "bwrap"
# Where bwrap puts fresh, empty file systems of its own.
PRIVATE_DIRS = ("/tmp", "/run")
# What a root-run child keeps: enough for chown/chmod checks and setpriv's drop.
ROOT_CAPABILITIES = (
    "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID",
    "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP",
)
# Top-level entries of a foreign root that the sandbox makes itself.
_SYNTHETIC = {"proc", "dev", "tmp", "run", "sys"}
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def bwrap_executable() -> Optional[str]:
    """The bwrap on PATH, or None."""
    return shutil.which(BWRAP)


_probed: Dict[str, bool] = {}  # bwrap path -> could it build a sandbox (asked once a process)


def available() -> bool:
    """Can bwrap build a sandbox here?  (Installed, and not refused by the kernel or a container.)"""
    executable = bwrap_executable()
    if executable is None:
        return False
    if executable not in _probed:
        probe = [executable, "--ro-bind", "/", "/", *_isolation(), "true"]
        try:
            _probed[executable] = subprocess.run(probe, capture_output=True, timeout=30).returncode == 0
        except (OSError, subprocess.TimeoutExpired):
            _probed[executable] = False
    return _probed[executable]


def _isolation() -> List[str]:
    """Namespaces and privileges: no network, processes, IPC or host name shared."""
    if os.geteuid() != 0:
        return ["--unshare-all", "--die-with-parent", "--new-session"]
    # As root, no user namespace (it would map uid 0 alone and break chown to other
    # users); the capability list below is what keeps the child from remounting.
    flags = ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts",
             "--unshare-cgroup-try", "--die-with-parent", "--new-session", "--cap-drop", "ALL"]
    for capability in ROOT_CAPABILITIES:
        flags += ["--cap-add", capability]
    return flags


def _hidden_by_private_dirs(path: str) -> bool:
    return any(path == d or path.startswith(d + "/") for d in PRIVATE_DIRS)


def _foreign_root_binds(root: str) -> List[str]:
    """Bind every top-level folder of ``root`` read-only, and recreate its links (/bin -> usr/bin)."""
    binds: List[str] = []
    for entry in sorted(os.scandir(root), key=lambda e: e.name):
        if entry.name in _SYNTHETIC:
            continue
        if entry.is_symlink():
            binds += ["--symlink", os.readlink(entry.path), "/" + entry.name]
        elif entry.is_dir():
            binds += ["--ro-bind", entry.path, "/" + entry.name]
    return binds


def _inside(path: str, folders: Iterable[str]) -> bool:
    return any(path == f or path.startswith(f.rstrip("/") + "/") for f in folders)


def _readable_paths(root: Optional[str], readable: Iterable[str], cwd: str) -> List[str]:
    """Host paths the child must read that the base layout would hide."""
    wanted = [str(PROJECT_ROOT), *readable]
    if root is None:
        # Only what lives under a private folder needs binding again; the rest is under ro /.
        wanted += [sys.prefix, os.path.dirname(os.path.realpath(sys.executable)), cwd]
        wanted = [p for p in wanted if _hidden_by_private_dirs(os.path.realpath(p))]
    elif cwd.count("/") > 1:  # the caller's folder, unless it is / or a top-level system folder
        wanted.append(cwd)
    unique: List[str] = []
    for path in (os.path.realpath(p) for p in wanted):
        # Binding / or a private folder itself would put the host's back (read-only, shared).
        if path in ("/", *PRIVATE_DIRS) or not os.path.exists(path) or path in unique:
            continue
        unique.append(path)
    return unique


def _mount_points_in(root: str, paths: Iterable[str]) -> None:
    """Create empty folders in ``root`` where host paths will be bound below its read-only folders.

    bwrap cannot make a mount point inside a read-only bind; the root is our own
    cache, so an empty folder there is harmless.  Paths under the sandbox's own
    tmpfs (/, /tmp, /run) need none.
    """
    for path in paths:
        top = path.strip("/").split("/", 1)[0]
        if top and top not in _SYNTHETIC and os.path.isdir(os.path.join(root, top)) \
                and not os.path.islink(os.path.join(root, top)):
            os.makedirs(os.path.join(root, path.lstrip("/")), exist_ok=True)


def wrap_command(argv: Sequence[str], scratch: str, output_dir: str, *, root: Optional[str] = None,
                 readable: Iterable[str] = ()) -> Optional[List[str]]:
    """``argv`` run inside the sandbox, or None when bwrap cannot be used here.

    ``scratch`` and ``output_dir`` (both must exist) are the only writable host
    paths; ``readable`` adds read-only ones that the layout would otherwise hide
    (the project's source tree and the caller's folder are always among them).
    The child starts in the caller's folder when it can see it, else in ``scratch``.
    """
    if not available():
        return None
    writable = list(dict.fromkeys(os.path.realpath(p) for p in (scratch, output_dir)))
    cwd = os.path.realpath(os.getcwd())
    extra = [p for p in _readable_paths(root, readable, cwd) if not _inside(p, writable)]
    command = [str(bwrap_executable())]
    if root is None:
        command += ["--ro-bind", "/", "/"]
    else:
        _mount_points_in(root, extra + writable)
        command += _foreign_root_binds(root)
    command += ["--proc", "/proc", "--dev", "/dev"]
    for private in PRIVATE_DIRS:
        command += ["--tmpfs", private]
    for path in extra:
        command += ["--ro-bind", path, path]
    for path in writable:
        command += ["--bind", path, path]
    if root is not None:
        command += ["--remount-ro", "/"]
    seen = _inside(cwd, extra + writable) or (root is None and not _hidden_by_private_dirs(cwd))
    command += ["--chdir", cwd if seen else writable[0]]
    return command + _isolation() + ["--", *argv]


MISSING_NOTE = "bwrap is not available here: running with the audit guard alone (apt-get install bubblewrap)"


def describe(wrapped: Optional[List[str]]) -> str:
    """How a run was confined, for the result document's ``sandbox`` field."""
    return SANDBOX_BWRAP if wrapped else AUDIT_GUARD_ONLY
