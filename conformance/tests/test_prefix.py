"""gettempprefix() and gettempprefixb(): the default prefix, and no side effects."""

from __future__ import annotations

import os

import pytest


@pytest.mark.clause("prefix.str.value")
def test_str_prefix(tf, scratch):
    assert type(tf.gettempprefix()) is str
    assert tf.gettempprefix() == "tmp"
    fd, path = tf.mkstemp(dir=scratch)
    os.close(fd)
    assert os.path.basename(path).startswith(tf.gettempprefix())


@pytest.mark.clause("prefix.bytes.value")
def test_bytes_prefix(tf):
    assert type(tf.gettempprefixb()) is bytes
    assert tf.gettempprefixb() == b"tmp" == os.fsencode(tf.gettempprefix())


@pytest.mark.clause("prefix.no-directory-component")
def test_prefix_has_no_directory_part(tf):
    for sep in {os.sep, "/", os.altsep} - {None}:
        assert sep not in tf.gettempprefix()
        assert os.fsencode(sep) not in tf.gettempprefixb()
    assert os.path.dirname(tf.gettempprefix()) == ""


@pytest.mark.clause("prefix.no-search")
def test_gettempprefix_starts_no_search(tf, scratch):
    assert tf.tempdir is None  # the tf fixture resets it
    tf.gettempprefix()
    assert tf.tempdir is None
    assert os.listdir(scratch) == []
