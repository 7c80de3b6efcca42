"""Checks run in another process give the same answers forked from the server as freshly started.

The fork server saves an interpreter start-up (and a setpriv launch) per
check; these tests hold it to what a fresh ``python -m
conformance.harness.child_main`` gives: the value, the exit status, a
death by signal, the traceback, the privileges, a timeout.
"""

from __future__ import annotations

import os
import signal

import pytest

from conformance.harness.children import privilege_drop_command, run_in_child, stop_fork_servers

CHECKS = "conformance.tests.in_child"
MODES = {"forked": {}, "fresh": {"fresh": True}}


@pytest.fixture(scope="module", autouse=True)
def _servers_stopped():
    yield
    stop_fork_servers()


@pytest.mark.parametrize("mode", sorted(MODES))
def test_the_value_and_the_environment_reach_the_check(tmp_path, mode):
    env = dict(os.environ, TMPDIR=str(tmp_path))
    outcome = run_in_child("stdlib", f"{CHECKS}.creation:tempdir_before_and_after", env=env, **MODES[mode])
    assert (outcome.returncode, outcome.value) == (0, [None, True]), outcome.stderr
    outcome = run_in_child("stdlib", f"{CHECKS}.creation:search", env=env, **MODES[mode])
    assert outcome.value == str(tmp_path)


@pytest.mark.parametrize("mode", sorted(MODES))
def test_a_failing_check_leaves_its_traceback(mode):
    outcome = run_in_child("stdlib", f"{CHECKS}.creation:search", {"unexpected": 1}, **MODES[mode])
    assert (outcome.returncode, outcome.value) == (1, None)
    assert "TypeError" in outcome.stderr and "unexpected" in outcome.stderr


@pytest.mark.parametrize("mode", sorted(MODES))
def test_death_by_signal_and_what_was_printed_before(tmp_path, mode):
    outcome = run_in_child("reference", f"{CHECKS}.faults:kill_self_holding_files",
                           {"where": str(tmp_path)}, **MODES[mode])
    assert outcome.returncode == -signal.SIGKILL
    assert os.path.dirname(outcome.stdout.strip()) == str(tmp_path)
    assert os.listdir(tmp_path) == [os.path.basename(outcome.stdout.strip())]


@pytest.mark.parametrize("mode", sorted(MODES))
def test_a_check_past_its_time_is_killed(tmp_path, mode):
    outcome = run_in_child("stdlib", f"{CHECKS}.faults:hold_files_until_killed", {"where": str(tmp_path)},
                           timeout=1, **MODES[mode])
    assert outcome.returncode == -signal.SIGKILL and "timed out" in outcome.stderr


@pytest.mark.parametrize("mode", sorted(MODES))
def test_unprivileged_checks_meet_permission_bits(tmp_path, mode):
    if privilege_drop_command() is None or os.geteuid() != 0:
        pytest.skip("needs root and a way to drop its privileges")
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    as_root = run_in_child("stdlib", f"{CHECKS}.creation:create_in", {"where": str(locked)}, **MODES[mode])
    dropped = run_in_child("stdlib", f"{CHECKS}.creation:create_in", {"where": str(locked)},
                           unprivileged=True, **MODES[mode])
    assert set(as_root.value.values()) == {"created"}, as_root.stderr
    assert set(dropped.value.values()) == {"PermissionError"}, dropped.stderr
    assert "setpriv" in dropped.how


@pytest.mark.parametrize("mode", sorted(MODES))
def test_a_check_judged_at_exit_goes_through_the_shutdown(tmp_path, mode):
    # Other forked checks end straight after their result; this one's error shows only at exit.
    outcome = run_in_child("stdlib", f"{CHECKS}.cleanup:block_removal_at_exit", {"where": str(tmp_path)},
                           **MODES[mode])
    assert outcome.returncode == 0 and os.path.isfile(outcome.value), outcome.stderr
    assert "NotADirectoryError" in outcome.stderr
