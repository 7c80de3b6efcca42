"""``--python``: run the suite under another interpreter and bring its result document back.

The child runs ``python -m conformance ARGV --format json --output FILE``
inside the prepared interpreter; the caller renders the document it wrote.
The child runs inside the kernel sandbox (:mod:`conformance.sandbox`) unless
``sandboxed`` is false or bwrap is missing (then one line says so), and the
document's ``sandbox`` field records which.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from typing import List, Sequence, Tuple

from conformance import sandbox
from conformance.interpreters import registry
from conformance.interpreters.base import MIN_VERSION, Interpreter, InterpreterError, Launch
from conformance.interpreters.venv import progress

# The child imports the installed project first and the caller's directory last,
# so a target module sitting in the caller's directory is still importable.
BOOT = ("import runpy, sys; cwd = sys.path.pop(0); sys.path.append(cwd); "
        "runpy.run_module('conformance', run_name='__main__', alter_sys=True)")


def check_supported(interp: Interpreter) -> None:
    """Refuse an interpreter the suite cannot run on."""
    if interp.minor < MIN_VERSION:
        floor = ".".join(str(part) for part in MIN_VERSION)
        raise InterpreterError(f"{interp.executable} is Python {interp.version_text}; "
                               f"the suite needs {floor} or newer")


def _confine(command: List[str], launch: Launch, scratch: str, wanted: bool) -> Tuple[List[str], str]:
    """``command`` wrapped in the sandbox when wanted and possible; and how it will run."""
    if launch.sandbox:  # the provider starts it inside the sandbox already (a Debian root)
        return command, launch.sandbox
    wrapped = sandbox.wrap_command(command, scratch, scratch) if wanted else None
    if wanted and wrapped is None:
        progress(sandbox.MISSING_NOTE)
    return (wrapped or command), sandbox.describe(wrapped)


def run_elsewhere(python_spec: str, argv: Sequence[str], sandboxed: bool = True) -> dict:
    """Run ``python -m conformance ARGV`` under the interpreter ``python_spec`` names; its document."""
    interp = registry.resolve(python_spec)
    check_supported(interp)
    scratch = tempfile.mkdtemp(prefix="tfconf-run-")
    output = os.path.join(scratch, "result.json")
    try:
        with registry.provider_of(interp).prepare(interp, scratch) as launch:
            progress(f"running the suite under {interp.label} ...")
            command = [*launch.python, "-c", BOOT, *argv, "--format", "json", "--output", output]
            command, confinement = _confine(command, launch, scratch, sandboxed)
            env = dict(os.environ, **launch.environment)
            done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env)
        document, problem = sandbox.child_result(done, output)
        if document is None:
            raise InterpreterError(f"under {interp.label}: {problem}")
        document["sandbox"] = confinement
        return document
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
