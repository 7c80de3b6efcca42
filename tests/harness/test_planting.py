"""The planters plant exactly where the judged code is about to create, and know when that proves nothing.

Driven here by hand-written announcers standing in for a target: one that
announces before trying (as CPython does), one that announces after, one
that never announces, and a mktemp-like search through os.lstat.
"""

from __future__ import annotations

import os
import sys

import pytest

from conformance.harness.planting import (
    DANGLING,
    DIRECTORY,
    FILE,
    LATE_ANNOUNCEMENT,
    NO_ANNOUNCEMENT,
    SYMLINK,
    UNANNOUNCED_ATTEMPTS,
    every,
    first,
    make_canary,
    planting_at_audit_events,
    planting_at_existence_checks,
)


@pytest.fixture
def area(tmp_path):
    where, home = tmp_path / "area", tmp_path / "home"
    where.mkdir()
    home.mkdir()
    return str(where), make_canary(str(home))


def _announce_then_create(where: str, names, announce_after: bool = False, announce: bool = True) -> str:
    """Create the first free name, announcing each attempt as tempfile.mkdtemp does (or not)."""
    for name in names:
        path = os.path.join(where, name)
        if announce and not announce_after:
            sys.audit("tempfile.mkdtemp", path)
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:
            continue
        if announce and announce_after:
            sys.audit("tempfile.mkdtemp", path)
        return path
    raise FileExistsError(path)


def test_entries_are_planted_before_the_attempt_and_stay_untouched(area):
    where, canary = area
    plan = {0: FILE, 1: DIRECTORY, 2: SYMLINK, 3: DANGLING}.get
    with planting_at_audit_events(plan, canary) as seen:
        made = _announce_then_create(where, ["a", "b", "c", "d", "e"])
    assert made == os.path.join(where, "e")
    assert seen.planted_paths() == [os.path.join(where, n) for n in "abcd"]
    assert all(p.untouched() for p in seen.planted) and seen.canary_untouched()
    assert seen.unobservable_reason(NO_ANNOUNCEMENT, made) is None


def test_a_changed_entry_or_canary_is_noticed(area):
    where, canary = area
    with planting_at_audit_events(first(1, FILE), canary) as seen:
        _announce_then_create(where, ["a", "b"])
    with open(os.path.join(where, "a"), "ab") as handle:
        handle.write(b"reused")
    assert not seen.planted[0].untouched()
    os.chmod(canary, 0o600)
    assert not seen.canary_untouched()


def test_late_missing_and_unannounced_announcements_are_unobservable(area):
    where, canary = area
    with planting_at_audit_events(every(FILE), canary) as late:
        made = _announce_then_create(where, ["a"], announce_after=True)
    assert late.unobservable_reason(NO_ANNOUNCEMENT, made) == LATE_ANNOUNCEMENT
    with planting_at_audit_events(every(FILE), canary) as silent:
        made = _announce_then_create(where, ["b"], announce=False)
    assert silent.unobservable_reason(NO_ANNOUNCEMENT, made) == NO_ANNOUNCEMENT
    with planting_at_audit_events(first(1, FILE), canary) as partial:
        sys.audit("tempfile.mkdtemp", os.path.join(where, "c"))
        made = _announce_then_create(where, ["c", "d"], announce=False)
    assert partial.unobservable_reason(NO_ANNOUNCEMENT, made) == UNANNOUNCED_ATTEMPTS


def test_existence_checks_find_what_was_planted(area):
    where, canary = area
    found = []
    with planting_at_existence_checks(first(2, FILE), canary, where, "tmp") as seen:
        for name in ("tmpA", "tmpB", "tmpC", "other"):
            found.append(os.path.lexists(os.path.join(where, name)))
    assert found == [True, True, False, False]  # planted at the first two candidates; "other" is no candidate
    assert [os.path.basename(p) for p in seen.attempts] == ["tmpA", "tmpB", "tmpC"]
    assert os.stat is not None and os.lstat.__module__ in ("posix", "nt")  # the originals are back
