"""The tempdir variable: cache, override, and the bytes side effect."""

from __future__ import annotations

import os
import pathlib

import pytest

from conformance.harness.children import run_in_child
from conformance.tests._creators import NAMED_APIS, created


@pytest.mark.clause("tempdir.initial.none")
@pytest.mark.host("subprocess")
def test_fresh_module_has_no_tempdir(target_spec, scratch):
    env = dict(os.environ, TMPDIR=scratch)
    outcome = run_in_child(target_spec, "conformance.tests.in_child.creation:tempdir_before_and_after",
                           env=env)
    assert outcome.value == [None, True], outcome.stderr


@pytest.mark.clause("tempdir.override.default-dir")
def test_str_tempdir_is_the_default(tf, scratch):
    chosen = os.path.join(scratch, "chosen")
    decoy = os.path.join(scratch, "decoy")
    os.mkdir(chosen)
    os.mkdir(decoy)
    os.environ["TMPDIR"] = decoy
    tf.tempdir = chosen
    assert tf.gettempdir() == chosen
    for api in NAMED_APIS:
        with created(tf, api) as path:
            assert os.path.dirname(path) == chosen, api
    with tf.TemporaryFile() as handle:
        link = os.readlink(f"/proc/self/fd/{handle.fileno()}") if os.path.isdir("/proc/self/fd") else None
    if link is not None:
        assert os.path.dirname(link) == chosen
    assert os.listdir(decoy) == []


@pytest.mark.clause("tempdir.override.not-validated")
def test_missing_tempdir_returned_then_fails(tf, scratch):
    missing = os.path.join(scratch, "absent")
    tf.tempdir = missing
    assert tf.gettempdir() == missing
    with pytest.raises(FileNotFoundError):
        tf.mkstemp()


@pytest.mark.clause("tempdir.bytes.default-return-type")
def test_bytes_tempdir_makes_bytes_names(tf, scratch):
    tf.tempdir = os.fsencode(scratch)
    for api in ("mkstemp", "mkdtemp", "NamedTemporaryFile", "TemporaryDirectory"):
        with created(tf, api) as path:
            assert isinstance(path, bytes), api
            assert os.path.dirname(path) == os.fsencode(scratch), api
    with created(tf, "mkdtemp", suffix=b"-s") as path:
        assert isinstance(path, bytes)


@pytest.mark.clause("tempdir.bytes.str-argument-wins")
def test_str_argument_overrides_bytes_tempdir(tf, scratch):
    tf.tempdir = os.fsencode(scratch)
    for kwargs in ({"prefix": "p"}, {"suffix": "-s"}):
        for api in ("mkstemp", "mkdtemp"):
            with created(tf, api, **kwargs) as path:
                assert isinstance(path, str), (api, kwargs)
                assert os.path.dirname(path) == scratch, (api, kwargs)


@pytest.mark.clause("tempdir.bytes.breaks-3-9")
def test_bytes_tempdir_fails_on_3_9(tf, scratch):
    tf.tempdir = os.fsencode(scratch)
    for api in ("mkstemp", "mkdtemp"):
        with pytest.raises(TypeError):
            with created(tf, api):
                pass
    assert os.listdir(scratch) == []


@pytest.mark.clause("tempdir.pathlike.quirk")
def test_pathlike_tempdir_quirk(tf, scratch):
    tf.tempdir = pathlib.Path(scratch)
    assert tf.gettempdir() == scratch
    for api in ("mkstemp", "mkdtemp"):
        with created(tf, api) as path:
            assert isinstance(path, bytes), api


@pytest.mark.clause("tempdir.init.by-default-dir-use")
def test_default_dir_use_fills_tempdir(tf, scratch):
    users = ["gettempdir", "gettempdirb"] + list(NAMED_APIS) + ["TemporaryFile"]
    for user in users:
        tf.tempdir = None
        if user.startswith("gettempdir"):
            getattr(tf, user)()
        else:
            with created(tf, user):
                pass
        assert tf.tempdir == scratch, user


@pytest.mark.clause("tempdir.init.only-when-needed")
def test_calls_not_needing_default_leave_tempdir_unset(tf, scratch):
    tf.gettempprefix()
    tf.gettempprefixb()
    for api in list(NAMED_APIS) + ["TemporaryFile"]:
        with created(tf, api, dir=scratch):
            pass
        assert tf.tempdir is None, api
    with tf.SpooledTemporaryFile(max_size=100) as spool:
        spool.write(b"small")
    assert tf.tempdir is None
