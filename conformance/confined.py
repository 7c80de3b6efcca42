"""Judging foreign code (a module or path target) in a child process inside the kernel sandbox.

The caller never imports the target: the child does, inside ``bwrap`` (see
:mod:`conformance.sandbox`), runs the suite there and writes its result
document into the one folder it may write; the caller reads that back.  On a
terminal the child's stderr is a pseudo-terminal whose output (its progress
line) is passed through; its one-line usage error (exit 2) becomes the caller's.
"""

from __future__ import annotations

import errno
import json
import os
import pty
import subprocess
import sys
from typing import List, Optional, Sequence, TextIO

from conformance import progress, sandbox
from conformance.cli_common import PROG
from conformance.harness.scratch import harness_tmp_root, make_scratch, remove_untrusted_tree

_ERROR_MARK = f"{PROG}: error: "


class ConfinedRunError(Exception):
    """The confined child could not judge the target; one line for the user."""


def is_foreign(spec: str) -> bool:
    """Is ``spec`` a module or path target (code the suite knows nothing about)?"""
    return spec not in ("stdlib", "reference") and not spec.startswith("adapter:")


def _relay(fd: int, terminal: Optional[TextIO]) -> str:
    """Copy the child's stderr to ``terminal`` up to its error line; return all of it."""
    seen = b""
    shown = 0
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError as exc:  # a pseudo-terminal reports the child's end as EIO
            if exc.errno != errno.EIO:
                raise
            chunk = b""
        if not chunk:
            return seen.decode(errors="replace")
        seen += chunk
        text = seen.decode(errors="replace")
        end = text.find(_ERROR_MARK)
        visible = text if end < 0 else text[:end]
        if terminal is not None and len(visible) > shown:
            terminal.write(visible[shown:])
            terminal.flush()
            shown = len(visible)


def run_confined(child_arguments: Sequence[str], readable: Sequence[str]) -> Optional[dict]:
    """The child's result document, or None when no sandbox can be built here.

    ``child_arguments`` are the command-line arguments of the child run (its
    ``--output`` is added here); ``readable`` are folders the child must read
    that the sandbox would hide (the target's folder, the caller's directory).
    """
    scratch = make_scratch(harness_tmp_root(), "confined")
    try:
        output = os.path.join(scratch, "result.json")
        argv = [sys.executable, "-m", "conformance", *child_arguments, "--no-sandbox",
                "--format", "json", "--output", output]
        wrapped = sandbox.wrap_command(argv, scratch, scratch, readable=readable)
        if wrapped is None:
            sys.stderr.write(f"{PROG}: note: {sandbox.MISSING_NOTE}\n")
            return None
        env = dict(os.environ)
        env.pop("CONFORMANCE_SCRATCH", None)  # the child's own /tmp is private and writable
        # A module target named from the caller's directory must stay importable in the child.
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [os.getcwd(), env.get("PYTHONPATH")]))
        terminal = sys.stderr if progress.wanted(sys.stderr) else None
        reading, writing = pty.openpty() if terminal is not None else os.pipe()
        try:
            child = subprocess.Popen(wrapped, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=writing, env=env)
            os.close(writing)
            writing = -1
            stderr = _relay(reading, terminal)
            child.wait()
        finally:
            for fd in (reading, writing):
                if fd >= 0:
                    os.close(fd)
        if child.returncode == 2 or not os.path.isfile(output):
            lines: List[str] = [ln for ln in stderr.splitlines() if ln.strip()]
            last = lines[-1] if lines else f"exit status {child.returncode}"
            raise ConfinedRunError(last.split(_ERROR_MARK, 1)[-1].strip())
        with open(output, encoding="utf-8") as handle:
            return json.load(handle)
    finally:
        remove_untrusted_tree(scratch, harness_tmp_root())
