"""``--python``: run the suite under another interpreter and bring its result document back.

The child runs ``python -m conformance ARGV --format json --output FILE``
inside the prepared interpreter; the caller renders the document it wrote.
The child runs inside the kernel sandbox (:mod:`conformance.sandbox`) unless
ARGV says ``--no-sandbox`` or bwrap is missing (then one line says so); the
document's ``sandbox`` field records which.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from typing import List, Sequence, Tuple

from conformance import sandbox
from conformance.harness.scratch import harness_tmp_root, make_scratch, remove_untrusted_tree
from conformance.interpreters import registry
from conformance.interpreters.base import MIN_VERSION, Interpreter, InterpreterError, Launch
from conformance.interpreters.venv import progress

# The child imports the installed project first and the caller's directory last,
# so a target module sitting in the caller's directory is still importable.
BOOT = ("import runpy, sys; cwd = sys.path.pop(0); sys.path.append(cwd); "
        "runpy.run_module('conformance', run_name='__main__', alter_sys=True)")
ERROR_PREFIX = "python -m conformance: error: "
NO_SANDBOX = "--no-sandbox"  # the child's own flag: it is confined already, or was asked not to be
PROGRESS_LINE = re.compile(r"^\[[\w -]+\] ")  # "[pyodide] 63/373 test_badinput.py: ..."


def check_supported(interp: Interpreter) -> None:
    """Refuse an interpreter the suite cannot run on."""
    if interp.minor < MIN_VERSION:
        floor = ".".join(str(part) for part in MIN_VERSION)
        raise InterpreterError(f"{interp.executable} is Python {interp.version_text}; "
                               f"the suite needs {floor} or newer")


def _confine(command: List[str], launch: Launch, scratch: str, wanted: bool) -> Tuple[List[str], str]:
    """``command`` in the sandbox when wanted and possible (told so: no second one inside); how it runs."""
    if launch.sandbox:  # the provider starts it inside the sandbox already (a Debian root)
        return command + [NO_SANDBOX], launch.sandbox
    wrapped = sandbox.wrap_command(command + [NO_SANDBOX], scratch, scratch) if wanted else None
    if wanted and wrapped is None:
        progress(sandbox.MISSING_NOTE)
    return (wrapped or command), sandbox.describe(wrapped)


def run_forwarding_progress(command: Sequence[str], env: dict) -> Tuple[int, str]:
    """Run ``command``; pass its progress lines (``[pyodide] ...``) through to our stderr as they come.

    Returns the exit status and everything it wrote to stderr.
    """
    seen: List[str] = []
    with subprocess.Popen(list(command), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, env=env) as child:
        assert child.stderr is not None
        for line in child.stderr:
            seen.append(line)
            if PROGRESS_LINE.match(line):
                sys.stderr.write(line)
                sys.stderr.flush()
    return child.returncode, "".join(seen)


def run_elsewhere(python_spec: str, argv: Sequence[str]) -> dict:
    """Run ``python -m conformance ARGV`` under the interpreter ``python_spec`` names; its document."""
    interp = registry.resolve(python_spec)
    check_supported(interp)
    scratch = make_scratch(harness_tmp_root(), "run")
    output = os.path.join(scratch, "result.json")
    try:
        with registry.provider_of(interp).prepare(interp, scratch) as launch:
            progress(f"running the suite under {interp.label} ...")
            command = [*launch.python, "-c", BOOT, *argv, "--format", "json", "--output", output]
            command, confinement = _confine(command, launch, scratch, NO_SANDBOX not in argv)
            env = dict(os.environ, **launch.environment)
            returncode, stderr = run_forwarding_progress(command, env)
        if returncode == 2 or not os.path.isfile(output):
            lines = [ln for ln in stderr.strip().splitlines() if ln.strip()]
            last = lines[-1] if lines else f"exit status {returncode}, no output"
            raise InterpreterError(f"under {interp.label}: {last.replace(ERROR_PREFIX, '')}")
        with open(output, encoding="utf-8") as handle:
            document = json.load(handle)
        document["sandbox"] = confinement
        return document
    finally:
        remove_untrusted_tree(scratch, harness_tmp_root())
