"""Collisions forced without any hook of the target's own (see conformance.harness.planting).

The tests with name injection stay where a target declares it; these judge the
same clauses on every target, by planting an entry at the path an audit event
announces (mkstemp, mkdtemp and the classes built on them) or at the candidate
whose existence ``mktemp`` asks about.  When the target gives no such
announcement, or gives it only after its attempt, the planted entry proves
nothing and the test says *unobservable*, with the reason -- never a pass.
"""

from __future__ import annotations

import os
from typing import Any, List, Optional, Tuple

import pytest

from conformance.harness.planting import (
    DANGLING,
    DIRECTORY,
    ENTRY_KINDS,
    FILE,
    NO_ANNOUNCEMENT,
    NO_EXISTENCE_CHECK,
    SYMLINK,
    Plan,
    Planting,
    every,
    first,
    make_canary,
    planting_at_audit_events,
    planting_at_existence_checks,
)
from conformance.tests._creators import created
from conformance.vocabulary import (
    AUDIT_EVENT_PLANTING,
    EXISTENCE_CHECK_PLANTING,
    MEANS_PROPERTY,
    SKIP_UNOBSERVABLE,
)

ANNOUNCED_APIS = ("mkstemp", "mkdtemp", "NamedTemporaryFile", "TemporaryDirectory")
PREFIX = "tmp"


@pytest.fixture
def area(scratch: str) -> Tuple[str, str]:
    """A directory to create in, and a canary beside it (not inside) for links to point at."""
    where, home = os.path.join(scratch, "area"), os.path.join(scratch, "canary-home")
    os.mkdir(where, 0o700)
    os.mkdir(home, 0o700)
    return where, make_canary(home)


def _create(tf: Any, api: str, where: str) -> Tuple[Optional[str], Optional[BaseException]]:
    """Call ``api`` in ``where``: its name (released at once), or what it raised."""
    try:
        with created(tf, api, prefix=PREFIX, dir=where) as path:
            return os.fsdecode(path), None
    except Exception as exc:  # judged by the caller
        return None, exc


def _planted_call(tf: Any, api: str, area: Tuple[str, str], plan: Plan, record_property,
                  limit: int = 100) -> Tuple[Optional[str], Optional[BaseException], Planting]:
    """``api`` under audit-event planting; skipped as unobservable when the planting proves nothing."""
    record_property(MEANS_PROPERTY, AUDIT_EVENT_PLANTING)
    where, canary = area
    with planting_at_audit_events(plan, canary, limit) as seen:
        path, error = _create(tf, api, where)
    reason = seen.unobservable_reason(NO_ANNOUNCEMENT, path)
    if reason is not None:
        pytest.skip(SKIP_UNOBSERVABLE + reason)
    return path, error, seen


def _assert_went_elsewhere(path: Optional[str], error: Optional[BaseException], seen: Planting) -> None:
    """The call succeeded, on a path other than every planted one, which are all as planted."""
    assert error is None, f"{type(error).__name__}: {error} (instead of trying another name)"
    assert path not in seen.planted_paths(), f"returned the planted {path!r}"
    assert all(p.untouched() for p in seen.planted), "a planted entry was changed or replaced"
    assert seen.canary_untouched(), "the canary behind a planted link was touched"


@pytest.mark.clause("creation.exclusive.never-reuses")
@pytest.mark.parametrize("api", ANNOUNCED_APIS)
def test_taken_names_are_passed_over(tf, area, api, record_property):
    path, error, seen = _planted_call(tf, api, area, first(2, FILE), record_property)
    _assert_went_elsewhere(path, error, seen)
    assert len(seen.attempts) == 3 and os.fsdecode(seen.attempts[-1]) == path, seen.attempts


@pytest.mark.clause("creation.exclusive.any-entry-type", "security.planted-entry.never-reused")
@pytest.mark.parametrize("kind", ENTRY_KINDS)
@pytest.mark.parametrize("api", ("mkstemp", "mkdtemp"))
def test_every_kind_of_entry_counts_as_taken(tf, area, api, kind, record_property):
    path, error, seen = _planted_call(tf, api, area, first(1, kind), record_property)
    _assert_went_elsewhere(path, error, seen)


@pytest.mark.clause("security.symlink.never-followed")
@pytest.mark.parametrize("api", ANNOUNCED_APIS)
def test_planted_links_are_not_followed(tf, area, api, record_property):
    plan: Plan = lambda attempt: (SYMLINK, DANGLING)[attempt] if attempt < 2 else None  # noqa: E731
    path, error, seen = _planted_call(tf, api, area, plan, record_property)
    _assert_went_elsewhere(path, error, seen)
    assert path is not None and not os.path.islink(path)


def _exhaust(tf: Any, api: str, area: Tuple[str, str], tmp_max: int, record_property) -> Planting:
    """With TMP_MAX at ``tmp_max`` and every attempt taken: FileExistsError, nothing created."""
    saved = tf.TMP_MAX
    tf.TMP_MAX = tmp_max
    try:
        path, error, seen = _planted_call(tf, api, area, every(FILE), record_property, limit=50)
    finally:
        tf.TMP_MAX = saved
    assert isinstance(error, FileExistsError), (
        f"gave {path!r} / {error!r} after {len(seen.attempts)} attempts")
    assert sorted(os.listdir(area[0])) == sorted(os.path.basename(p) for p in seen.planted_paths())
    return seen


@pytest.mark.clause("creation.retry.tmp-max-bound")
@pytest.mark.parametrize("api", ANNOUNCED_APIS)
def test_search_gives_up_after_tmp_max_attempts(tf, area, api, record_property):
    seen = _exhaust(tf, api, area, 4, record_property)
    assert len(seen.attempts) == 4


@pytest.mark.clause("module.tmp-max.read-at-call-time")
def test_tmp_max_is_read_by_each_call(tf, area, record_property):
    counts = []
    for tmp_max in (3, 5):
        counts.append(len(_exhaust(tf, "mkstemp", area, tmp_max, record_property).attempts))
        for name in os.listdir(area[0]):
            os.unlink(os.path.join(area[0], name))
    assert counts == [3, 5]


@pytest.mark.clause("audit.event.per-attempt")
@pytest.mark.parametrize("api", ANNOUNCED_APIS)
def test_one_announcement_per_candidate(tf, area, api, record_property):
    record_property(MEANS_PROPERTY, AUDIT_EVENT_PLANTING)
    where, canary = area
    with planting_at_audit_events(first(2, FILE), canary) as seen:
        path, error = _create(tf, api, where)
    if seen.late:
        pytest.skip(SKIP_UNOBSERVABLE + seen.unobservable_reason(NO_ANNOUNCEMENT))
    assert seen.attempts, "no tempfile.mkstemp/mkdtemp event was raised for the call"
    assert error is None, f"{type(error).__name__}: {error}"
    announced = [os.fsdecode(p) for p in seen.attempts]
    assert announced == seen.planted_paths() + [path], announced


# ---------------------------------------------------------------------------
# mktemp: no audit event, so the candidates are caught where it asks whether they exist
# ---------------------------------------------------------------------------


def _mktemp_planted(tf: Any, area: Tuple[str, str], plan: Plan, record_property,
                    limit: int = 100) -> Tuple[Optional[str], Optional[BaseException], Planting]:
    record_property(MEANS_PROPERTY, EXISTENCE_CHECK_PLANTING)
    where, canary = area
    with planting_at_existence_checks(plan, canary, where, PREFIX, limit) as seen:
        try:
            path, error = os.fsdecode(tf.mktemp(prefix=PREFIX, dir=where)), None
        except Exception as exc:  # judged by the caller
            path, error = None, exc
    if not seen.attempts:
        pytest.skip(SKIP_UNOBSERVABLE + NO_EXISTENCE_CHECK)
    return path, error, seen


@pytest.mark.clause("mktemp.retry.skips-existing")
def test_mktemp_passes_over_names_that_exist(tf, area, record_property):
    kinds: List[str] = [FILE, DIRECTORY, DANGLING]
    path, error, seen = _mktemp_planted(tf, area, lambda n: kinds[n] if n < 3 else None, record_property)
    _assert_went_elsewhere(path, error, seen)
    assert path == os.fsdecode(seen.attempts[-1]) and not os.path.lexists(path), seen.attempts


@pytest.mark.clause("mktemp.retry.exhaustion")
def test_mktemp_gives_up_after_tmp_max_names(tf, area, record_property):
    saved = tf.TMP_MAX
    tf.TMP_MAX = 4
    try:
        path, error, seen = _mktemp_planted(tf, area, every(FILE), record_property, limit=50)
    finally:
        tf.TMP_MAX = saved
    assert isinstance(error, FileExistsError), f"gave {path!r} / {error!r} after {len(seen.attempts)} names"
    assert len(seen.attempts) == 4
