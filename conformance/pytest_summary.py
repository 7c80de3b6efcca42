"""Pytest hooks the runner relies on, and the clause-level summary of a plain pytest run.

* ``--conformance-clause PATTERN`` (repeatable): keep only conformance tests
  naming a clause that matches one of the fnmatch patterns.
* Every conformance test's report carries its clause ids
  (``report.conformance_clauses``), so the verdicts come out the same when
  pytest-xdist runs the tests in worker processes: the controller never
  collects, so it learns the ids from the reports alone.
* Only tests that actually reported are counted: a test that never ran
  (deselected, interrupted session) cannot pass a clause.
* ``pytest --pyargs conformance.tests --conformance-target=...`` ends with a
  per-clause summary (the ``python -m conformance`` runner prints its own report
  instead).
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Set, Tuple

import pytest

from conformance import plugin


@dataclass
class SessionState:
    """What this module learns during one pytest session."""

    patterns: List[str] = field(default_factory=list)
    clause_map: Dict[str, Tuple[str, ...]] = field(default_factory=dict)
    seen: Set[str] = field(default_factory=set)
    runner_owned: bool = False  # True when python -m conformance renders the report


_state: Optional[SessionState] = None


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("tempfile-conformance")
    group.addoption("--conformance-clause", action="append", default=[], metavar="PATTERN",
                    help="run only conformance tests naming a clause matching PATTERN (fnmatch)")


def pytest_configure(config: pytest.Config) -> None:
    global _state
    _state = SessionState(patterns=list(config.getoption("--conformance-clause") or []))
    config._conformance_state = _state  # type: ignore[attr-defined]


def matches(clause_ids: Sequence[str], patterns: Sequence[str]) -> bool:
    """Does any id match any pattern (no patterns: everything matches)?"""
    if not patterns:
        return True
    return any(fnmatch.fnmatchcase(cid, pat) for cid in clause_ids for pat in patterns)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: List[pytest.Item]) -> None:
    state: SessionState = config._conformance_state  # type: ignore[attr-defined]
    keep, drop = [], []
    for item in items:
        if not str(item.fspath).startswith(plugin.TESTS_DIR):
            keep.append(item)
            continue
        ids = plugin.clause_ids(item)
        state.clause_map[item.nodeid] = ids
        (keep if matches(ids, state.patterns) else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Runs before the plugin's own hook (and before xdist ships the report)."""
    state = _state
    if state is None:
        return
    clauses = getattr(report, "conformance_clauses", None)
    if clauses is None:
        found = state.clause_map.get(report.nodeid)
        if found is None:
            return  # not a conformance test
        clauses = list(found)
        report.conformance_clauses = clauses  # type: ignore[attr-defined]
    state.seen.add(report.nodeid)
    log = plugin._active_log
    if log is not None and report.nodeid not in log.records:
        # On an xdist controller nothing was collected: create the record here.
        log.records[report.nodeid] = plugin.TestRecord(report.nodeid, tuple(clauses))


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    state: Optional[SessionState] = getattr(config, "_conformance_state", None)
    if state is None or state.runner_owned or not state.seen:
        return
    from conformance import report, runner

    try:
        document = runner.document_from_config(config)
    except Exception as exc:  # the summary must never hide pytest's own report
        terminalreporter.write_line(f"conformance summary unavailable: {type(exc).__name__}: {exc}")
        return
    terminalreporter.write_sep("=", "tempfile conformance: clause summary")
    for line in report.render_text(document, verbosity=-1, colour=False).splitlines():
        terminalreporter.write_line(line)
