"""The sandbox guard refuses changes outside the scratch tree, and records them.

It exists because a fuzzed prefix of '../' driven through a broken target once
climbed out of its scratch directory as root; these tests break out on purpose
and check that nothing outside is touched.
"""

from __future__ import annotations

import os
import shutil

import pytest

from conformance.harness.audit import subscribed
from conformance.harness.guard import SandboxGuard, SandboxViolation, _real_directory


@pytest.fixture
def places(tmp_path):
    inside = tmp_path / "inside"
    outside = tmp_path / "outside"
    inside.mkdir()
    outside.mkdir()
    (outside / "keep.txt").write_text("precious")
    return str(inside), str(outside)


@pytest.mark.parametrize("action", [
    lambda out: os.mkdir(os.path.join(out, "new")),
    lambda out: open(os.path.join(out, "keep.txt"), "w"),
    lambda out: os.open(os.path.join(out, "new"), os.O_CREAT | os.O_WRONLY, 0o600),
    lambda out: os.remove(os.path.join(out, "keep.txt")),
    lambda out: os.chmod(os.path.join(out, "keep.txt"), 0),
    lambda out: shutil.rmtree(out),
    lambda out: os.rename(os.path.join(out, "keep.txt"), os.path.join(out, "moved")),
])
def test_changes_outside_are_refused_and_recorded(places, action):
    inside, outside = places
    with SandboxGuard([inside]) as guard:
        with pytest.raises(SandboxViolation):
            action(outside)
    assert guard.violations and outside in guard.violations[0]
    assert sorted(os.listdir(outside)) == ["keep.txt"]
    with open(os.path.join(outside, "keep.txt")) as handle:
        assert handle.read() == "precious"


def test_climbing_out_with_dotdot_is_refused(places):
    inside, outside = places
    sneaky = os.path.join(inside, "..", "outside", "x")
    with SandboxGuard([inside]) as guard, pytest.raises(SandboxViolation):
        os.mkdir(sneaky)
    assert not os.path.exists(os.path.join(outside, "x"))
    assert len(guard.violations) == 1


def test_relative_to_a_directory_descriptor_is_resolved(places):
    inside, outside = places
    fd = os.open(outside, os.O_RDONLY)
    try:
        with SandboxGuard([inside]), pytest.raises(SandboxViolation):
            os.mkdir("x", dir_fd=fd)
    finally:
        os.close(fd)
    assert not os.path.exists(os.path.join(outside, "x"))


def test_work_inside_and_reads_outside_are_allowed(places):
    inside, outside = places
    with SandboxGuard([inside]) as guard:
        os.mkdir(os.path.join(inside, "d"))
        with open(os.path.join(inside, "d", "f"), "w") as handle:
            handle.write("x")
        with open(os.path.join(outside, "keep.txt")) as handle:
            assert handle.read() == "precious"
        shutil.rmtree(os.path.join(inside, "d"))
    assert guard.violations == []


def test_a_descriptor_link_is_judged_by_what_it_leads_to(places):
    inside, outside = places
    held = {where: os.open(where, os.O_RDONLY) for where in (inside, outside)}
    try:
        with SandboxGuard([inside]) as guard:
            os.chmod(f"/proc/self/fd/{held[inside]}", 0o700)
            with pytest.raises(SandboxViolation):
                os.chmod(f"/proc/self/fd/{held[outside]}", 0o700)
    finally:
        for fd in held.values():
            os.close(fd)
    assert len(guard.violations) == 1 and outside in guard.violations[0]


def test_a_directory_is_resolved_as_realpath_resolves_it(tmp_path):
    real = tmp_path / "real"
    (real / "sub").mkdir(parents=True)
    (tmp_path / "link").symlink_to(real)
    (real / "file").write_text("x")
    gone = tmp_path / "gone"
    gone.mkdir()
    cases = [str(real / "sub"), str(tmp_path / "link" / "sub"), str(tmp_path / "link"),
             str(real / "missing" / "deeper"), str(real / "file"), "/proc/self/fd", "/"]
    held = os.open(gone, os.O_RDONLY)
    try:
        gone.rmdir()  # still open: /proc names it "... (deleted)"
        cases.append(f"/proc/self/fd/{held}")
        found = {case: _real_directory(case) for case in cases}
        expected = {case: os.path.realpath(case) for case in cases}
    finally:
        os.close(held)
    assert found == expected


def test_resolving_raises_no_event_a_listener_hears(tmp_path):
    heard = []
    with subscribed(lambda event, args: heard.append(event)):
        _real_directory(str(tmp_path))
        with open(tmp_path / "f", "w"):
            pass
    assert heard.count("open") == 1  # the test's own open, not the guard's
