"""The pytest plugin: target selection, clause markers, gating, and result capture.

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
The runner turns these reasons into statuses; the plugin never passes a test
that did not run.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

import pytest

from spec import Catalogue, load_catalogue

TESTS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tests")

NOT_APPLICABLE = "not applicable: "
MISSING_CAPABILITY = "missing capability: "
NOT_IMPLEMENTED = "not implemented: "


@dataclass
class TestRecord:
    """What happened to one test."""

    nodeid: str
    clauses: Tuple[str, ...]
    # passed | failed | error | skipped.  Until a call or skip report arrives the
    # test counts as an error, so a test that never reported can never pass.
    outcome: str = "error"
    reason: str = "the test reported no result"  # skip reason or failure message (first lines)
    duration: float = 0.0
    properties: Dict[str, str] = field(default_factory=dict)


@dataclass
class ResultLog:
    """Everything the runner needs after a pytest session."""

    records: Dict[str, TestRecord] = field(default_factory=dict)
    collection_errors: List[str] = field(default_factory=list)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("tempfile-conformance")
    group.addoption("--conformance-target", default=None,
                    help="module to judge: stdlib (default), reference, a module name or a .py path")
    group.addoption("--conformance-as-version", default=None,
                    help="judge against this Python version's docs (X.Y)")


def _is_conformance_item(item: pytest.Item) -> bool:
    return str(item.fspath).startswith(TESTS_DIR)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "clause(*ids): the spec clauses this test verifies")
    config.addinivalue_line("markers", "needs(capability): an optional target capability")
    config.addinivalue_line("markers", "sandbox_allows(*paths): extra directories a test may change")
    config._conformance_log = ResultLog()  # type: ignore[attr-defined]
    config._conformance_catalogue = None  # type: ignore[attr-defined]
    config._conformance_target = None  # type: ignore[attr-defined]


def catalogue_for(config: pytest.Config) -> Catalogue:
    """The catalogue, loaded once per session."""
    if config._conformance_catalogue is None:  # type: ignore[attr-defined]
        config._conformance_catalogue = load_catalogue()  # type: ignore[attr-defined]
    return config._conformance_catalogue  # type: ignore[attr-defined]


def target_for(config: pytest.Config):
    """The :class:`~conformance.targets.Target` chosen on the command line, resolved once."""
    from conformance.targets import TargetError, resolve_target

    if config._conformance_target is None:  # type: ignore[attr-defined]
        spec = config.getoption("--conformance-target") or "stdlib"
        try:
            config._conformance_target = resolve_target(  # type: ignore[attr-defined]
                spec, config.getoption("--conformance-as-version"))
        except TargetError as exc:
            raise pytest.UsageError(str(exc)) from None
    return config._conformance_target  # type: ignore[attr-defined]


def clause_ids(item: pytest.Item) -> Tuple[str, ...]:
    """All clause ids named by the item's ``clause`` markers."""
    ids: List[str] = []
    for mark in item.iter_markers("clause"):
        ids.extend(mark.args)
    return tuple(dict.fromkeys(ids))


def _gate(item: pytest.Item, catalogue: Catalogue, target) -> Optional[str]:
    """The skip reason for ``item``, or None if it should run."""
    ids = clause_ids(item)
    unknown = [c for c in ids if c not in catalogue]
    if not ids or unknown:
        return None  # reported as an error in pytest_runtest_setup
    if not any(catalogue[c].applies(target.version, sys.platform) for c in ids):
        return (f"{NOT_APPLICABLE}{', '.join(ids)} do not hold for Python "
                f"{target.version_text} on {sys.platform}")
    for mark in item.iter_markers("needs"):
        for capability in mark.args:
            if not target.has(capability):
                return f"{MISSING_CAPABILITY}{capability}"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: List[pytest.Item]) -> None:
    mine = [i for i in items if _is_conformance_item(i)]
    if not mine:
        return
    catalogue, target = catalogue_for(config), target_for(config)
    log: ResultLog = config._conformance_log  # type: ignore[attr-defined]
    for item in mine:
        log.records[item.nodeid] = TestRecord(item.nodeid, clause_ids(item))
        reason = _gate(item, catalogue, target)
        if reason:
            item.add_marker(pytest.mark.skip(reason=reason))


def pytest_runtest_setup(item: pytest.Item) -> None:
    if not _is_conformance_item(item):
        return
    ids = clause_ids(item)
    catalogue = catalogue_for(item.config)
    if not ids:
        pytest.fail("conformance test without a @pytest.mark.clause marker", pytrace=False)
    unknown = [c for c in ids if c not in catalogue]
    if unknown:
        pytest.fail(f"clause id(s) not in the catalogue: {', '.join(unknown)}", pytrace=False)


def _message(report: pytest.TestReport) -> str:
    if report.skipped and isinstance(report.longrepr, tuple):
        return str(report.longrepr[2]).replace("Skipped: ", "", 1)
    text = getattr(report, "longreprtext", "") or str(report.longrepr or "")
    lines = [ln for ln in text.splitlines() if ln.startswith("E ")] or text.splitlines()[-3:]
    return "\n".join(ln[1:].strip() if ln.startswith("E ") else ln for ln in lines[:12])


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    log = _active_log
    if log is None or report.nodeid not in log.records:
        return
    record = log.records[report.nodeid]
    record.duration += report.duration
    record.properties.update({k: str(v) for k, v in report.user_properties})
    if report.when == "call" or report.skipped:
        if report.failed:
            record.outcome, record.reason = "failed", _message(report)
        elif report.skipped:
            record.outcome, record.reason = "skipped", _message(report)
        else:
            record.outcome, record.reason = "passed", ""
    elif report.failed:  # setup or teardown went wrong
        note = f"{report.when}: {_message(report)}"
        if record.outcome == "failed" or record.reason.startswith("setup:"):
            record.reason += "\n" + note  # the first problem stays the headline
        else:
            record.outcome, record.reason = "error", note


_active_log: Optional[ResultLog] = None


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    global _active_log
    _active_log = session.config._conformance_log  # type: ignore[attr-defined]


def pytest_collectreport(report: pytest.CollectReport) -> None:
    if report.failed and _active_log is not None:
        _active_log.collection_errors.append(f"{report.nodeid}: {report.longreprtext[-2000:]}")


# The runner's hooks (clause filter, xdist-safe capture) and the clause-level
# summary at the end of a plain ``pytest`` run live in their own module.
pytest_plugins = ["conformance.pytest_summary"]
