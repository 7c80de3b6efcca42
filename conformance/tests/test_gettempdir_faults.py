"""gettempdir(): unusable directories made by faults at os.open, in-process, for any target.

The mount-namespace tests of test_gettempdir.py need root and ``unshare -m``,
which the kernel sandbox every module target runs in does not grant.  Here a
fresh search runs while the public ``os.open`` (and ``os.write``) are wrapped
(conformance.harness.os_faults): a create in /tmp, /var/tmp, /usr/tmp or the
working directory fails as on a read-only mount or without permission, a
directory can be "full" (the create works, the data is refused), or the first
probe name there can be taken.  A verdict counts only when the target's probe
went through the wrapper into a faulted directory; otherwise the test reports
why it could not see anything.
"""

from __future__ import annotations

import errno
import os
from typing import Any, Mapping, Optional, Tuple

import pytest

from conformance.harness.os_faults import (
    FIRST_NAME_TAKEN,
    FULL,
    NO_FULL_DEVICE,
    NO_PERMISSION,
    READ_ONLY,
    Injection,
    full_device_available,
    injected,
)
from conformance.tests.test_gettempdir import _dirs, _search
from conformance.vocabulary import MEANS_PROPERTY, OS_CALL_FAULT_INJECTION, SKIP_UNOBSERVABLE

PLATFORM_DIRS = ("/tmp", "/var/tmp", "/usr/tmp")
# A target whose probe does not go through os.open really probes these (and removes its file).
_platform_dirs_allowed = pytest.mark.sandbox_allows(*PLATFORM_DIRS)


def _faulted_search(tf: Any, faults: Mapping[str, str], record_property: Any, **env: str
                    ) -> Tuple[Optional[str], Optional[BaseException], Injection]:
    """A fresh search with exactly ``env`` set while ``faults`` are injected; unobservable if none met."""
    record_property(MEANS_PROPERTY, OS_CALL_FAULT_INJECTION)
    found: Optional[str] = None
    error: Optional[BaseException] = None
    with injected(faults) as seen:
        try:
            found = _search(tf, **env)
        except Exception as exc:  # judged by the caller
            error = exc
    reason = seen.unobservable_reason()
    if reason is not None:
        pytest.skip(SKIP_UNOBSERVABLE + reason)
    return found, error, seen


def _platform_read_only() -> dict:
    return {d: READ_ONLY for d in PLATFORM_DIRS}


@pytest.mark.clause("gettempdir.search.posix-platform-list")
@_platform_dirs_allowed
def test_platform_dirs_tried_in_order(tf, scratch, record_property):
    cwd = os.getcwd()  # the tf fixture made it scratch
    found, error, seen = _faulted_search(tf, _platform_read_only(), record_property)
    tried = seen.directories_tried()
    # A directory missing on this host (/usr/tmp, often) may be skipped without a create.
    expected = [d for d in PLATFORM_DIRS if d in tried or os.path.isdir(d)] + [cwd]
    assert (tried, found, error) == (expected, cwd, None)


@pytest.mark.clause("gettempdir.search.cwd-last")
@_platform_dirs_allowed
def test_cwd_after_unusable_platform_dirs(tf, scratch, record_property):
    cwd = os.getcwd()
    found, error, _seen = _faulted_search(tf, _platform_read_only(), record_property)
    assert (found, error) == (cwd, None)
    assert os.listdir(cwd) == []


@pytest.mark.clause("gettempdir.search.none-usable")
@_platform_dirs_allowed
def test_nothing_usable_raises_file_not_found(tf, scratch, record_property):
    faults = dict(_platform_read_only(), **{os.getcwd(): NO_PERMISSION})
    found, error, seen = _faulted_search(tf, faults, record_property)
    assert isinstance(error, FileNotFoundError), f"returned {found!r}, raised {error!r}"
    assert error.errno == errno.ENOENT
    assert os.getcwd() in seen.directories_tried()


@pytest.mark.clause("gettempdir.search.probe-writes-data")
@_platform_dirs_allowed
def test_full_directory_passed_over(tf, scratch, record_property):
    if not full_device_available():
        pytest.skip(NO_FULL_DEVICE)
    full, b = _dirs(scratch, "full", "b")
    found, error, seen = _faulted_search(tf, {full: FULL}, record_property, TMPDIR=full, TEMP=b)
    assert (found, error) == (b, None)
    assert seen.names_tried_in(full), "no probe was made in the full directory"
    assert os.listdir(full) == []


@pytest.mark.clause("gettempdir.search.taken-name-retried")
@_platform_dirs_allowed
def test_taken_probe_name_retried_in_same_directory(tf, scratch, record_property):
    a, b = _dirs(scratch, "a", "b")
    found, error, seen = _faulted_search(tf, {a: FIRST_NAME_TAKEN}, record_property, TMPDIR=a, TEMP=b)
    assert (found, error) == (a, None)
    names = seen.names_tried_in(a)
    assert len(names) >= 2 and names[-1] not in seen.planted, names
    assert seen.planted_untouched(), "the entry that held the first name was changed or removed"
    assert sorted(os.listdir(a)) == sorted(os.path.basename(p) for p in seen.planted)
