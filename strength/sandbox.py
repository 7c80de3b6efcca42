"""Run a command on a mutant inside bubblewrap: the whole file system read-only but one scratch folder.

A mutant of tempfile may delete what it should keep (a broken cleanup once
deleted /etc on a development machine), so it never runs as root outside a
sandbox: the host is bound read-only, /tmp is a fresh tmpfs, only ``scratch``
is writable, and every namespace (network, pids, users...) is unshared.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional


class SandboxUnavailable(Exception):
    """bwrap is missing or cannot create namespaces here; the message is one line."""


@dataclass
class Outcome:
    """How one sandboxed command ended."""

    returncode: Optional[int]  # None: killed at the timeout
    seconds: float
    output: str

    @property
    def timed_out(self) -> bool:
        return self.returncode is None


def bwrap_prefix(scratch: Path, env: Optional[Dict[str, str]] = None) -> List[str]:
    """The bwrap arguments that confine a command to ``scratch``."""
    if shutil.which("bwrap") is None:
        raise SandboxUnavailable("bwrap is not installed: mutants never run outside a sandbox")
    # The fresh /tmp first, the scratch bind after it: a scratch folder below /tmp stays visible.
    prefix = ["bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
              "--bind", str(scratch), str(scratch), "--unshare-all", "--die-with-parent",
              "--chdir", str(scratch)]
    for name, value in sorted((env or {}).items()):
        prefix += ["--setenv", name, value]
    return prefix + ["--"]


def run_sandboxed(argv: List[str], scratch: Path, timeout: float,
                  env: Optional[Dict[str, str]] = None) -> Outcome:
    """Run ``argv`` in the sandbox with ``scratch`` as its only writable folder (and its cwd)."""
    if not scratch.is_absolute() or scratch.resolve() == Path("/"):
        raise SandboxUnavailable(f"scratch folder must be an absolute folder below /: {scratch}")
    command = bwrap_prefix(scratch, env) + argv
    started = time.monotonic()
    try:
        proc = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              timeout=timeout, stdin=subprocess.DEVNULL, env=dict(os.environ, **(env or {})))
    except subprocess.TimeoutExpired as expired:
        output = expired.output if isinstance(expired.output, str) else ""
        return Outcome(None, time.monotonic() - started, output)
    return Outcome(proc.returncode, time.monotonic() - started, proc.stdout)
