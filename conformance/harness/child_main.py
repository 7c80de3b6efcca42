"""Run one check in this process, for a parent test: ``python -m conformance.harness.child_main REQUEST``.

The request (JSON in argv, or handed over by :mod:`.forkserver`) names the
target and a check as ``"package.module:function"``; the function is called
as ``function(tf, **args)`` with ``tf`` the target's module, and what it
returns is written to stdout after :data:`RESULT_MARKER` as JSON.  A check
that raises leaves its traceback on stderr and exit status 1.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import traceback
from typing import Any, Callable, Dict, Set

from conformance.harness.guard import SandboxGuard

RESULT_MARKER = "@@RESULT@@"
_JUDGED_AT_EXIT: Set[str] = set()  # "module:function" of the checks marked below


def judged_at_exit(check: Callable[..., Any]) -> Callable[..., Any]:
    """Mark a check whose outcome shows only as its interpreter shuts down (finalizers, atexit).

    A forked check otherwise ends the moment its result is written, without the
    interpreter's shutdown: nothing else looks at what that shutdown does, and
    freeing every module cost about 5 ms a check.
    """
    _JUDGED_AT_EXIT.add(f"{check.__module__}:{check.__name__}")
    return check


def needs_shutdown(request: Dict[str, Any]) -> bool:
    """Must the process that ran ``request`` end through the interpreter's own shutdown?"""
    return request["check"] in _JUDGED_AT_EXIT


def _adopt_surroundings(request: Dict[str, Any]) -> None:
    """Take on the parent test's environment, cwd, umask and import path (a forked check)."""
    if "env" in request:
        os.environ.clear()
        os.environ.update(request["env"])
    if "path" in request:
        sys.path[:] = request["path"]
    if "cwd" in request:
        os.chdir(request["cwd"])
    if "umask" in request:
        os.umask(request["umask"])


def _function(name: str) -> Callable[..., Any]:
    """The function a ``"package.module:function"`` name points at."""
    module_name, function_name = name.split(":")
    return getattr(importlib.import_module(module_name), function_name)


def execute(request: Dict[str, Any]) -> int:
    """Run the requested check against the requested target; the exit status to end with.

    A request may name a ``prepare`` step (``"module:function"``, called with
    ``prepare_args``) to change this process before the target is imported: the
    target then starts in that world, as it would under a launcher.
    """
    _adopt_surroundings(request)
    guard = SandboxGuard.from_env()
    if guard is not None:
        guard.__enter__()  # for the rest of this process's life
    try:
        from conformance.targets import resolve_target

        if "prepare" in request:
            _function(request["prepare"])(**request.get("prepare_args", {}))

        tf = resolve_target(request["target"], request.get("version")).module
        value = _function(request["check"])(tf, **request.get("args", {}))
    except BaseException:  # the parent reads the traceback from stderr
        traceback.print_exc()
        sys.stderr.flush()
        return 1
    sys.stdout.write("\n" + RESULT_MARKER + json.dumps(value))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(execute(json.loads(sys.argv[1])))
