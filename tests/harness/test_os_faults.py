"""The os-call faults reach a probe that goes through os.open, and say so when one goes around them.

Driven by hand-written probes standing in for a target's directory search:
one that creates with os.open and writes with os.write (CPython 3.10+), one
that writes through an io file (3.8, 3.9), one that writes nothing, one that
creates with io.open (never seen), and one that writes into its file by path.
For TemporaryFile's way without O_TMPFILE: the refused O_TMPFILE open, the
refused or interrupted removal of a name made during the call, and when a
call proves nothing about that way.
"""

from __future__ import annotations

import errno
import os
from typing import Callable, List, Optional

import pytest

from conformance.harness.os_faults import (
    BYPASSED,
    FALLBACK_NOT_REACHED,
    FIRST_NAME_TAKEN,
    FULL,
    NO_O_TMPFILE_KERNEL,
    NO_PERMISSION,
    NOT_MADE_BY_NAME,
    NOT_REACHED,
    NOT_REMOVED,
    O_TMPFILE_UNSUPPORTED,
    READ_ONLY,
    REMOVAL_INTERRUPTED,
    REMOVAL_REFUSED,
    full_device_available,
    injected,
)

FLAGS = os.O_RDWR | os.O_CREAT | os.O_EXCL


def _write_os(fd: int, path: str) -> None:
    os.write(fd, b"data")


def _write_io(fd: int, path: str) -> None:
    with open(fd, "wb", closefd=False) as handle:  # an io file: the write is C code's
        handle.write(b"data")


def _write_nothing(fd: int, path: str) -> None:
    os.write(fd, b"")


def _write_by_path(fd: int, path: str) -> None:
    with open(path, "ab") as handle:
        handle.write(b"data")


def _search(dirs: List[str], write: Callable[[int, str], None] = _write_os) -> Optional[str]:
    """The first directory where a file can be made and written, trying two names in each."""
    for directory in dirs:
        for name in ("first", "second"):
            path = os.path.join(directory, name)
            try:
                fd = os.open(path, FLAGS, 0o600)
            except FileExistsError:
                continue
            except OSError:
                break
            try:
                write(fd, path)
                return directory
            except OSError:
                break
            finally:
                os.close(fd)
                os.unlink(path)
    return None


@pytest.fixture
def dirs(tmp_path) -> List[str]:
    made = [str(tmp_path / name) for name in ("a", "b", "c")]
    for path in made:
        os.mkdir(path)
    return made


def test_refusals_carry_their_errno_and_the_order_is_recorded(dirs):
    a, b, c = dirs
    with injected({a: READ_ONLY, b: NO_PERMISSION}) as seen:
        assert _search(dirs) == c
        with pytest.raises(PermissionError):
            os.open(os.path.join(b, "x"), FLAGS)
        with pytest.raises(OSError) as refused:
            os.open(os.path.join(a, "x"), FLAGS)
    assert refused.value.errno == errno.EROFS
    assert seen.directories_tried()[:3] == [a, b, c] and seen.unobservable_reason() is None


@pytest.mark.skipif(not full_device_available(), reason="no /dev/full here")
@pytest.mark.parametrize("write", [_write_os, _write_io])
def test_a_full_directory_refuses_data_however_written(dirs, write):
    a, b, _ = dirs
    with injected({a: FULL}) as seen:
        assert _search(dirs, write) == b
    assert seen.names_tried_in(a) == [os.path.join(a, "first")]
    assert seen.unobservable_reason() is None and os.listdir(a) == []


@pytest.mark.skipif(not full_device_available(), reason="no /dev/full here")
def test_an_empty_write_passes_as_on_a_full_file_system(dirs):
    a, _, _ = dirs
    with injected({a: FULL}) as seen:
        assert _search(dirs, _write_nothing) == a
    assert seen.unobservable_reason() is None


@pytest.mark.skipif(not full_device_available(), reason="no /dev/full here")
def test_data_written_around_the_device_is_unobservable(dirs):
    a, _, _ = dirs
    with injected({a: FULL}) as seen:
        _search(dirs, _write_by_path)
    assert seen.unobservable_reason() == BYPASSED


def test_a_taken_first_name_is_planted_for_real(dirs):
    a, _, _ = dirs
    with injected({a: FIRST_NAME_TAKEN}) as seen:
        assert _search(dirs) == a
    assert seen.names_tried_in(a) == [os.path.join(a, "first"), os.path.join(a, "second")]
    assert seen.planted == [os.path.join(a, "first")] and seen.planted_untouched()
    with open(seen.planted[0], "wb") as handle:
        handle.write(b"changed")
    assert not seen.planted_untouched()


def test_a_probe_around_os_open_is_unobservable(dirs):
    a, b, _ = dirs

    def io_search() -> str:
        with open(os.path.join(a, "probe"), "xb") as handle:
            handle.write(b"data")
        os.unlink(os.path.join(a, "probe"))
        return a

    with injected({a: READ_ONLY, b: READ_ONLY}) as seen:
        assert io_search() == a  # the fault never met it
    assert seen.unobservable_reason() == NOT_REACHED.format(where=", ".join(sorted([a, b])))


def test_everything_is_put_back_even_after_an_error(dirs):
    before = (os.open, os.write, os.close, os.unlink, os.remove)
    with pytest.raises(LookupError):
        with injected({dirs[0]: READ_ONLY}):
            assert os.open is not before[0] and os.unlink is not before[3]
            raise LookupError("the body failed")
    assert (os.open, os.write, os.close, os.unlink, os.remove) == before
    with pytest.raises(ValueError):
        with injected({dirs[0]: "sideways"}):
            pass
    with pytest.raises(ValueError):  # two faults of one kind
        with injected({dirs[0]: (REMOVAL_REFUSED, REMOVAL_INTERRUPTED)}):
            pass


needs_o_tmpfile = pytest.mark.skipif(not hasattr(os, "O_TMPFILE"), reason="no os.O_TMPFILE here")
ANONYMOUS = getattr(os, "O_TMPFILE", 0) | os.O_RDWR


def _named_then_unlinked(directory: str) -> int:
    """The way without O_TMPFILE: create a name, remove it, keep the descriptor."""
    path = os.path.join(directory, "named")
    fd = os.open(path, FLAGS, 0o600)
    try:
        os.unlink(path)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _inode(fd: int) -> tuple:
    made = os.fstat(fd)
    return (made.st_dev, made.st_ino)


@needs_o_tmpfile
@pytest.mark.parametrize("fault, code", [(NO_O_TMPFILE_KERNEL, errno.EISDIR),
                                         (O_TMPFILE_UNSUPPORTED, errno.EOPNOTSUPP)])
def test_o_tmpfile_open_of_the_directory_is_refused(dirs, fault, code):
    a, b, _ = dirs
    with injected({a: fault}) as seen:
        with pytest.raises(OSError) as refused:
            os.open(a, ANONYMOUS, 0o600)
        os.close(os.open(b, ANONYMOUS, 0o600))  # another directory: untouched
        fd = _named_then_unlinked(a)
    try:
        assert refused.value.errno == code
        assert [(x.directory, x.fault) for x in seen.anonymous] == [(a, fault), (b, None)]
        assert seen.fallback_unobservable_reason(_inode(fd)) is None
    finally:
        os.close(fd)


@pytest.mark.parametrize("fault, raised", [(REMOVAL_REFUSED, PermissionError),
                                           (REMOVAL_INTERRUPTED, KeyboardInterrupt)])
def test_removal_of_a_name_made_during_the_call_fails(dirs, fault, raised):
    a, _, _ = dirs
    there_before = os.path.join(a, "there before")
    os.close(os.open(there_before, FLAGS, 0o600))
    with injected({a: (O_TMPFILE_UNSUPPORTED, fault)}) as seen:
        with pytest.raises(raised):
            _named_then_unlinked(a)
        os.remove(there_before)  # not made during the call: removed as usual
        if fault == REMOVAL_INTERRUPTED:  # one interrupt only: the next try goes through
            os.unlink(os.path.join(a, "named"))
    assert seen.fallback_unobservable_reason(None) is None
    assert os.listdir(a) == ([] if fault == REMOVAL_INTERRUPTED else ["named"])


def test_a_call_that_never_met_the_faults_is_unobservable(dirs):
    a, b, _ = dirs
    with injected({a: O_TMPFILE_UNSUPPORTED}) as seen:
        with open(os.path.join(a, "by io"), "xb") as made:  # C's open(), never seen
            elsewhere = _named_then_unlinked(b)
            try:
                for fd in (made.fileno(), elsewhere):
                    assert seen.fallback_unobservable_reason(_inode(fd)) == NOT_MADE_BY_NAME.format(where=a)
            finally:
                os.close(elsewhere)
        assert seen.fallback_unobservable_reason(None) == FALLBACK_NOT_REACHED.format(where=a)
    with injected({a: (O_TMPFILE_UNSUPPORTED, REMOVAL_REFUSED)}) as seen:
        os.close(os.open(os.path.join(a, "kept"), FLAGS, 0o600))
    assert seen.fallback_unobservable_reason(None) == NOT_REMOVED.format(where=a)
