"""Runs inside Pyodide: the suite's wheels and the project on sys.path, progress on stderr, the CLI.

Usage (as the driver's main file)::

    pyodide_inside.py --site DIR --project DIR --pycache DIR -- CONFORMANCE-ARGUMENTS...

It imports nothing of the project until the paths are set, and it is not on
sys.path itself (a ``pyodide.py`` beside it would shadow Pyodide's own package).
"""

from __future__ import annotations

import argparse
import compileall
import os
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
        outcome = "error" if report.when == "setup" and report.failed else report.outcome
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


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(prog="pyodide_inside")
    parser.add_argument("--site", required=True, help="the unpacked wheels")
    parser.add_argument("--project", required=True, help="the project's source tree")
    parser.add_argument("--pycache", required=True, help="where compiled byte code is kept")
    parser.add_argument("rest", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    # Pyodide starts with dont_write_bytecode set; a cache outside the tree lets warm runs skip
    # compiling.  The wheels are compiled up front (about 15 s once, then a 0.4 s freshness check),
    # the project while pytest collects it.
    sys.pycache_prefix, sys.dont_write_bytecode = args.pycache, False
    compileall.compile_dir(args.site, quiet=2)
    sys.path[:0] = [args.project, args.site]
    register_progress()
    say(f"Python {sys.version.split()[0]} on {sys.platform}; running the suite")
    from conformance.cli import main as conformance_main

    rest = args.rest[1:] if args.rest[:1] == ["--"] else args.rest
    return conformance_main(rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
