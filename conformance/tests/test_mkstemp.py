"""mkstemp(): what it returns and how the file is protected."""

from __future__ import annotations

import gc
import os
import stat

import pytest

from conformance.expect import expect_mode


@pytest.mark.clause("mkstemp.returns.fd-and-abspath")
def test_returns_descriptor_then_absolute_path(tf, scratch):
    fd, path = tf.mkstemp(dir=scratch)
    try:
        assert isinstance(fd, int)
        assert os.path.isabs(path)
        assert stat.S_ISREG(os.stat(path).st_mode)
        assert os.write(fd, b"x") == 1
    finally:
        os.close(fd)


@pytest.mark.clause("mkstemp.mode.owner-only")
@pytest.mark.parametrize("umask", [0, 0o022, 0o077])
def test_mode_is_owner_read_write(tf, scratch, umask):
    os.umask(umask)
    fd, path = tf.mkstemp(dir=scratch)
    os.close(fd)
    expect_mode(os.stat(path).st_mode, 0o600 & ~umask, call="mkstemp", umask=umask)


@pytest.mark.clause("mkstemp.returns.absolute-relative-dir")
def test_absolute_path_for_relative_dir(tf, scratch):
    os.mkdir(os.path.join(scratch, "sub"))
    os.chdir(scratch)
    fd, path = tf.mkstemp(dir="sub")
    os.close(fd)
    assert os.path.isabs(path)
    assert os.path.dirname(path) == os.path.join(scratch, "sub")
    assert os.path.isfile(path)
    fd, raw = tf.mkstemp(dir=b"sub")  # the bytes form too
    os.close(fd)
    assert raw.startswith(os.fsencode(scratch) + b"/sub/")


@pytest.mark.clause("mkstemp.fd.read-write-at-start")
def test_descriptor_reads_and_writes_from_offset_zero(tf, scratch):
    fd, _path = tf.mkstemp(dir=scratch)
    try:
        assert os.lseek(fd, 0, os.SEEK_CUR) == 0
        assert os.read(fd, 10) == b""
        os.write(fd, b"round trip")
        os.lseek(fd, 0, os.SEEK_SET)
        assert os.read(fd, 100) == b"round trip"
    finally:
        os.close(fd)


@pytest.mark.clause("mkstemp.cleanup.caller-deletes")
def test_file_survives_close(tf, scratch):
    fd, path = tf.mkstemp(dir=scratch)
    os.write(fd, b"kept")
    os.close(fd)
    gc.collect()
    with open(path, "rb") as handle:
        assert handle.read() == b"kept"


@pytest.mark.clause("mkstemp.text.no-effect-on-posix")
def test_text_flag_changes_nothing_on_posix(tf, scratch):
    import fcntl

    seen = {}
    for text in (False, True):
        fd, path = tf.mkstemp(dir=scratch, text=text)
        try:
            flags = fcntl.fcntl(fd, fcntl.F_GETFL)
            os.write(fd, b"a\nb\r\n")
        finally:
            os.close(fd)
        with open(path, "rb") as handle:
            seen[text] = (flags, handle.read())
    assert seen[True] == seen[False]
    assert seen[True][1] == b"a\nb\r\n"


@pytest.mark.clause("mkstemp.text.windows-text-mode")
def test_text_flag_translates_newlines_on_windows(tf, scratch):
    stored = {}
    for text in (False, True):
        fd, path = tf.mkstemp(dir=scratch, text=text)
        os.write(fd, b"a\nb")
        os.close(fd)
        with open(path, "rb") as handle:
            stored[text] = handle.read()
    assert stored == {False: b"a\nb", True: b"a\r\nb"}
