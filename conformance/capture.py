"""From pytest's per-phase reports to one :class:`~conformance.results.TestRecord` per test.

The plugin's hooks call these; they are plain functions of pytest's objects,
so the rules (which phase decides the outcome, what the one-line headline of a
failure is, how a test is named) can be read and tested on their own.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any, List

import pytest

from conformance.expect import ConformanceFailure
from conformance.results import TestRecord
from conformance.vocabulary import TEST_ERROR, TEST_FAILED, TEST_PASSED, TEST_SKIPPED

PACKAGE_PARENT = Path(__file__).resolve().parent.parent
HEADLINE_LIMIT = 300
# pytest's hints that make sense only on its own command line, not in our reports.
_PYTEST_HINTS = ("Use -v to get more diff", "Use -vv to get more diff",
                 "Full diff:", "Omitting ", "(pytest_assertion plugin: representation of details failed")


@functools.lru_cache(maxsize=None)  # noqa: UP033 - 3.8 has no functools.cache
def _package_relative(path: str) -> str:
    """A test file's path relative to the package's parent, "" for a file outside the package.

    Asked three times per test with the same few dozen files: resolving each
    time (a system call per path component) cost more than the rest of the hook.
    """
    try:
        return Path(path).resolve().relative_to(PACKAGE_PARENT).as_posix()
    except ValueError:
        return ""


def package_nodeid(path: os.PathLike, nodeid: str) -> str:
    """``.../site-packages/conformance/tests/test_x.py::t`` -> ``conformance/tests/test_x.py::t``."""
    relative = _package_relative(os.fspath(path))
    if not relative:  # a test outside the package keeps pytest's id
        return nodeid
    test = nodeid.split("::", 1)[1] if "::" in nodeid else ""
    return f"{relative}::{test}" if test else relative


def failure_headline(error: BaseException) -> str:
    """The one line a person reads first about a failed test."""
    if isinstance(error, ConformanceFailure):
        lines = str(error).splitlines()
    elif isinstance(error, AssertionError):
        lines = [ln for ln in str(error).splitlines() if ln.strip()]
        # "msg\nassert x == y": the test's own words, then what pytest saw.
        if len(lines) > 1 and not lines[0].startswith("assert "):
            lines = [f"{lines[0]}: {lines[1].strip()}"]
        lines = lines or ["assertion failed"]
    elif isinstance(error, pytest.fail.Exception):  # pytest.fail's own message
        lines = str(error).splitlines()
    else:
        lines = [f"{type(error).__name__}: {error}"]
    first = lines[0].strip() if lines else type(error).__name__
    return first if len(first) <= HEADLINE_LIMIT else first[:HEADLINE_LIMIT - 3] + "..."


def report_message(report: Any) -> str:
    """The skip reason, or the first lines of the failure pytest reported (its hints left out)."""
    if report.skipped and isinstance(report.longrepr, tuple):
        return str(report.longrepr[2]).replace("Skipped: ", "", 1)
    text = getattr(report, "longreprtext", "") or str(report.longrepr or "")
    lines = [ln for ln in text.splitlines() if ln.startswith("E ")] or text.splitlines()[-3:]
    kept: List[str] = []
    for line in lines:
        line = line[1:].strip() if line.startswith("E ") else line
        if not any(line.startswith(hint) for hint in _PYTEST_HINTS):
            kept.append(line)
    return "\n".join(kept[:12])


def _headline(report: Any, message: str) -> str:
    found = getattr(report, "conformance_headline", "")
    if found:
        return str(found)
    return next((ln.strip() for ln in message.splitlines() if ln.strip()), "")


def record_report(record: TestRecord, report: Any) -> None:
    """Fold one phase's report (setup, call, teardown) into the test's record."""
    record.duration += report.duration
    record.properties.update({k: str(v) for k, v in report.user_properties})
    if report.when == "call" or report.skipped:
        if report.failed:
            record.outcome, record.message = TEST_FAILED, report_message(report)
            record.headline = _headline(report, record.message)
        elif report.skipped:
            record.outcome, record.message, record.headline = TEST_SKIPPED, report_message(report), ""
        else:
            record.outcome, record.message, record.headline = TEST_PASSED, "", ""
    elif report.failed:  # setup or teardown went wrong
        message = report_message(report)
        note = f"{report.when}: {message}"
        if record.outcome == TEST_FAILED or record.message.startswith("setup:"):
            record.message += "\n" + note  # the first problem stays the headline
        else:
            record.outcome, record.message = TEST_ERROR, note
            record.headline = f"{report.when}: {_headline(report, message)}"
