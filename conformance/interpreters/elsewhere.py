"""``--python``: run the suite under another interpreter and bring its result document back.

The child runs ``python -m conformance ARGV --format json --output FILE``
inside the prepared interpreter; the caller renders the document it wrote.
"""

from __future__ import annotations

import json
import os
import subprocess
from typing import Sequence

from conformance.harness.scratch import harness_tmp_root, make_scratch, remove_untrusted_tree
from conformance.interpreters import registry
from conformance.interpreters.base import MIN_VERSION, Interpreter, InterpreterError
from conformance.interpreters.venv import progress

# The child imports the installed project first and the caller's directory last,
# so a target module sitting in the caller's directory is still importable.
BOOT = ("import runpy, sys; cwd = sys.path.pop(0); sys.path.append(cwd); "
        "runpy.run_module('conformance', run_name='__main__', alter_sys=True)")
ERROR_PREFIX = "python -m conformance: error: "


def check_supported(interp: Interpreter) -> None:
    """Refuse an interpreter the suite cannot run on."""
    if interp.minor < MIN_VERSION:
        floor = ".".join(str(part) for part in MIN_VERSION)
        raise InterpreterError(f"{interp.executable} is Python {interp.version_text}; "
                               f"the suite needs {floor} or newer")


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
            env = dict(os.environ, **launch.environment)
            done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env)
        if done.returncode == 2 or not os.path.isfile(output):
            lines = [ln for ln in done.stderr.strip().splitlines() if ln.strip()]
            last = lines[-1] if lines else f"exit status {done.returncode}, no output"
            raise InterpreterError(f"under {interp.label}: {last.replace(ERROR_PREFIX, '')}")
        with open(output, encoding="utf-8") as handle:
            return json.load(handle)
    finally:
        remove_untrusted_tree(scratch, harness_tmp_root())
