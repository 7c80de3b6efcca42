"""Clauses that come from the module's history: version boundaries and upstream fixes."""

from __future__ import annotations

import contextlib
import os
import warnings

import pytest

from conformance.harness.children import run_in_child
from conformance.harness.descriptors import open_fds

IN_CHILD = "conformance.tests.in_child.cleanup"


@pytest.mark.clause("temporarydirectory.name.absolute-relative-dir")
def test_name_absolute_for_relative_dir(tf, scratch):
    os.chdir(scratch)
    with tf.TemporaryDirectory(dir=".") as bound:
        pass
    assert os.path.isabs(bound), bound
    assert os.path.dirname(bound) == scratch


@pytest.mark.clause("temporarydirectory.errors.at-shutdown")
@pytest.mark.host("subprocess")
def test_error_at_shutdown_is_reported(target_spec, scratch):
    child = run_in_child(target_spec, f"{IN_CHILD}:block_removal_at_exit", {"where": scratch})
    assert child.value is not None, child.stderr[-2000:]
    assert os.path.isfile(child.value), "the child did not leave the blocking file"
    assert "NotADirectoryError" in child.stderr or "OSError" in child.stderr, (
        f"nothing reported at exit; stderr was {child.stderr[-500:]!r}")


def _deprecations(caught):
    return [str(w.message) for w in caught if issubclass(w.category, DeprecationWarning)]


@pytest.mark.clause("cleanup.callback.no-deprecation-warning")
@pytest.mark.host("subprocess", "privilege-drop")
def test_cleanup_callback_emits_no_deprecation(tf, scratch, target_spec, unprivileged):
    gone = tf.TemporaryDirectory(dir=scratch)
    os.rmdir(gone.name)  # the callback sees FileNotFoundError
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with contextlib.suppress(OSError):  # whether a vanished tree is an error is not this clause
            gone.cleanup()
    assert _deprecations(caught) == []
    child = run_in_child(target_spec, f"{IN_CHILD}:clean_locked_tree", {"where": scratch}, unprivileged=True)
    assert child.value is not None, child.stderr[-2000:]
    assert child.value == {"warnings": [], "removed": True}, child.how


def _descriptors_into(directory: str) -> int:
    """How many of this process's descriptors name something inside ``directory``."""
    count = 0
    for fd in open_fds():
        try:
            if os.readlink(f"/proc/self/fd/{fd}").startswith(directory + os.sep):
                count += 1
        except OSError:
            continue
    return count


@pytest.mark.clause("spooled.memory.writelines-rolls-per-line")
def test_writelines_rolls_over_before_the_iterable_ends(tf, scratch):
    seen = {}
    before = _descriptors_into(scratch)

    def lines():
        yield b"12345"  # past max_size on its own
        seen["on disk while writing"] = _descriptors_into(scratch) > before
        yield b"6"

    with tf.SpooledTemporaryFile(max_size=4, dir=scratch) as spooled:
        spooled.writelines(lines())
        assert _descriptors_into(scratch) > before, "not on disk even after writelines returned"
    assert seen == {"on disk while writing": True}
