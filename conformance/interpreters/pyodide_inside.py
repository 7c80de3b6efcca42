"""Runs inside Pyodide before the command: wheels and project on sys.path, progress on stderr.

Usage (as the driver's main file)::

    pyodide_inside.py --site DIR --pycache DIR [--path DIR]... -- -c CODE ARGS...   (or -m MODULE, FILE)

It puts the wheels and the given folders on sys.path, then does what ``python``
would do with the arguments after ``--``.  It is not on sys.path itself (a
``pyodide.py`` beside it would shadow Pyodide's own package).
"""

from __future__ import annotations

import argparse
import builtins
import compileall
import os
import runpy
import sys
import time
import types
from typing import List

PROGRESS_PLUGIN = "tfconf_pyodide_progress"


def say(message: str) -> None:
    """One progress line on the real stderr (the runner captures sys.stderr while pytest runs)."""
    stream = sys.__stderr__ or sys.stderr
    stream.write(f"[pyodide] {message}\n")
    stream.flush()


class Progress:
    """A pytest plugin: one line per finished test module, with its outcome counts."""

    def __init__(self) -> None:
        self.module = ""
        self.counts: dict = {}
        self.done = 0
        self.total = 0
        self.started = time.monotonic()

    def pytest_collection_finish(self, session) -> None:
        # From here on the suite's sandbox guard refuses any write outside a test's scratch
        # tree, and a lazy import writing byte code to the cache would be one.
        sys.dont_write_bytecode = True
        self.total = len(session.items)
        say(f"collected {self.total} tests")

    def _flush(self) -> None:
        if self.module:
            summary = ", ".join(f"{n} {o}" for o, n in sorted(self.counts.items()))
            say(f"{self.done}/{self.total} {self.module}: {summary} "
                f"({time.monotonic() - self.started:.1f}s)")
        self.counts = {}

    def pytest_runtest_logreport(self, report) -> None:
        if not (report.when == "call" or (report.when == "setup" and not report.passed)):
            return
        module = report.nodeid.split("::", 1)[0].rsplit("/", 1)[-1]
        if module != self.module:
            self._flush()
            self.module = module
        self.done += 1
        # a set-up that failed is named by its phase; a skip is a skip whenever it happens
        named_by_phase = report.when != "call" and not report.skipped
        outcome = f"{report.when} {report.outcome}" if named_by_phase else report.outcome
        self.counts[outcome] = self.counts.get(outcome, 0) + 1

    def pytest_sessionfinish(self, session) -> None:
        self._flush()
        self.module = ""


def register_progress() -> None:
    """Make the plugin importable by name and ask pytest to load it (PYTEST_PLUGINS)."""
    module = types.ModuleType(PROGRESS_PLUGIN)
    progress = Progress()
    for name in ("pytest_collection_finish", "pytest_runtest_logreport", "pytest_sessionfinish"):
        setattr(module, name, getattr(progress, name))
    sys.modules[PROGRESS_PLUGIN] = module
    os.environ["PYTEST_PLUGINS"] = PROGRESS_PLUGIN


def run_like_python(argv: List[str]) -> None:
    """Do what ``python ARGV`` would: ``-c CODE ...``, ``-m MODULE ...`` or ``FILE ...``."""
    if argv[:1] == ["-c"] and len(argv) > 1:
        sys.argv = ["-c", *argv[2:]]
        sys.path.insert(0, "")
        exec(compile(argv[1], "<string>", "exec"), {"__name__": "__main__", "__builtins__": builtins})
    elif argv[:1] == ["-m"] and len(argv) > 1:
        sys.argv = [argv[1], *argv[2:]]
        sys.path.insert(0, os.getcwd())
        runpy.run_module(argv[1], run_name="__main__", alter_sys=True)
    elif argv and not argv[0].startswith("-"):
        sys.argv = list(argv)
        sys.path.insert(0, os.path.dirname(os.path.abspath(argv[0])))
        runpy.run_path(argv[0], run_name="__main__")
    else:
        raise SystemExit(f"pyodide: expected -c CODE, -m MODULE or FILE, got {' '.join(argv) or 'nothing'}")


def main(argv: List[str]) -> None:
    parser = argparse.ArgumentParser(prog="pyodide_inside")
    parser.add_argument("--site", required=True, help="the unpacked wheels")
    parser.add_argument("--pycache", required=True, help="where compiled byte code is kept")
    parser.add_argument("--path", action="append", default=[], help="put this folder on sys.path")
    parser.add_argument("python_argv", nargs=argparse.REMAINDER, help="-- then what python would take")
    args = parser.parse_args(argv)
    # Pyodide starts with dont_write_bytecode set; a cache outside the tree lets warm runs skip
    # compiling.  The wheels are compiled up front (about 15 s once, then a 0.4 s freshness check),
    # the project while pytest collects it.
    sys.pycache_prefix, sys.dont_write_bytecode = args.pycache, False
    compileall.compile_dir(args.site, quiet=2)
    sys.path[:0] = [*args.path, args.site]
    register_progress()
    rest = args.python_argv[1:] if args.python_argv[:1] == ["--"] else args.python_argv
    run_like_python(rest)


if __name__ == "__main__":
    main(sys.argv[1:])
