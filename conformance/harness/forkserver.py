"""Run as a program: fork a fresh process for each check from one interpreter started once.

``python -m conformance.harness.forkserver FD [MODULE ...]``: FD is one end of a
Unix socket pair the parent made; the MODULEs are the suite's own check modules,
imported once here so that no check compiles them again (they must not import a
target: that is each check's own first step).  For every check the parent sends over it one end of a
new socket pair (SCM_RIGHTS), so no name in the file system is ever involved.
The server forks a *keeper* per check; the keeper reads the request, forks the
check's own process (stdout and stderr on pipes), waits for it, and answers
``{"returncode", "stdout", "stderr"}`` -- what ``subprocess.run`` would have
given for a freshly started interpreter, without paying for one start-up each
time.  A check's process ends as soon as its result is written, skipping the
interpreter's shutdown, unless the check is marked
:func:`~conformance.harness.child_main.judged_at_exit`.  Started under
``setpriv``, every check it forks runs without root's
privileges too.  The server imports only the harness, never the target: each
check imports the target afresh.  What the server imported is frozen out of the
garbage collector before the first fork, so a check's collections (and, for a
check judged at exit, the full
one at its exit) neither walk those objects nor copy the pages they live on.
"""

from __future__ import annotations

import gc
import importlib
import json
import os
import random  # noqa: F401  (preloaded: tempfile imports it; a forked child reseeds its generator)
import selectors
import shutil  # noqa: F401  (preloaded: tempfile imports it, and it loads zlib, bz2 and lzma)
import signal
import socket
import sys
import time
from typing import Any, Dict, Optional, Tuple

import conformance.targets  # noqa: F401  (preloaded: each check then only imports its target)
from conformance.harness import child_main

_CHUNK = 65536


def _drain(out_fd: int, err_fd: int, pid: int, timeout: float) -> Tuple[bytes, bytes, bool]:
    """Everything the check writes until it closes both pipes; kill it past ``timeout``."""
    collected = {out_fd: bytearray(), err_fd: bytearray()}
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        for fd in collected:
            selector.register(fd, selectors.EVENT_READ)
        while selector.get_map():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                os.kill(pid, signal.SIGKILL)
                return bytes(collected[out_fd]), bytes(collected[err_fd]), True
            for key, _ in selector.select(remaining):
                chunk = os.read(key.fd, _CHUNK)
                if chunk:
                    collected[key.fd] += chunk
                else:
                    selector.unregister(key.fd)
    return bytes(collected[out_fd]), bytes(collected[err_fd]), False


def _keep(conn: socket.socket) -> Optional[Dict[str, Any]]:
    """In the keeper: run one check; returns the request only in the check's own process."""
    request = json.loads(b"".join(iter(lambda: conn.recv(_CHUNK), b"")))
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the check's process: its stdout and stderr are the pipes
        conn.close()
        os.close(out_r)
        os.close(err_r)
        os.dup2(out_w, 1)
        os.dup2(err_w, 2)
        os.close(out_w)
        os.close(err_w)
        return request
    os.close(out_w)
    os.close(err_w)
    out, err, timed_out = _drain(out_r, err_r, pid, float(request.get("timeout", 60)))
    _, status = os.waitpid(pid, 0)
    if timed_out:
        err += b"\ntimed out: the check was killed\n"
    reply = {"returncode": os.waitstatus_to_exitcode(status),
             "stdout": out.decode("utf-8", "replace"), "stderr": err.decode("utf-8", "replace")}
    conn.sendall(json.dumps(reply).encode())
    conn.close()
    os._exit(0)


def _reap(block: bool) -> None:
    """Collect ended keepers (all of them when ``block``), so their CPU time reaches our parent."""
    while True:
        try:
            pid, _status = os.waitpid(-1, 0 if block else os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def serve(control: socket.socket) -> Optional[Dict[str, Any]]:
    """Fork a keeper per connection until the parent hangs up; the request, in a check's process."""
    while True:
        try:
            _data, fds, _flags, _address = socket.recv_fds(control, 1, 1)
        except OSError:
            fds = []
        _reap(block=not fds)
        if not fds:
            return None  # the parent closed its end: the session is over
        if os.fork() == 0:
            control.close()
            return _keep(socket.socket(fileno=fds[0]))
        os.close(fds[0])


def _preload(modules: list) -> None:
    """Import the check modules now; one that fails is left for its check to report."""
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - the check that needs it shows the error itself
            continue


def main(argv: list) -> int:
    """Serve checks on the socket whose descriptor is ``argv[0]``, after importing ``argv[1:]``."""
    control = socket.socket(fileno=int(argv[0]))
    _preload(argv[1:])
    gc.collect()
    if hasattr(gc, "freeze"):  # CPython's; PyPy has no permanent generation
        gc.freeze()
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    request = serve(control)
    if request is None:
        return 0
    code = child_main.execute(request)  # in the check's process
    if child_main.needs_shutdown(request):
        return code  # ends like a fresh interpreter: finalizers and atexit handlers run
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
