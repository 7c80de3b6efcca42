"""mkdtemp(): the directory it returns, where it is, and who must remove it."""

from __future__ import annotations

import gc
import os

import pytest

from conformance.harness.children import run_in_child


@pytest.mark.clause("mkdtemp.returns.new-directory")
def test_returns_new_empty_directory(tf, scratch):
    before = set(os.listdir(scratch))
    path = tf.mkdtemp(dir=scratch)
    assert os.path.isdir(path) and not os.path.islink(path)
    assert os.listdir(path) == []
    assert set(os.listdir(scratch)) - before == {os.path.basename(path)}


@pytest.mark.clause("mkdtemp.returns.absolute")
def test_absolute_even_for_relative_dir(tf, scratch):
    os.mkdir(os.path.join(scratch, "sub"))
    os.chdir(scratch)
    for relative, expected in ((".", scratch), ("sub", os.path.join(scratch, "sub"))):
        path = tf.mkdtemp(dir=relative)
        assert os.path.isabs(path), path
        assert os.path.dirname(path) == expected and os.path.isdir(path)
    path = tf.mkdtemp(dir=b"sub")
    assert path.startswith(os.fsencode(scratch) + b"/sub/")


@pytest.mark.clause("mkdtemp.returns.relative-before-3-12")
def test_relative_dir_gives_relative_path_before_3_12(tf, scratch):
    os.mkdir(os.path.join(scratch, "sub"))
    os.chdir(scratch)
    path = tf.mkdtemp(dir="sub")
    assert path == os.path.join("sub", os.path.basename(path))
    assert os.path.isdir(path)


@pytest.mark.clause("mkdtemp.cleanup.caller-deletes")
def test_directory_survives_dropped_references(tf, scratch):
    path = tf.mkdtemp(dir=scratch)
    kept = path
    del path
    gc.collect()
    assert os.path.isdir(kept)


@pytest.mark.clause("mkdtemp.access.owner-can-use")
@pytest.mark.host("subprocess", "privilege-drop")
def test_owner_can_use_directory_without_privilege(tf, scratch, unprivileged, target_spec):
    outcome = run_in_child(target_spec, "conformance.tests.in_child.creation:use_new_directories",
                           {"where": scratch}, unprivileged=True)
    assert outcome.value == {"0o0": ["inside"], "0o22": ["inside"], "0o77": ["inside"]}, \
        outcome.stderr
