"""The pytest plugin: every pytest hook of the suite, in one place.

Registered through the ``pytest11`` entry point, so an implementation's own
project can run::

    pytest --pyargs conformance.tests --conformance-target=mypkg.tempfile

Every conformance test carries ``@pytest.mark.clause("id", ...)`` naming the
clauses it verifies, and optionally ``@pytest.mark.needs("capability")``.
Before a test runs the plugin decides, from the catalogue alone:

* none of its clauses applies to the judged version/platform -> skipped with
  a reason starting ``not applicable:``;
* it needs a capability the target lacks -> skipped, ``missing capability:``.

A test that touches a public name the target lacks is skipped with
``not implemented:`` (see the ``tf`` fixture in ``conformance/tests/conftest.py``).
The results layer turns these reasons into statuses; the plugin never passes a
test that did not run.

What the plugin learns lives in one :class:`SessionState` in ``config.stash``;
the hooks that need it are methods of a :class:`SessionRecorder` registered per
session, so nothing is kept in module globals.  Only tests that actually
reported are counted: a test that never ran (deselected, interrupted session)
cannot pass a clause.  Every conformance test's report carries its clause ids
(``report.conformance_clauses``), so verdicts come out the same when
pytest-xdist runs the tests in workers: its controller never collects.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

import pytest

from conformance import session
from conformance.report import render_text
from conformance.results import TestRecord
from conformance.target import Target, TargetError
from conformance.targets import resolve_target
from conformance.vocabulary import (
    SKIP_MISSING_CAPABILITY,
    SKIP_NOT_APPLICABLE,
    TEST_ERROR,
    TEST_FAILED,
    TEST_PASSED,
    TEST_SKIPPED,
)
from spec import Catalogue, load_catalogue

TESTS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tests")


@dataclass
class SessionState:
    """Everything the plugin learns during one pytest session."""

    patterns: List[str] = field(default_factory=list)
    records: Dict[str, TestRecord] = field(default_factory=dict)
    collection_errors: List[str] = field(default_factory=list)
    seen: Dict[str, None] = field(default_factory=dict)  # nodeids that reported, in order
    target: Optional[Target] = None
    catalogue: Optional[Catalogue] = None
    runner_renders_report: bool = False  # python -m conformance prints its own report


STATE_KEY = pytest.StashKey[SessionState]()


def state_of(config: pytest.Config) -> SessionState:
    """The session's state, created on first use (by this plugin or by the runner, whichever is first)."""
    if STATE_KEY not in config.stash:
        patterns = list(config.getoption("--conformance-clause", None) or [])
        config.stash[STATE_KEY] = SessionState(patterns=patterns)
    return config.stash[STATE_KEY]


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("tempfile-conformance")
    group.addoption("--conformance-target", default=None,
                    help="module to judge: stdlib (default), reference, a module name or a .py path")
    group.addoption("--conformance-as-version", default=None,
                    help="judge against this Python version's docs (X.Y)")
    group.addoption("--conformance-clause", action="append", default=[], metavar="PATTERN",
                    help="run only conformance tests naming a clause matching PATTERN (fnmatch)")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "clause(*ids): the spec clauses this test verifies")
    config.addinivalue_line("markers", "needs(capability): an optional target capability")
    config.addinivalue_line("markers", "sandbox_allows(*paths): extra directories a test may change")
    state_of(config)
    config.pluginmanager.register(SessionRecorder(config), "tempfile-conformance-recorder")


def catalogue_for(config: pytest.Config) -> Catalogue:
    """The catalogue, loaded once per session."""
    state = state_of(config)
    if state.catalogue is None:
        state.catalogue = load_catalogue()
    return state.catalogue


def target_for(config: pytest.Config) -> Target:
    """The :class:`~conformance.target.Target` chosen on the command line, resolved once."""
    state = state_of(config)
    if state.target is None:
        spec = config.getoption("--conformance-target") or "stdlib"
        try:
            state.target = resolve_target(spec, config.getoption("--conformance-as-version"))
        except TargetError as exc:
            raise pytest.UsageError(str(exc)) from None
    return state.target


def clause_ids(item: pytest.Item) -> Tuple[str, ...]:
    """All clause ids named by the item's ``clause`` markers."""
    ids: List[str] = []
    for mark in item.iter_markers("clause"):
        ids.extend(mark.args)
    return tuple(dict.fromkeys(ids))


def is_conformance_item(item: pytest.Item) -> bool:
    """Is ``item`` one of the suite's own tests (not a test of the project around it)?"""
    return str(item.fspath).startswith(TESTS_DIR)


def gate(item: pytest.Item, catalogue: Catalogue, target: Target) -> Optional[str]:
    """The skip reason for ``item``, or None if it should run."""
    ids = clause_ids(item)
    unknown = [c for c in ids if c not in catalogue]
    if not ids or unknown:
        return None  # reported as an error in pytest_runtest_setup
    if not any(catalogue[c].applies(target.version, sys.platform) for c in ids):
        return (f"{SKIP_NOT_APPLICABLE}{', '.join(ids)} do not hold for Python "
                f"{target.version_text} on {sys.platform}")
    for mark in item.iter_markers("needs"):
        for capability in mark.args:
            if not target.has(capability):
                return f"{SKIP_MISSING_CAPABILITY}{capability}"
    return None


def report_message(report: pytest.TestReport) -> str:
    """The skip reason, or the first lines of the failure pytest reported."""
    if report.skipped and isinstance(report.longrepr, tuple):
        return str(report.longrepr[2]).replace("Skipped: ", "", 1)
    text = getattr(report, "longreprtext", "") or str(report.longrepr or "")
    lines = [ln for ln in text.splitlines() if ln.startswith("E ")] or text.splitlines()[-3:]
    return "\n".join(ln[1:].strip() if ln.startswith("E ") else ln for ln in lines[:12])


def record_report(record: TestRecord, report: pytest.TestReport) -> None:
    """Fold one phase's report (setup, call, teardown) into the test's record."""
    record.duration += report.duration
    record.properties.update({k: str(v) for k, v in report.user_properties})
    if report.when == "call" or report.skipped:
        if report.failed:
            record.outcome, record.message = TEST_FAILED, report_message(report)
        elif report.skipped:
            record.outcome, record.message = TEST_SKIPPED, report_message(report)
        else:
            record.outcome, record.message = TEST_PASSED, ""
    elif report.failed:  # setup or teardown went wrong
        note = f"{report.when}: {report_message(report)}"
        if record.outcome == TEST_FAILED or record.message.startswith("setup:"):
            record.message += "\n" + note  # the first problem stays the headline
        else:
            record.outcome, record.message = TEST_ERROR, note


def document_from_config(config: pytest.Config) -> dict:
    """The result document of a finished pytest session (a plain ``pytest`` run's summary)."""
    catalogue, target, state = catalogue_for(config), target_for(config), state_of(config)
    clauses = session.selected_clauses(catalogue, state.patterns)
    path, expected = session.choose_expectations(target, catalogue, None, True)
    records, errors = session.session_records(state.records, state.seen, catalogue,
                                              state.collection_errors)
    return session.build_document(target, clauses, records, errors, path, expected)


class SessionRecorder:
    """The hooks that read or write the session's state (one instance per pytest session)."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.state = state_of(config)

    def pytest_collection_modifyitems(self, config: pytest.Config, items: List[pytest.Item]) -> None:
        mine = [i for i in items if is_conformance_item(i)]
        if not mine:
            return
        dropped = [i for i in mine if not session.matches(clause_ids(i), self.state.patterns)]
        if dropped:
            config.hook.pytest_deselected(items=dropped)
            items[:] = [i for i in items if i not in dropped]
        catalogue, target = catalogue_for(config), target_for(config)
        for item in items:
            if not is_conformance_item(item):
                continue
            self.state.records[item.nodeid] = TestRecord(item.nodeid, clause_ids(item))
            reason = gate(item, catalogue, target)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))

    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        if not is_conformance_item(item):
            return
        ids = clause_ids(item)
        if not ids:
            pytest.fail("conformance test without a @pytest.mark.clause marker", pytrace=False)
        unknown = [c for c in ids if c not in catalogue_for(item.config)]
        if unknown:
            pytest.fail(f"clause id(s) not in the catalogue: {', '.join(unknown)}", pytrace=False)

    # A wrapper because the clause ids must be on the report the moment pytest
    # makes it: pytest-xdist ships reports to its controller from its own
    # logreport hook, and the controller, which never collects, learns them only so.
    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo):
        outcome = yield
        if is_conformance_item(item):
            outcome.get_result().conformance_clauses = list(clause_ids(item))

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        clauses = getattr(report, "conformance_clauses", None)
        if clauses is None:
            return  # not a conformance test
        record = self.state.records.get(report.nodeid)
        if record is None:  # an xdist controller collected nothing: create the record here
            record = self.state.records[report.nodeid] = TestRecord(report.nodeid, tuple(clauses))
        self.state.seen[report.nodeid] = None
        record_report(record, report)

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.state.collection_errors.append(f"{report.nodeid}: {report.longreprtext[-2000:]}")

    def pytest_terminal_summary(self, terminalreporter) -> None:
        if self.state.runner_renders_report or not self.state.seen:
            return
        try:
            document = document_from_config(self.config)
        except Exception as exc:  # the summary must never hide pytest's own report
            terminalreporter.write_line(f"conformance summary unavailable: {type(exc).__name__}: {exc}")
            return
        terminalreporter.write_sep("=", "tempfile conformance: clause summary")
        for line in render_text(document, verbosity=-1, colour=False).splitlines():
            terminalreporter.write_line(line)
