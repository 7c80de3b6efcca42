"""What the host running the suite can do: one probe per host capability, each run at most once.

A test that needs a host capability says so with ``@pytest.mark.host("fork", ...)``
(the names are :data:`conformance.vocabulary.HOST_CAPABILITIES`); the plugin
asks :func:`missing` about the names its tests use, and a test that needs a
capability this host lacks is reported as unobservable on this host -- never
as a pass, never as a failure.  Probes try the thing itself (fork a child,
start an interpreter, start a thread) rather than guess from the platform's
name: Pyodide has ``os.fork`` and ``subprocess``, and both fail.

``CONFORMANCE_HOST_WITHOUT=fork,subprocess`` makes this host answer "no" for
those names without probing, to see what a poorer host would report (it can
only take observations away, never add a pass).
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
from typing import Callable, Dict, Iterable, List

from conformance.vocabulary import HOST_CAPABILITIES

PROBE_TIMEOUT = 60
WITHOUT_VARIABLE = "CONFORMANCE_HOST_WITHOUT"


def _fork() -> bool:
    pid = os.fork()
    if pid == 0:  # the child leaves at once, running nothing of the parent's
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0


def _subprocess() -> bool:
    # -S: starting a process is what is asked, not importing site (two thirds of the start-up's CPU).
    command = [sys.executable, "-S", "-c", "pass"]  # vocabulary: python
    done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, timeout=PROBE_TIMEOUT)
    return done.returncode == 0


def _threads() -> bool:
    ran: List[bool] = []
    worker = threading.Thread(target=lambda: ran.append(True))
    worker.start()
    worker.join(PROBE_TIMEOUT)
    return ran == [True]


def _signals() -> bool:
    import signal

    with subprocess.Popen([sys.executable, "-S", "-c", "import time; time.sleep(60)"],
                          stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL) as child:
        child.send_signal(signal.SIGKILL)
        return child.wait(PROBE_TIMEOUT) == -signal.SIGKILL


def _privilege_drop() -> bool:
    if not hasattr(os, "geteuid"):  # Emscripten: no effective uid to drop from
        return False
    from conformance.harness.children import privilege_drop_command

    return privilege_drop_command() is not None


def _mount_namespace() -> bool:
    unshare = shutil.which("unshare")
    if unshare is None or not hasattr(os, "geteuid") or os.geteuid() != 0:
        return False
    done = subprocess.run([unshare, "-m", "--propagation", "private", "true"],
                          stdin=subprocess.DEVNULL, capture_output=True, timeout=PROBE_TIMEOUT)
    return done.returncode == 0


def _resource_limits() -> bool:
    import resource

    for limit in (resource.RLIMIT_NOFILE, resource.RLIMIT_FSIZE):
        resource.setrlimit(limit, resource.getrlimit(limit))  # setting the current value again
    return True


def _landlock() -> bool:
    from conformance.harness import landlock

    return landlock.available()


PROBES: Dict[str, Callable[[], bool]] = {
    "fork": _fork, "subprocess": _subprocess, "threads": _threads, "signals": _signals,
    "privilege-drop": _privilege_drop, "mount-namespace": _mount_namespace,
    "resource-limits": _resource_limits, "landlock": _landlock,
}
assert set(PROBES) == set(HOST_CAPABILITIES), "one probe per host capability"

@functools.lru_cache(maxsize=None)  # noqa: UP033 - 3.8 has no functools.cache; the host does not change
def has(capability: str) -> bool:
    """Can this host do ``capability``?  Probed the first time only; a probe that raises means no."""
    if capability not in HOST_CAPABILITIES:
        raise ValueError(f"unknown host capability {capability!r} "
                         f"(known: {', '.join(HOST_CAPABILITIES)})")
    if capability in os.environ.get(WITHOUT_VARIABLE, "").replace(" ", "").split(","):
        return False
    try:
        return bool(PROBES[capability]())
    except (OSError, RuntimeError, ImportError, subprocess.SubprocessError, AttributeError):
        return False


def missing(capabilities: Iterable[str]) -> List[str]:
    """Those of ``capabilities`` this host lacks, in the closed list's order."""
    wanted = set(capabilities)
    return [name for name in HOST_CAPABILITIES if name in wanted and not has(name)]
