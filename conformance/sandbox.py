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

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

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
        if os.path.exists(path) and path not in unique:
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


# The values of the result document's ``sandbox`` field.
BWRAP_SANDBOX = "bwrap"
AUDIT_GUARD_ONLY = "audit-guard-only"
MISSING_NOTE = "bwrap is not available here: running with the audit guard alone (apt-get install bubblewrap)"


def describe(wrapped: Optional[List[str]]) -> str:
    """How a run was confined, for the result document's ``sandbox`` field."""
    return BWRAP_SANDBOX if wrapped else AUDIT_GUARD_ONLY


def child_result(done: subprocess.CompletedProcess, output: str) -> Tuple[Optional[dict], str]:
    """A child ``python -m conformance`` run's document, or None and its last error line."""
    if done.returncode != 2 and os.path.isfile(output):
        with open(output, encoding="utf-8") as handle:
            return json.load(handle), ""
    lines = [ln for ln in (done.stderr or "").splitlines() if ln.strip()]
    last = lines[-1] if lines else f"exit status {done.returncode}, no output"
    return None, last.split(": error: ", 1)[-1]


class ConfinedRunError(Exception):
    """The sandboxed run wrote no result; one line for the user (exit status 2)."""


# Targets the suite itself ships: judged in-process, like the stdlib they wrap.
OWN_TARGETS = ("stdlib", "reference")


def is_foreign(target: str) -> bool:
    """Is ``--target`` code the project does not ship (a module name or a path)?"""
    return target not in OWN_TARGETS and not target.startswith("adapter:")


def run_confined(argv: Sequence[str], readable: Iterable[str] = ()) -> Optional[dict]:
    """``python -m conformance ARGV --no-sandbox`` inside the sandbox; its result document.

    None when bwrap cannot be used here (the caller then runs in-process, with
    the audit guard alone, and says so in one line).
    """
    scratch = tempfile.mkdtemp(prefix="tfconf-confined-")
    output = os.path.join(scratch, "result.json")
    try:
        command = [sys.executable, "-m", "conformance", *argv, "--no-sandbox", "--format", "json",
                   "--output", output]
        paths = [*readable, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
        wrapped = wrap_command(command, scratch, scratch, readable=paths)
        if wrapped is None:
            return None
        done = subprocess.run(wrapped, stdin=subprocess.DEVNULL, capture_output=True, text=True)
        document, problem = child_result(done, output)
        if document is None:
            raise ConfinedRunError(problem)
        document["sandbox"] = BWRAP_SANDBOX
        return document
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
