"""Running a check in another process: forked from a long-lived server, or a fresh interpreter.

A check is a function in a real module, named ``"package.module:function"``,
called there as ``function(tf, **args)`` (see :mod:`.child_main`).  By default
it is forked from a server started once per session (one for the suite's own
privileges, one started under ``setpriv`` without root's permission-bypassing
capabilities), which spares an interpreter start-up -- and a ``setpriv``
launch -- per check.  ``fresh=True`` starts a new interpreter instead, for
checks about fresh processes; ``CONFORMANCE_CHILDREN=spawn`` makes every check
do so.  A ``prepare`` step changes the child before it imports the target (a
private mount namespace, say), so no launcher program is needed for that.
"""

from __future__ import annotations

import atexit
import functools
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Tuple

from conformance.harness.child_main import RESULT_MARKER

_CAPS = "-dac_override,-dac_read_search,-fowner"
SAME_PRIVILEGES = "same privileges as the suite"
CHILD_MODE_VARIABLE = "CONFORMANCE_CHILDREN"  # "spawn": a fresh interpreter for every check
_FORKING = hasattr(os, "fork") and hasattr(socket, "send_fds")


@dataclass
class ChildResult:
    """What a child check returned, and how it was run."""

    returncode: int
    value: object
    stderr: str
    how: str  # "unprivileged uid", "root with CAP_DAC_OVERRIDE ... dropped (setpriv)" etc.
    stdout: str = ""  # what the check printed itself, before its result


@functools.lru_cache(maxsize=None)  # noqa: UP033 - 3.8 has no functools.cache
def privilege_drop_command() -> Optional[Tuple[Tuple[str, ...], str]]:
    """A command prefix that runs a child without permission-bypassing privileges.

    Returns ``(prefix, description)``, or None when no way exists on this host.
    Probed once per process: the answer does not change while the suite runs.
    """
    if os.name != "posix" or not hasattr(os, "geteuid"):  # Emscripten (Pyodide) has no euid
        return None
    if os.geteuid() != 0:
        return (), f"unprivileged uid {os.geteuid()}"
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    prefix = (setpriv, f"--inh-caps={_CAPS}", f"--bounding-set={_CAPS}")
    probe = subprocess.run(list(prefix) + ["true"], capture_output=True)
    if probe.returncode != 0:
        return None
    return prefix, "root with CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH and CAP_FOWNER dropped (setpriv)"


def child_environment(env: Optional[Dict[str, str]] = None) -> Dict[str, str]:
    """``env`` (default: ours) with PYTHONPATH set so a child imports what we import."""
    child_env = dict(os.environ if env is None else env)
    child_env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    return child_env


def spawn(request: Dict[str, Any], *, launcher: Sequence[str] = (), env: Optional[Dict[str, str]] = None,
          **popen: Any) -> subprocess.Popen:
    """Start ``request`` in a fresh interpreter (under ``launcher``); the request goes in argv."""
    command = list(launcher) + [sys.executable, "-m", "conformance.harness.child_main", json.dumps(request)]
    return subprocess.Popen(command, stdin=subprocess.DEVNULL, env=child_environment(env), text=True,
                            **popen)


class _ForkServer:
    """One :mod:`.forkserver` process and the socket its checks are requested on."""

    def __init__(self, prefix: Sequence[str], preload: Sequence[str] = ()) -> None:
        ours, theirs = socket.socketpair()
        command = list(prefix) + [sys.executable, "-m", "conformance.harness.forkserver",
                                  str(theirs.fileno()), *preload]
        self.process = subprocess.Popen(command, pass_fds=[theirs.fileno()], env=child_environment(),
                                        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL)
        theirs.close()
        self.control = ours
        self.lock = threading.Lock()
        self.started = False

    def ready(self) -> _ForkServer:
        """This server, once it has said it is ready (waited for the first time only)."""
        if not self.started:
            assert self.process.stdout is not None
            if self.process.stdout.readline() != b"ready\n":
                self.close()
                raise RuntimeError("the fork server did not start")
            self.started = True
        return self

    def run(self, request: Dict[str, Any], timeout: float) -> Tuple[int, str, str]:
        """Fork one check; its exit status, stdout and stderr."""
        ours, theirs = socket.socketpair()
        with ours:
            with self.lock:
                socket.send_fds(self.control, [b"c"], [theirs.fileno()])
            theirs.close()
            ours.sendall(json.dumps(request).encode())
            ours.shutdown(socket.SHUT_WR)
            ours.settimeout(timeout + 30)  # the keeper kills the check at ``timeout`` itself
            reply = b"".join(iter(lambda: ours.recv(65536), b""))
        if not reply:
            return -1, "", "the fork server gave no answer"
        answer = json.loads(reply)
        return answer["returncode"], answer["stdout"], answer["stderr"]

    def close(self) -> None:
        """Hang up; the server ends when it sees the socket closed."""
        self.control.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover - a wedged server
            self.process.kill()
            self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()


_servers: Dict[Tuple[str, ...], _ForkServer] = {}
_servers_lock = threading.Lock()
_preloaded: Tuple[str, ...] = ()  # the check modules every server imports before its first fork


def _launch(prefix: Tuple[str, ...]) -> None:
    """Start the server for ``prefix`` if none is running, without waiting for it."""
    with _servers_lock:
        if prefix not in _servers:
            _servers[prefix] = _ForkServer(prefix, _preloaded)


def _server_for(prefix: Tuple[str, ...]) -> _ForkServer:
    _launch(prefix)
    with _servers_lock:
        try:
            return _servers[prefix].ready()
        except RuntimeError:
            del _servers[prefix]
            raise


def launch_fork_servers(preload: Sequence[str] = ()) -> List[Tuple[str, ...]]:
    """Start the fork servers without waiting for them; the prefixes they run under.

    ``preload`` names check modules (``package.module``) the servers import once,
    so that each check forked from them starts with its code already compiled.
    Both start at once (and the setpriv probe runs meanwhile): each is an
    interpreter start-up, which a caller can overlap with work of its own.
    """
    global _preloaded
    _preloaded = tuple(preload)
    if not _FORKING or os.environ.get(CHILD_MODE_VARIABLE) == "spawn":
        return []
    prefixes: List[Tuple[str, ...]] = [()]
    _launch(())
    found = privilege_drop_command()
    if found is not None:
        prefixes.append(found[0])
        _launch(found[0])
    return prefixes


def start_fork_servers(preload: Sequence[str] = ()) -> None:
    """Start the fork servers (or take the ones launched already), ready to fork checks.

    Called before the leak checks of a session count descriptors.
    """
    for prefix in launch_fork_servers(preload):
        _server_for(prefix)


@atexit.register
def stop_fork_servers() -> None:
    """End every fork server this process started (the session's end; at exit at the latest)."""
    with _servers_lock:
        while _servers:
            _servers.popitem()[1].close()


def _result(returncode: int, stdout: str, stderr: str, how: str) -> ChildResult:
    """The check's printed output and its JSON result, separated."""
    printed, marker, value = stdout.rpartition(RESULT_MARKER)
    if not marker:
        return ChildResult(returncode, None, stderr, how, stdout)
    return ChildResult(returncode, json.loads(value), stderr, how, printed)


def run_in_child(target_spec: str, check: str, args: Optional[Dict[str, Any]] = None, *,
                 version: Optional[str] = None, unprivileged: bool = False,
                 env: Optional[Dict[str, str]] = None, timeout: float = 60, fresh: bool = False,
                 prepare: Optional[str] = None,
                 prepare_args: Optional[Dict[str, Any]] = None) -> ChildResult:
    """Run ``check(tf, **args)`` in another process; what it returned (``value``) and how.

    With ``unprivileged=True`` the child runs without the privileges that let
    root ignore permission bits; callers must first check
    :func:`privilege_drop_command` and skip when it is None.  The child sees
    ``env`` (default: ours), our cwd and umask, and the sandbox roots in it.
    ``prepare`` (``"module:function"``, called with ``prepare_args``) changes the
    child before it imports the target (see :func:`.child_main.execute`).
    """
    prefix: Tuple[str, ...] = ()
    how = SAME_PRIVILEGES
    if unprivileged:
        found = privilege_drop_command()
        if found is None:
            raise RuntimeError("no way to drop privileges on this host")
        prefix, how = found
    request: Dict[str, Any] = {"target": target_spec, "version": version, "check": check,
                               "args": args or {}, "timeout": timeout}
    if prepare is not None:
        request.update(prepare=prepare, prepare_args=prepare_args or {})
    forked = _FORKING and not fresh and os.environ.get(CHILD_MODE_VARIABLE) != "spawn"
    if forked:
        request.update(env=dict(os.environ if env is None else env), path=list(sys.path),
                       cwd=os.getcwd(), umask=_current_umask())
        returncode, stdout, stderr = _server_for(prefix).run(request, timeout)
        return _result(returncode, stdout, stderr, how)
    process = spawn(request, launcher=prefix, env=env,
                    stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        stdout, stderr = process.communicate()
        stderr += "\ntimed out: the check was killed\n"
    return _result(process.returncode, stdout, stderr, how)


_umask_lock = threading.Lock()


def _current_umask() -> int:
    """This process's umask, read without changing it where Linux lets us (threads may be running)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except OSError:  # pragma: no cover - not Linux
        pass
    with _umask_lock:  # pragma: no cover
        mask = os.umask(0o022)
        os.umask(mask)
        return mask
