"""Host capabilities: declared by tests, probed once, and a missing one makes a clause unobservable here."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from types import SimpleNamespace

import pytest

from conformance import gating, host, results
from conformance.expectations import EXPECTATIONS_DIR, candidate_files, load_expectations
from conformance.results import TestRecord
from conformance.targets import resolve_target
from conformance.vocabulary import (
    BUG,
    ERRATUM,
    HOST_CAPABILITIES,
    PASS,
    PLATFORM,
    SKIP_UNOBSERVABLE_ON_HOST,
    TEST_PASSED,
    TEST_SKIPPED,
    UNOBSERVABLE,
)
from spec import load_catalogue

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture
def fresh_probes(monkeypatch):
    """Forget what the host answered, before and after the test."""
    host.has.cache_clear()
    monkeypatch.delenv(host.WITHOUT_VARIABLE, raising=False)
    yield
    host.has.cache_clear()


def test_every_capability_has_one_probe_and_a_meaning():
    assert list(host.PROBES) == list(HOST_CAPABILITIES)
    assert all(meaning and "\n" not in meaning for meaning in HOST_CAPABILITIES.values())


def test_an_unknown_name_is_refused(fresh_probes):
    with pytest.raises(ValueError, match="unknown host capability 'teleport'"):
        host.has("teleport")


def test_a_probe_that_fails_means_no_and_is_asked_once(fresh_probes, monkeypatch):
    calls = []

    def no_fork() -> bool:
        calls.append(1)
        raise OSError(errno.ENOSYS, "Function not implemented")  # what Emscripten's fork says

    monkeypatch.setitem(host.PROBES, "fork", no_fork)
    assert host.has("fork") is False
    assert host.has("fork") is False
    assert calls == [1]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the host has no os.fork at all")
def test_the_fork_probe_really_forks(fresh_probes, monkeypatch):
    assert host.has("fork") is True
    host.has.cache_clear()
    monkeypatch.setattr(os, "fork", lambda: (_ for _ in ()).throw(OSError(errno.ENOSYS, "nope")))
    assert host.has("fork") is False


def test_missing_keeps_the_closed_lists_order_and_the_environment_can_take_away(fresh_probes, monkeypatch):
    monkeypatch.setenv(host.WITHOUT_VARIABLE, "threads, fork")
    monkeypatch.setitem(host.PROBES, "signals", lambda: True)
    assert host.missing(["signals", "threads", "fork"]) == ["fork", "threads"]


def _item(clause: str, *needs: str) -> SimpleNamespace:
    marks = {"clause": [pytest.mark.clause(clause).mark], "host": [pytest.mark.host(*needs).mark],
             "needs": []}
    return SimpleNamespace(iter_markers=lambda name: marks.get(name, []))


def test_the_gate_makes_a_test_needing_a_missing_capability_unobservable(fresh_probes, monkeypatch):
    monkeypatch.setenv(host.WITHOUT_VARIABLE, "subprocess")
    monkeypatch.setitem(host.PROBES, "privilege-drop", lambda: True)
    catalogue, target = load_catalogue(), resolve_target("stdlib", None)
    reason = gating.gate(_item("mkdtemp.access.owner-can-use", "subprocess", "privilege-drop"),
                         catalogue, target)
    assert reason == f"{SKIP_UNOBSERVABLE_ON_HOST}subprocess"
    monkeypatch.delenv(host.WITHOUT_VARIABLE)
    host.has.cache_clear()
    monkeypatch.setitem(host.PROBES, "subprocess", lambda: True)
    assert gating.gate(_item("mkdtemp.access.owner-can-use", "subprocess"), catalogue, target) is None


def _record(outcome: str, message: str = "") -> TestRecord:
    return TestRecord("t::x", ("c",), outcome, message)


def test_a_host_skip_is_unobservable_never_pass_or_fail():
    gated = _record(TEST_SKIPPED, f"{SKIP_UNOBSERVABLE_ON_HOST}fork, subprocess")
    assert results.clause_status(True, "", [gated], partial=False)[0] == UNOBSERVABLE
    # another test observing the same clause in process still decides it
    assert results.clause_status(True, "", [gated, _record(TEST_PASSED)], partial=False)[0] == PASS


def test_the_document_lists_what_the_host_lacked():
    records = [_record(TEST_SKIPPED, f"{SKIP_UNOBSERVABLE_ON_HOST}threads, subprocess"),
               _record(TEST_SKIPPED, f"{SKIP_UNOBSERVABLE_ON_HOST}fork"), _record(TEST_PASSED)]
    assert results.host_missing(records) == ["fork", "subprocess", "threads"]
    document = results.result_document(target={}, interpreter={}, platform="emscripten",
                                       judged_version="3.14", results=[], missing_on_host=["fork"])
    assert document["host_missing"] == ["fork"]


def test_the_platform_file_comes_first_and_pyodides_file_is_valid():
    names = [p.name for p in candidate_files("stdlib", "cpython", (3, 14), platform="emscripten")]
    assert names[:2] == ["stdlib-cpython-3.14-emscripten.toml", "stdlib-cpython-3.14.toml"]
    assert [p.name for p in candidate_files("stdlib", "cpython", (3, 14))][0] == "stdlib-cpython-3.14.toml"
    entries = load_expectations(EXPECTATIONS_DIR / names[0], (c.id for c in load_catalogue()))
    assert {e.klass for e in entries.values()} <= {PLATFORM, ERRATUM, BUG}


@pytest.mark.parametrize("without, status, lacking", [("fork", UNOBSERVABLE, ["fork"]), ("", PASS, [])])
def test_end_to_end_a_host_without_fork(without, status, lacking, tmp_path):
    output = tmp_path / "result.json"
    env = dict(os.environ, **{host.WITHOUT_VARIABLE: without})
    done = subprocess.run([sys.executable, "-m", "conformance", "--target", "stdlib", "--clause",
                           "security.names.fork-distinct", "--format", "json", "--output", str(output)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    document = json.loads(output.read_text())
    [clause] = [c for c in document["clauses"] if c["id"] == "security.names.fork-distinct"]
    assert clause["status"] == status
    assert document["host_missing"] == lacking
