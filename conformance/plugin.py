"""The pytest plugin: every pytest hook of the suite, in one place.

Registered through the ``pytest11`` entry point, so an implementation's own
project can run::

    pytest --pyargs conformance.tests --conformance-target=mypkg.tempfile

Every conformance test carries ``@pytest.mark.clause("id", ...)`` naming the
clauses it verifies; before it runs, :func:`conformance.gating.gate` decides from
the catalogue alone whether it is not applicable, unobservable on this host, or
needs a capability the target lacks, and the plugin skips it with that reason.

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

import gc
import os
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

import pytest

from conformance import session
from conformance.capture import failure_headline, package_nodeid, record_report
from conformance.expectations import ExpectationError
from conformance.gating import clause_ids, gate, host_needs
from conformance.report.text import render_text
from conformance.results import TestRecord, exit_status
from conformance.target import Target, TargetError, looks_like_path
from conformance.targets import resolve_target
from conformance.vocabulary import HOST_CAPABILITIES
from spec import Catalogue, SpecError, load_catalogue

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
    other_failures: int = 0  # failed tests that are not conformance tests (a project's own)
    document: Optional[dict] = None  # a plain pytest run's result, made at session finish
    summary_problem: str = ""  # why no document could be made


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
                    help="run only conformance tests naming a clause matching PATTERN (fnmatch; "
                         "an API name such as mkstemp selects its clauses)")
    group.addoption("--conformance-expectations", default=None, metavar="FILE",
                    help="the target's expectation file (default: found next to the target or "
                         "among the built-in ones)")
    group.addoption("--conformance-no-expectations", action="store_true", default=False,
                    help="ignore expectation files: every departure counts")


def pytest_configure(config: pytest.Config) -> None:
    # Child processes of the tests start elsewhere: they must get an absolute target path.
    spec = config.getoption("--conformance-target")
    if spec and looks_like_path(spec):
        config.option.conformance_target = os.path.abspath(spec)
    config.addinivalue_line("markers", "clause(*ids): the spec clauses this test verifies")
    config.addinivalue_line("markers", "needs(capability): an optional target capability")
    config.addinivalue_line("markers", "host(*capabilities): what the host must do for the test to "
                                       "observe its clause (conformance.vocabulary.HOST_CAPABILITIES)")
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


def is_conformance_item(item: pytest.Item) -> bool:
    """Is ``item`` one of the suite's own tests (not a test of the project around it)?"""
    return _facts(item) is not None


# An item's clause ids and package node id, worked out once: the hooks ask for them
# in every phase of every test (marker lookups and path arithmetic each time).
_FACTS_KEY = pytest.StashKey[Optional[Tuple[Tuple[str, ...], str]]]()


def _facts(item: pytest.Item) -> Optional[Tuple[Tuple[str, ...], str]]:
    """``(clause ids, package node id)`` of one of the suite's own tests, None for any other."""
    if _FACTS_KEY not in item.stash:
        mine = str(item.path).startswith(TESTS_DIR)
        item.stash[_FACTS_KEY] = (clause_ids(item), package_nodeid(item.path, item.nodeid)) if mine else None
    return item.stash[_FACTS_KEY]


def document_from_config(config: pytest.Config) -> dict:
    """The result document of a finished pytest session (a plain ``pytest`` run's summary)."""
    catalogue, target, state = catalogue_for(config), target_for(config), state_of(config)
    clauses = session.selected_clauses(catalogue, state.patterns)
    explicit = config.getoption("--conformance-expectations")
    try:
        path, expected = session.choose_expectations(
            session.Judged.of(target), catalogue, os.path.abspath(explicit) if explicit else None,
            not config.getoption("--conformance-no-expectations"))
    except (ExpectationError, SpecError) as exc:
        raise pytest.UsageError(str(exc)) from None
    records, errors = session.session_records(state.records, state.seen, catalogue,
                                              state.collection_errors)
    return session.build_document(session.Judged.of(target), clauses, records, errors, path, expected)


# CPython before 3.11.8 and 3.12.1 (gh-106905) keeps one AST recursion counter per
# interpreter: when garbage collection runs inside ast.parse and a finalizer fails,
# pytest's unraisable-exception hook formats that traceback with a nested
# ast.parse, the counter drifts, and pytest dies with "AST constructor recursion
# depth mismatch" while it builds a failure report (it parses the test's source).
# The judged objects' finalizers fail on purpose in the cleanup tests, so: run
# pending finalizers first, outside any parse, and keep the collector off while
# the report is made.  A skip's report names only where it was raised (nothing is
# parsed), so skips, a tenth of a run, are spared the collection.
@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    was_enabled = gc.isenabled()
    if call.excinfo is not None and not call.excinfo.errisinstance(pytest.skip.Exception):
        gc.collect()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class SessionRecorder:
    """The hooks that read or write the session's state (one instance per pytest session)."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.state = state_of(config)

    def pytest_collection_modifyitems(self, config: pytest.Config, items: List[pytest.Item]) -> None:
        mine = [i for i in items if is_conformance_item(i)]
        if not mine:
            return
        catalogue, target = catalogue_for(config), target_for(config)
        wanted = session.selected_ids(catalogue, self.state.patterns)
        dropped = [i for i in mine if not session.item_selected(clause_ids(i), wanted, self.state.patterns)]
        if dropped:
            config.hook.pytest_deselected(items=dropped)
            items[:] = [i for i in items if i not in dropped]
        for item in items:
            facts = _facts(item)
            if facts is None:
                continue
            ids, nodeid = facts
            self.state.records[nodeid] = TestRecord(nodeid, ids)
            reason = gate(item, catalogue, target)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))

    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        facts = _facts(item)
        if facts is None:
            return
        ids = facts[0]
        if not ids:
            pytest.fail("conformance test without a @pytest.mark.clause marker", pytrace=False)
        unknown = [c for c in ids if c not in catalogue_for(item.config)]
        if unknown:
            pytest.fail(f"clause id(s) not in the catalogue: {', '.join(unknown)}", pytrace=False)
        strange = [c for c in host_needs(item) if c not in HOST_CAPABILITIES]
        if strange:
            pytest.fail(f"host capability not in the closed list: {', '.join(strange)} "
                        f"(known: {', '.join(HOST_CAPABILITIES)})", pytrace=False)

    # A wrapper because what we know of the item must be on the report the moment
    # pytest makes it: pytest-xdist ships reports to its controller from its own
    # logreport hook, and the controller, which never collects, learns it only so.
    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo):
        outcome = yield
        facts = _facts(item)
        if facts is None:
            return
        report = outcome.get_result()
        report.conformance_clauses = list(facts[0])
        report.conformance_nodeid = facts[1]
        if report.failed and call.excinfo is not None:
            report.conformance_headline = failure_headline(call.excinfo.value)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        clauses = getattr(report, "conformance_clauses", None)
        if clauses is None:  # not a conformance test
            self.state.other_failures += int(report.failed)
            return
        nodeid = getattr(report, "conformance_nodeid", report.nodeid)
        record = self.state.records.get(nodeid)
        if record is None:  # an xdist controller collected nothing: create the record here
            record = self.state.records[nodeid] = TestRecord(nodeid, tuple(clauses))
        self.state.seen[nodeid] = None
        record_report(record, report)

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.state.collection_errors.append(f"{report.nodeid}: {report.longreprtext[-2000:]}")

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        """A plain pytest run exits as its clause summary says (expected departures are no failure)."""
        if self.state.runner_renders_report or not self.state.seen:
            return
        try:
            self.state.document = document_from_config(self.config)
        except Exception as exc:  # the summary must never hide pytest's own report
            self.state.summary_problem = f"{type(exc).__name__}: {exc}"
            return
        if exitstatus in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED) and not self.state.other_failures:
            session.exitstatus = pytest.ExitCode(exit_status(self.state.document))

    def pytest_terminal_summary(self, terminalreporter) -> None:
        if self.state.summary_problem:
            terminalreporter.write_line(f"conformance summary unavailable: {self.state.summary_problem}")
        if self.state.document is None:
            return
        terminalreporter.write_sep("=", "tempfile conformance: clause summary")
        verbosity = -1 if self.config.getoption("verbose") <= 0 else 1
        for line in render_text(self.state.document, verbosity=verbosity, colour=False).splitlines():
            terminalreporter.write_line(line)
        terminalreporter.write_line(
            f"expectations: {self.state.document['expectations'] or 'none'}; the exit status follows "
            f"this clause summary ({exit_status(self.state.document)}), not the test count")
