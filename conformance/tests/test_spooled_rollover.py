"""SpooledTemporaryFile: when data moves from memory to disk, and what survives the move.

``_file`` is the documented window onto where the data lives; it is the only
underscore name these tests read.
"""

from __future__ import annotations

import io
import os
import stat

import pytest

from conformance.tests._shared import on_disk


def fd_link(fd: int) -> str:
    """What the kernel shows for a descriptor (Linux)."""
    return os.readlink(f"/proc/self/fd/{fd}")


def open_type(scratch: str, mode: str) -> type:
    """The class the built-in open() gives for ``mode``."""
    path = os.path.join(scratch, "probe")
    with open(path, mode) as handle:
        kind = type(handle)
    os.unlink(path)
    return kind


# --- when the data moves ---------------------------------------------------------


@pytest.mark.clause("spooled.memory.until-exceeds")
def test_memory_until_size_exceeds_max_size(tf, scratch):
    with tf.SpooledTemporaryFile(max_size=10, dir=scratch) as s:
        s.write(b"0123456789")  # exactly max_size: not more than it
        assert not on_disk(s)
        s.write(b"!")
        assert on_disk(s)


@pytest.mark.clause("spooled.memory.writelines-counts")
def test_writelines_is_held_to_the_limit(tf, scratch):
    with tf.SpooledTemporaryFile(max_size=5, dir=scratch) as s:
        s.writelines([b"abc", b"def"])
        assert on_disk(s)
        s.seek(0)
        assert s.read() == b"abcdef"


@pytest.mark.clause("spooled.max-size.zero-means-unbounded")
@pytest.mark.parametrize("explicit", [False, True])
def test_max_size_zero_never_rolls_over_on_size(tf, scratch, explicit):
    kwargs = {"max_size": 0} if explicit else {}
    with tf.SpooledTemporaryFile(dir=scratch, **kwargs) as s:
        s.write(b"x" * 100_000)
        assert not on_disk(s)


@pytest.mark.clause("spooled.rollover.fileno")
def test_fileno_moves_to_disk(tf, scratch):
    with tf.SpooledTemporaryFile(max_size=1000, dir=scratch) as s:
        s.write(b"ab")
        assert not on_disk(s)
        fd = s.fileno()
        assert on_disk(s) and fd == s._file.fileno()
        s.flush()
        assert os.pread(fd, 10, 0) == b"ab"


@pytest.mark.clause("spooled.rollover.explicit")
def test_rollover_moves_to_disk_once(tf, scratch):
    with tf.SpooledTemporaryFile(max_size=1000, dir=scratch) as s:
        s.rollover()  # even an empty file moves
        assert on_disk(s)
        inner = s._file
        s.write(b"data")
        s.rollover()
        assert s._file is inner
        s.seek(0)
        assert s.read() == b"data"


@pytest.mark.clause("spooled.rollover.preserves-content-and-position")
def test_binary_content_and_position_survive(tf, scratch):
    with tf.SpooledTemporaryFile(max_size=1000, dir=scratch) as s:
        s.write(b"hello world")
        s.seek(3)
        s.rollover()
        assert s.tell() == 3
        assert s.read() == b"lo world"


@pytest.mark.clause("spooled.rollover.preserves-content-and-position")
def test_text_content_and_position_survive(tf, scratch):
    with tf.SpooledTemporaryFile(max_size=1000, mode="w+", encoding="utf-8", dir=scratch) as s:
        s.write("h\u00e9llo\nw\u00f6rld\n")
        s.seek(0)
        assert s.readline() == "h\u00e9llo\n"
        where = s.tell()
        s.rollover()
        assert s.tell() == where
        assert s.read() == "w\u00f6rld\n"


@pytest.mark.clause("spooled.file.in-memory-type")
def test_in_memory_file_types(tf, scratch):
    with tf.SpooledTemporaryFile(max_size=100, dir=scratch) as s:
        assert isinstance(s._file, io.BytesIO)
    with tf.SpooledTemporaryFile(max_size=100, mode="w+", dir=scratch) as s:
        assert isinstance(s._file, io.TextIOWrapper)


@pytest.mark.clause("spooled.file.on-disk-type")
def test_on_disk_file_types(tf, scratch):
    expected = open_type(scratch, "w+b")
    with tf.SpooledTemporaryFile(max_size=100, dir=scratch) as s:
        s.rollover()
        assert type(s._file) is expected
    with tf.SpooledTemporaryFile(max_size=100, mode="w+", dir=scratch) as s:
        s.rollover()
        assert isinstance(s._file, io.TextIOWrapper)
        assert not isinstance(s._file.buffer, io.BytesIO)
        assert isinstance(s._file.fileno(), int)


@pytest.mark.clause("spooled.rollover.like-temporaryfile")
@pytest.mark.parametrize("umask", [0o022])
def test_on_disk_file_is_nameless_and_owner_only(tf, scratch, umask):
    os.umask(umask)
    with tf.SpooledTemporaryFile(max_size=4, dir=scratch) as s:
        s.write(b"spill over")
        st = os.fstat(s._file.fileno())
        assert os.listdir(scratch) == []
        assert st.st_nlink == 0
        assert stat.S_IMODE(st.st_mode) == 0o600 & ~umask


@pytest.mark.clause("spooled.rollover.uses-dir")
def test_rollover_uses_dir(tf, scratch):
    chosen = os.path.join(scratch, "chosen")
    os.mkdir(chosen)
    with tf.SpooledTemporaryFile(dir=chosen) as s:
        assert os.path.dirname(fd_link(s.fileno())) == chosen
    with tf.SpooledTemporaryFile() as s:  # the default directory is scratch here
        assert os.path.dirname(fd_link(s.fileno())) == scratch


# --- truncate ---------------------------------------------------------------------


@pytest.mark.clause("spooled.truncate.size")
@pytest.mark.parametrize("rolled", [False, True])
def test_truncate_with_and_without_size(tf, scratch, rolled):
    with tf.SpooledTemporaryFile(max_size=100, dir=scratch) as s:
        s.write(b"abcdef")
        if rolled:
            s.rollover()
        s.truncate(3)
        s.seek(0)
        assert s.read() == b"abc"
        s.seek(1)
        s.truncate()
        s.seek(0)
        assert s.read() == b"a"
        assert on_disk(s) is rolled


@pytest.mark.clause("spooled.truncate.beyond-max-size")
def test_truncate_past_max_size_moves_to_disk(tf, scratch):
    with tf.SpooledTemporaryFile(max_size=10, dir=scratch) as s:
        s.write(b"abc")
        s.truncate(50)
        assert on_disk(s)
        s.seek(0)
        assert s.read() == b"abc" + b"\x00" * 47


@pytest.mark.clause("spooled.truncate.returns-size")
@pytest.mark.parametrize("rolled", [False, True])
def test_truncate_returns_new_size(tf, scratch, rolled):
    with tf.SpooledTemporaryFile(max_size=100, dir=scratch) as s:
        s.write(b"abcdef")
        if rolled:
            s.rollover()
        assert s.truncate(4) == 4
        s.seek(2)
        assert s.truncate() == 2
