"""How the plugin turns pytest's per-phase reports into one outcome per test."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from conformance import plugin
from conformance.results import TestRecord


def report(when: str, outcome: str, text: str = "") -> SimpleNamespace:
    return SimpleNamespace(
        nodeid="t::x", when=when, duration=0.01, user_properties=[], conformance_clauses=["a.b"],
        failed=outcome == "failed", skipped=outcome == "skipped", passed=outcome == "passed",
        longrepr=("f", 1, "Skipped: " + text) if outcome == "skipped" else text,
        longreprtext=text,
    )


class Recorder(plugin.SessionRecorder):
    """The plugin's recorder with a bare state, no pytest session around it."""

    def __init__(self) -> None:
        self.state = plugin.SessionState()


@pytest.fixture
def recorder() -> Recorder:
    made = Recorder()
    made.state.records["t::x"] = TestRecord("t::x", ("a.b",))
    return made


@pytest.fixture
def record(recorder):
    return recorder.state.records["t::x"]


@pytest.fixture
def feed(recorder):
    def feed_reports(*reports: SimpleNamespace) -> None:
        for r in reports:
            recorder.pytest_runtest_logreport(r)
    return feed_reports


def test_only_reports_carrying_clause_ids_count(recorder, feed):
    other = report("call", "passed")
    del other.conformance_clauses  # a test of the project around the suite
    feed(other)
    assert not recorder.state.seen
    feed(report("call", "passed"))
    assert list(recorder.state.seen) == ["t::x"]


def test_a_report_for_an_uncollected_test_creates_its_record():
    recorder = Recorder()  # an xdist controller: it collected nothing
    recorder.pytest_runtest_logreport(report("call", "failed", "E   boom"))
    assert recorder.state.records["t::x"].clauses == ("a.b",)
    assert recorder.state.records["t::x"].outcome == "failed"


def test_a_test_that_never_reported_is_an_error(record, feed):
    feed(report("setup", "passed"))
    assert record.outcome == "error"


def test_a_passing_call_passes(record, feed):
    feed(report("setup", "passed"), report("call", "passed"), report("teardown", "passed"))
    assert (record.outcome, record.message) == ("passed", "")


def test_a_teardown_problem_after_a_failure_keeps_the_failure(record, feed):
    feed(report("setup", "passed"), report("call", "failed", "E   assert 1 == 2"),
         report("teardown", "failed", "E   descriptor left open"))
    assert record.outcome == "failed"
    assert record.message.splitlines()[0] == "assert 1 == 2"
    assert "teardown: descriptor left open" in record.message


def test_a_teardown_problem_after_a_pass_is_an_error(record, feed):
    feed(report("setup", "passed"), report("call", "passed"),
         report("teardown", "failed", "E   descriptor left open"))
    assert record.outcome == "error"
    assert record.message == "teardown: descriptor left open"


def test_a_setup_error_stays_the_headline(record, feed):
    feed(report("setup", "failed", "E   no scratch"), report("teardown", "failed", "E   later"))
    assert record.outcome == "error"
    assert record.message.splitlines() == ["setup: no scratch", "teardown: later"]


def test_a_skip_keeps_its_reason(record, feed):
    feed(report("setup", "skipped", "missing capability: name-injection"))
    assert (record.outcome, record.message) == ("skipped", "missing capability: name-injection")
