"""NamedTemporaryFile(): every way the file is (not) deleted, and what closing releases."""

from __future__ import annotations

import gc
import os
import warnings
from typing import Any, Dict

import pytest

from conformance.tests._descriptors import held_open, identity


def collect(obj_holder: Dict[str, Any]) -> None:
    """Drop the only reference held in ``obj_holder`` and run the collector."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        obj_holder.clear()
        gc.collect()


# The four delete x delete_on_close combinations (3.12+), plus delete alone.
KEEP_ON_CLOSE = {"delete": True, "delete_on_close": False}


# --- deletion with the defaults ---------------------------------------------------


@pytest.mark.clause("namedtemporaryfile.delete.on-close")
def test_defaults_delete_on_close(tf, scratch):
    f = tf.NamedTemporaryFile(dir=scratch)
    name = f.name
    f.close()
    assert not os.path.exists(name)


@pytest.mark.clause("namedtemporaryfile.delete.on-context-exit")
def test_defaults_delete_at_context_exit(tf, scratch):
    with tf.NamedTemporaryFile(dir=scratch) as f:
        name = f.name
        assert os.path.exists(name)
    assert not os.path.exists(name)


@pytest.mark.clause("namedtemporaryfile.delete.on-finalize")
def test_defaults_delete_at_finalization(tf, scratch):
    holder = {"f": tf.NamedTemporaryFile(dir=scratch)}
    name, fd = holder["f"].name, holder["f"].fileno()
    ident = identity(fd)
    collect(holder)
    assert not os.path.exists(name)
    assert not held_open(ident)


# --- delete=True, delete_on_close=False (3.12) ----------------------------------------


@pytest.mark.clause("namedtemporaryfile.delete-on-close-false.close-keeps")
def test_keep_on_close_survives_close(tf, scratch):
    with tf.NamedTemporaryFile(dir=scratch, **KEEP_ON_CLOSE) as f:
        f.write(b"kept")
        f.close()
        assert f.closed
        with open(f.name, "rb") as again:
            assert again.read() == b"kept"


@pytest.mark.clause("namedtemporaryfile.delete-on-close-false.context-exit")
@pytest.mark.parametrize("close_inside", [True, False])
def test_keep_on_close_removed_at_context_exit(tf, scratch, close_inside):
    with tf.NamedTemporaryFile(dir=scratch, **KEEP_ON_CLOSE) as f:
        if close_inside:
            f.close()
        assert os.path.exists(f.name)
    assert not os.path.exists(f.name)


@pytest.mark.clause("namedtemporaryfile.delete-on-close-false.finalize")
@pytest.mark.parametrize("closed_first", [True, False])
def test_keep_on_close_removed_at_finalization(tf, scratch, closed_first):
    holder = {"f": tf.NamedTemporaryFile(dir=scratch, **KEEP_ON_CLOSE)}
    name = holder["f"].name
    if closed_first:
        holder["f"].close()
    assert os.path.exists(name)
    collect(holder)
    assert not os.path.exists(name)


# --- delete=False -------------------------------------------------------------------


@pytest.mark.clause("namedtemporaryfile.delete-false.keeps")
def test_delete_false_keeps_file_everywhere(tf, scratch):
    f = tf.NamedTemporaryFile(dir=scratch, delete=False)
    f.close()
    assert os.path.exists(f.name)
    with tf.NamedTemporaryFile(dir=scratch, delete=False) as g:
        pass
    assert os.path.exists(g.name)
    holder = {"h": tf.NamedTemporaryFile(dir=scratch, delete=False)}
    name = holder["h"].name
    collect(holder)
    assert os.path.exists(name)
    assert sorted(os.listdir(scratch)) == sorted(os.path.basename(n) for n in (f.name, g.name, name))


@pytest.mark.clause("namedtemporaryfile.delete-false.ignores-delete-on-close")
@pytest.mark.parametrize("delete_on_close", [True, False])
def test_delete_false_ignores_delete_on_close(tf, scratch, delete_on_close):
    flags = {"delete": False, "delete_on_close": delete_on_close}
    f = tf.NamedTemporaryFile(dir=scratch, **flags)
    f.close()
    with tf.NamedTemporaryFile(dir=scratch, **flags) as g:
        g.close()
    holder = {"h": tf.NamedTemporaryFile(dir=scratch, **flags)}
    name = holder["h"].name
    collect(holder)
    for path in (f.name, g.name, name):
        assert os.path.exists(path)


# --- closing ------------------------------------------------------------------------


@pytest.mark.clause("namedtemporaryfile.close.releases-descriptor")
@pytest.mark.parametrize("how, delete", [("close", True), ("with", False)])
def test_close_and_exit_release_the_descriptor(tf, scratch, how, delete):
    f = tf.NamedTemporaryFile(dir=scratch, delete=delete)
    fd = f.fileno()
    ident = identity(fd)
    if how == "close":
        f.close()
    else:
        with f:
            pass
    assert f.closed
    assert not held_open(ident)


@pytest.mark.clause("namedtemporaryfile.close.repeatable")
@pytest.mark.parametrize("delete", [True, False])
def test_close_can_be_repeated(tf, scratch, delete):
    f = tf.NamedTemporaryFile(dir=scratch, delete=delete)
    f.close()
    f.close()
    with tf.NamedTemporaryFile(dir=scratch, delete=delete) as g:
        pass
    g.close()
    assert f.closed and g.closed
    for name in (f.name, g.name):
        assert os.path.exists(name) is not delete
        if not delete:
            os.unlink(name)


def _close_and_take_the_name(f: Any) -> None:
    """Close ``f`` (which removes its file) and create someone else's file at the freed name."""
    f.close()
    with open(f.name, "w") as newcomer:
        newcomer.write("someone else's")


@pytest.mark.clause("namedtemporaryfile.delete.at-most-once")
@pytest.mark.parametrize("later", ["close", "exit", "finalize"])
def test_a_new_file_at_the_freed_name_is_left_alone(tf, scratch, later):
    holder = {"f": tf.NamedTemporaryFile(dir=scratch)}
    name = holder["f"].name
    if later == "exit":
        with holder["f"]:
            _close_and_take_the_name(holder["f"])
    else:
        _close_and_take_the_name(holder["f"])
        if later == "close":
            holder["f"].close()
    collect(holder)  # and then finalization, after any of them
    with open(name) as kept:
        assert kept.read() == "someone else's", f"the new file was changed after {later}"
    os.unlink(name)


@pytest.mark.clause("namedtemporaryfile.close.already-removed")
def test_file_removed_by_someone_else_is_not_an_error(tf, scratch):
    f = tf.NamedTemporaryFile(dir=scratch)
    os.unlink(f.name)
    f.close()
    assert f.closed
    with tf.NamedTemporaryFile(dir=scratch) as g:
        os.unlink(g.name)
    assert g.closed


@pytest.mark.clause("namedtemporaryfile.close.already-removed-raises")
def test_file_removed_by_someone_else_raises_before_3_12(tf, scratch):
    f = tf.NamedTemporaryFile(dir=scratch)
    os.unlink(f.name)
    with pytest.raises(FileNotFoundError):
        f.close()
    assert f.closed
