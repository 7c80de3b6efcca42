"""Run a command on a mutant inside the project's kernel sandbox, with a time limit.

A mutant of tempfile may delete what it should keep (a broken cleanup once
deleted /etc on a development machine), so it never runs as root outside a
sandbox: ``conformance.sandbox`` binds the host read-only, gives a fresh /tmp,
and leaves only the scratch folder writable.
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional

from conformance import sandbox


class SandboxUnavailable(Exception):
    """bwrap is missing or cannot build a sandbox here; the message is one line."""


@dataclass
class Outcome:
    """How one sandboxed command ended."""

    returncode: Optional[int]  # None: killed at the timeout
    seconds: float
    output: str

    @property
    def timed_out(self) -> bool:
        return self.returncode is None


def run_sandboxed(argv: List[str], scratch: Path, timeout: float,
                  env: Optional[Dict[str, str]] = None) -> Outcome:
    """Run ``argv`` in the sandbox with ``scratch`` as its only writable folder."""
    if not scratch.is_absolute() or not scratch.is_dir():
        raise SandboxUnavailable(f"scratch folder must be an existing absolute folder: {scratch}")
    command = sandbox.wrap_command(argv, str(scratch), str(scratch))
    if command is None:
        raise SandboxUnavailable("bwrap cannot build a sandbox here: mutants never run outside one")
    started = time.monotonic()
    try:
        proc = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              timeout=timeout, stdin=subprocess.DEVNULL, env=dict(os.environ, **(env or {})))
    except subprocess.TimeoutExpired as expired:
        output = expired.output if isinstance(expired.output, str) else ""
        return Outcome(None, time.monotonic() - started, output)
    return Outcome(proc.returncode, time.monotonic() - started, proc.stdout)
