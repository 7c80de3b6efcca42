"""The docs' Examples section, replayed step by step against the target."""

from __future__ import annotations

import os

import pytest

GREETING = b"Hello world!"


@pytest.mark.clause("examples.temporaryfile.write-seek-read")
def test_temporaryfile_write_seek_read(tf, scratch):
    fp = tf.TemporaryFile()
    try:
        assert fp.write(GREETING) == 12
        fp.seek(0)
        assert fp.read() == GREETING
    finally:
        fp.close()
    assert fp.closed
    assert os.listdir(scratch) == []  # the default directory is scratch: nothing left there


@pytest.mark.clause("examples.temporaryfile.context-manager")
def test_temporaryfile_in_a_with_block(tf, scratch):
    with tf.TemporaryFile() as fp:
        fp.write(GREETING)
        fp.seek(0)
        assert fp.read() == GREETING
    assert fp.closed
    assert os.listdir(scratch) == []


@pytest.mark.clause("examples.namedtemporaryfile.reopen-after-close")
def test_named_file_reopened_after_close(tf, scratch):
    with tf.NamedTemporaryFile(delete_on_close=False) as fp:
        fp.write(GREETING)
        fp.close()
        with open(fp.name, mode="rb") as f:
            assert f.read() == GREETING
    assert not os.path.exists(fp.name)
    assert os.listdir(scratch) == []


@pytest.mark.clause("examples.temporarydirectory.context-manager")
def test_temporarydirectory_in_a_with_block(tf, scratch, capsys):
    with tf.TemporaryDirectory() as tmpdirname:
        print("created temporary directory", tmpdirname)
        assert isinstance(tmpdirname, str) and os.path.isdir(tmpdirname)
    assert capsys.readouterr().out == f"created temporary directory {tmpdirname}\n"
    assert not os.path.exists(tmpdirname)


@pytest.mark.clause("examples.mktemp-replacement")
def test_mktemp_replacement(tf, scratch):
    f = tf.NamedTemporaryFile(delete=False)
    assert isinstance(f.name, str) and os.path.dirname(f.name) == scratch
    assert f.write(b"Hello World!\n") == 13
    f.close()
    assert os.path.exists(f.name)
    os.unlink(f.name)
    assert os.path.exists(f.name) is False
