"""Progress on a terminal while the suite runs: one line on stderr, rewritten in place.

Only when stderr is a terminal; a run whose output goes to a file or a pipe
prints nothing extra.
"""

from __future__ import annotations

from typing import Optional, TextIO

import pytest


def wanted(stream: Optional[TextIO]) -> bool:
    """Is ``stream`` a terminal a person watches?"""
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError):  # a closed or odd stream
        return False


class TerminalProgress:
    """A pytest plugin object: "tests run / total, failures so far", then the line is cleared."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.total = 0
        self.done = 0
        self.failed = 0
        self.width = 0

    def show(self, text: str) -> None:
        """Replace the progress line with ``text``."""
        self.stream.write("\r" + text.ljust(self.width))
        self.stream.flush()
        self.width = len(text)

    def clear(self) -> None:
        """Remove the progress line."""
        if self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        self.total = len(session.items)
        self.show(f"tempfile conformance: {self.total} tests to run")

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when != "teardown":
            self.failed += int(report.failed and report.when == "call")
            return
        self.done += 1
        failures = f", {self.failed} failed" if self.failed else ""
        self.show(f"tempfile conformance: {self.done}/{self.total} tests{failures}")

    def pytest_sessionfinish(self) -> None:
        self.clear()
