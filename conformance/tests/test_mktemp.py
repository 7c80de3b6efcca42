"""mktemp(): a free name and nothing else -- which is what makes it unsafe."""

from __future__ import annotations

import os
import pathlib
import warnings

import pytest

from conformance.expect import expect_equal, expect_prefix, expect_that, expect_type
from conformance.tests._shared import names_drawn_until_exhausted


@pytest.mark.clause("mktemp.returns.free-name")
def test_returns_free_name_and_creates_nothing(tf, scratch):
    for _ in range(5):
        path = tf.mktemp(dir=scratch)
        assert not os.path.lexists(path)
    assert os.listdir(scratch) == []


@pytest.mark.clause("mktemp.returns.absolute-default-dir")
def test_default_directory_absolute(tf, scratch):
    path = tf.mktemp()
    expect_type(path, str, call="mktemp()", what="result")
    expect_that(os.path.isabs(path), call="mktemp()", observed=f"relative path {path!r}",
                expected="an absolute path")
    expect_equal(os.path.dirname(path), tf.gettempdir(), call="mktemp()", what="directory")
    assert tf.gettempdir() == scratch  # the harness points TMPDIR at the scratch tree
    expect_prefix(os.path.basename(path), "tmp", call="mktemp()")


@pytest.mark.clause("mktemp.returns.absolute-relative-dir")
def test_absolute_even_for_relative_dir(tf, scratch):
    os.mkdir(os.path.join(scratch, "sub"))
    os.chdir(scratch)
    for relative, expected in ((".", scratch), ("sub", os.path.join(scratch, "sub"))):
        path = tf.mktemp(dir=relative)
        assert os.path.isabs(path), path
        assert os.path.dirname(path) == expected


@pytest.mark.clause("mktemp.args.defaults")
@pytest.mark.needs("name-injection")
def test_default_prefix_and_suffix(tf, target, scratch):
    with target.inject_names(["Q1"]):
        assert tf.mktemp() == os.path.join(scratch, "tmpQ1")
    with target.inject_names(["Q2"]):
        assert tf.mktemp("", "tmp", None) == os.path.join(scratch, "tmpQ2")
    with target.inject_names(["Q3"]):
        assert tf.mktemp(".s", "p", scratch) == os.path.join(scratch, "pQ3.s")


@pytest.mark.clause("mktemp.args.pathlike-dir")
def test_pathlike_dir(tf, scratch):
    path = tf.mktemp(dir=pathlib.Path(scratch))
    assert isinstance(path, str) and os.path.dirname(path) == scratch


@pytest.mark.clause("mktemp.args.no-bytes")
def test_bytes_refused(tf, scratch):
    with pytest.raises(TypeError):
        tf.mktemp(suffix=b"", prefix=b"tmp", dir=os.fsencode(scratch))


@pytest.mark.clause("mktemp.args.no-none")
def test_none_refused(tf, scratch):
    for which in ("suffix", "prefix"):
        with pytest.raises(TypeError):
            tf.mktemp(dir=scratch, **{which: None})


@pytest.mark.clause("mktemp.retry.skips-existing")
@pytest.mark.needs("name-injection")
def test_taken_names_skipped(tf, target, scratch):
    open(os.path.join(scratch, "tmpFILE"), "w").close()
    os.symlink(os.path.join(scratch, "nowhere"), os.path.join(scratch, "tmpLINK"))
    with target.inject_names(["FILE", "LINK", "FREE", "SPARE"]):
        assert tf.mktemp(dir=scratch) == os.path.join(scratch, "tmpFREE")


@pytest.mark.clause("mktemp.retry.exhaustion")
@pytest.mark.needs("name-injection")
def test_exhaustion_is_file_exists_error(tf, target, scratch):
    assert names_drawn_until_exhausted(tf, target, "mktemp", 4, dir=scratch) == 4


@pytest.mark.clause("mktemp.unsafe.name-not-reserved")
def test_someone_else_can_take_the_name(tf, scratch):
    path = tf.mktemp(dir=scratch)
    # Another party gets there first; the caller's exclusive create then fails.
    with open(path, "x") as intruder:
        intruder.write("not yours")
    with pytest.raises(FileExistsError):
        open(path, "x").close()
    with open(path) as handle:  # a plain open would silently use the intruder's file
        assert handle.read() == "not yours"


@pytest.mark.clause("mktemp.deprecated.no-runtime-warning")
def test_no_warning_at_call_time(tf, scratch):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tf.mktemp(dir=scratch)
    assert [str(w.category.__name__) for w in caught] == []
