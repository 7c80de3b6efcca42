"""Security: descriptors are close-on-exec, so no child process inherits them."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from typing import Callable, Dict, List, Tuple

import pytest

from conformance.harness import fd_probe


def _open_descriptors(tf, scratch: str) -> Tuple[Dict[str, int], List[Callable[[], None]]]:
    fd, _path = tf.mkstemp(dir=scratch)
    named = tf.NamedTemporaryFile(dir=scratch)
    anon = tf.TemporaryFile(dir=scratch)
    spooled = tf.SpooledTemporaryFile(max_size=1, dir=scratch)
    spooled.write(b"rolled over")
    fds = {"mkstemp": fd, "NamedTemporaryFile": named.fileno(), "TemporaryFile": anon.fileno(),
           "SpooledTemporaryFile": spooled.fileno()}
    return fds, [lambda: os.close(fd), named.close, anon.close, spooled.close]


@pytest.fixture
def held_descriptors(tf, scratch):
    fds, closers = _open_descriptors(tf, scratch)
    yield fds
    for close in closers:
        close()


@pytest.mark.clause("security.fd.close-on-exec")
def test_descriptors_are_close_on_exec(held_descriptors):
    flags = {api: bool(fcntl.fcntl(fd, fcntl.F_GETFD) & fcntl.FD_CLOEXEC)
             for api, fd in held_descriptors.items()}
    assert flags == {api: True for api in flags}


@pytest.mark.clause("security.fd.not-inherited-subprocess")
@pytest.mark.host("subprocess")
def test_subprocess_without_close_fds_cannot_use_descriptor(held_descriptors):
    apis = sorted(held_descriptors)
    numbers = [str(held_descriptors[a]) for a in apis]
    proc = subprocess.run([sys.executable, "-S", fd_probe.__file__, *numbers], close_fds=False,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout)
    assert {a: seen[n] for a, n in zip(apis, numbers)} == {a: "EBADF" for a in apis}


@pytest.mark.clause("security.fd.not-inherited-exec")
@pytest.mark.host("fork", "subprocess")
def test_fork_then_exec_cannot_use_descriptor(held_descriptors):
    apis = sorted(held_descriptors)
    numbers = [str(held_descriptors[a]) for a in apis]
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: plain fork shares the descriptors; exec must drop them
        try:
            os.dup2(write_end, 1)
            os.execv(sys.executable, [sys.executable, "-S", fd_probe.__file__, *numbers])
        finally:
            os._exit(127)
    os.close(write_end)
    with os.fdopen(read_end, "r") as pipe:
        output = pipe.read()
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    seen = json.loads(output)
    assert {a: seen[n] for a, n in zip(apis, numbers)} == {a: "EBADF" for a in apis}
