"""mkstemp(): what it returns and how the file is protected."""

from __future__ import annotations

import os
import stat

import pytest


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
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600 & ~umask
