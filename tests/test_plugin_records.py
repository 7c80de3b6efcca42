"""How the plugin turns pytest's per-phase reports into one outcome per test."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from conformance import plugin


def report(when: str, outcome: str, text: str = "") -> SimpleNamespace:
    return SimpleNamespace(
        nodeid="t::x", when=when, duration=0.01, user_properties=[],
        failed=outcome == "failed", skipped=outcome == "skipped", passed=outcome == "passed",
        longrepr=("f", 1, "Skipped: " + text) if outcome == "skipped" else text,
        longreprtext=text,
    )


@pytest.fixture
def record(monkeypatch):
    log = plugin.ResultLog()
    log.records["t::x"] = plugin.TestRecord("t::x", ("a.b",))
    monkeypatch.setattr(plugin, "_active_log", log)
    return log.records["t::x"]


def feed(*reports: SimpleNamespace) -> None:
    for r in reports:
        plugin.pytest_runtest_logreport(r)


def test_a_test_that_never_reported_is_an_error(record):
    feed(report("setup", "passed"))
    assert record.outcome == "error"


def test_a_passing_call_passes(record):
    feed(report("setup", "passed"), report("call", "passed"), report("teardown", "passed"))
    assert (record.outcome, record.reason) == ("passed", "")


def test_a_teardown_problem_after_a_failure_keeps_the_failure(record):
    feed(report("setup", "passed"), report("call", "failed", "E   assert 1 == 2"),
         report("teardown", "failed", "E   descriptor left open"))
    assert record.outcome == "failed"
    assert record.reason.splitlines()[0] == "assert 1 == 2"
    assert "teardown: descriptor left open" in record.reason


def test_a_teardown_problem_after_a_pass_is_an_error(record):
    feed(report("setup", "passed"), report("call", "passed"),
         report("teardown", "failed", "E   descriptor left open"))
    assert record.outcome == "error"
    assert record.reason == "teardown: descriptor left open"


def test_a_setup_error_stays_the_headline(record):
    feed(report("setup", "failed", "E   no scratch"), report("teardown", "failed", "E   later"))
    assert record.outcome == "error"
    assert record.reason.splitlines() == ["setup: no scratch", "teardown: later"]


def test_a_skip_keeps_its_reason(record):
    feed(report("setup", "skipped", "missing capability: name-injection"))
    assert (record.outcome, record.reason) == ("skipped", "missing capability: name-injection")
