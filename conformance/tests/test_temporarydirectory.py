"""TemporaryDirectory: creation, the name, removal of the whole tree, and where errors go."""

from __future__ import annotations

import gc
import os
import stat
import sys
import warnings
from typing import Any, Dict, List

import pytest

from conformance.expect import expect_mode
from conformance.harness.children import run_in_child


def build_tree(root: str, outside: str) -> None:
    """Nested directories, files, a link to a file outside the tree and a dangling link."""
    os.makedirs(os.path.join(root, "a", "b"))
    for rel in ("top.txt", os.path.join("a", "mid.txt"), os.path.join("a", "b", "deep.txt")):
        with open(os.path.join(root, rel), "w") as handle:
            handle.write(rel)
    os.symlink(outside, os.path.join(root, "a", "link-out"))
    os.symlink(os.path.join(root, "nowhere"), os.path.join(root, "dangling"))


def outside_file(scratch: str) -> str:
    """A file next to (not inside) the temporary directory, which removal must not touch."""
    path = os.path.join(scratch, "outside.txt")
    with open(path, "w") as handle:
        handle.write("keep me")
    return path


def collect(holder: Dict[str, Any]) -> List[warnings.WarningMessage]:
    """Drop the only reference in ``holder``, collect, and return the warnings issued."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        holder.clear()
        gc.collect()
    return list(caught)


def replace_with_file(path: str) -> None:
    """Swap the directory for a plain file, so removing it as a tree must fail."""
    os.rmdir(path)
    with open(path, "w"):
        pass


class Unraisables:
    """Collects what reaches sys.unraisablehook while active."""

    def __enter__(self) -> List[Any]:
        self.seen: List[Any] = []
        self.saved = sys.unraisablehook
        sys.unraisablehook = lambda info: self.seen.append(info.exc_value)
        return self.seen

    def __exit__(self, *exc: object) -> None:
        sys.unraisablehook = self.saved


# --- creation and the name ----------------------------------------------------------


@pytest.mark.clause("temporarydirectory.create.mkdtemp-rules")
@pytest.mark.parametrize("umask", [0, 0o077])
def test_created_under_mkdtemp_rules(tf, scratch, umask):
    os.umask(umask)
    chosen = os.path.join(scratch, "chosen")
    os.mkdir(chosen)
    with tf.TemporaryDirectory(prefix="pre-", suffix=".suf", dir=chosen) as name:
        base = os.path.basename(name)
        assert os.path.dirname(name) == chosen
        assert base.startswith("pre-") and base.endswith(".suf") and len(base) > len("pre-.suf")
        st = os.stat(name)
        assert stat.S_ISDIR(st.st_mode), f"{name} is not a directory"
        expect_mode(stat.S_IMODE(st.st_mode), 0o700 & ~umask, call="TemporaryDirectory", umask=umask)
        assert os.listdir(name) == []
    with tf.TemporaryDirectory() as name:  # default directory: TMPDIR points at scratch
        assert os.path.dirname(name) == scratch


@pytest.mark.clause("temporarydirectory.name.attribute")
def test_name_attribute(tf, scratch):
    td = tf.TemporaryDirectory(dir=scratch)
    try:
        assert isinstance(td.name, str) and os.path.isabs(td.name) and os.path.isdir(td.name)
    finally:
        td.cleanup()
    td = tf.TemporaryDirectory(dir=os.fsencode(scratch))
    try:
        assert isinstance(td.name, bytes) and os.path.isdir(td.name)
    finally:
        td.cleanup()


@pytest.mark.clause("temporarydirectory.enter.returns-name")
@pytest.mark.parametrize("as_bytes", [False, True])
def test_with_binds_the_name(tf, scratch, as_bytes):
    td = tf.TemporaryDirectory(dir=os.fsencode(scratch) if as_bytes else scratch)
    with td as bound:
        assert bound == td.name and bound is not td
        assert isinstance(bound, bytes if as_bytes else str)


# --- removal ------------------------------------------------------------------------------


@pytest.mark.clause("temporarydirectory.exit.removes-tree")
def test_context_exit_removes_the_tree(tf, scratch):
    outside = outside_file(scratch)
    with tf.TemporaryDirectory(dir=scratch) as name:
        build_tree(name, outside)
    assert not os.path.lexists(name)
    with open(outside) as handle:
        assert handle.read() == "keep me"


@pytest.mark.clause("temporarydirectory.exit.removes-tree")
def test_context_exit_removes_the_tree_while_the_object_lives(tf, scratch):
    # The object stays referenced after the block, so no finalizer can stand in for __exit__.
    holder = tf.TemporaryDirectory(dir=scratch)
    with holder as name:
        build_tree(name, outside_file(scratch))
    assert not os.path.lexists(name)


@pytest.mark.clause("temporarydirectory.cleanup.removes-tree")
def test_cleanup_removes_the_tree(tf, scratch):
    td = tf.TemporaryDirectory(dir=scratch)
    build_tree(td.name, outside_file(scratch))
    td.cleanup()
    assert not os.path.lexists(td.name)
    assert os.listdir(scratch) == ["outside.txt"]


@pytest.mark.clause("temporarydirectory.finalize.removes-tree")
def test_finalization_removes_the_tree(tf, scratch):
    holder = {"td": tf.TemporaryDirectory(dir=scratch)}
    name = holder["td"].name
    build_tree(name, outside_file(scratch))
    collect(holder)
    assert not os.path.lexists(name)


@pytest.mark.clause("temporarydirectory.finalize.resource-warning")
def test_implicit_cleanup_warns_and_explicit_does_not(tf, scratch):
    holder = {"td": tf.TemporaryDirectory(dir=scratch)}
    caught = collect(holder)
    messages = [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)]
    assert len(messages) == 1 and messages[0].startswith("Implicitly cleaning up"), messages
    holder = {"td": tf.TemporaryDirectory(dir=scratch)}
    with warnings.catch_warnings(record=True) as quiet:
        warnings.simplefilter("always")
        holder["td"].cleanup()
    assert collect(holder) == [] and list(quiet) == []


@pytest.mark.clause("temporarydirectory.cleanup.retries-what-is-left")
def test_a_later_cleanup_removes_what_is_there_again(tf, scratch):
    td = tf.TemporaryDirectory(dir=scratch)
    td.cleanup()
    os.mkdir(td.name)  # as a best-effort cleanup (ignore_cleanup_errors) could have left it
    open(os.path.join(td.name, "left"), "w").close()
    td.cleanup()
    assert not os.path.exists(td.name)


@pytest.mark.clause("temporarydirectory.cleanup.repeatable")
def test_cleanup_can_be_repeated(tf, scratch):
    td = tf.TemporaryDirectory(dir=scratch)
    td.cleanup()
    td.cleanup()
    with tf.TemporaryDirectory(dir=scratch) as name:
        pass
    td2_name = name
    assert not os.path.exists(td2_name)
    other = tf.TemporaryDirectory(dir=scratch)
    with other:
        pass
    other.cleanup()
    assert os.listdir(scratch) == []


@pytest.mark.clause("temporarydirectory.cleanup.already-gone")
def test_directory_removed_by_someone_else(tf, scratch):
    td = tf.TemporaryDirectory(dir=scratch)
    os.rmdir(td.name)
    td.cleanup()
    with tf.TemporaryDirectory(dir=scratch) as name:
        os.rmdir(name)
    assert os.listdir(scratch) == []


# --- where errors go --------------------------------------------------------------------------


@pytest.mark.clause("temporarydirectory.errors.from-cleanup")
def test_cleanup_raises_removal_errors(tf, scratch):
    td = tf.TemporaryDirectory(dir=scratch)
    replace_with_file(td.name)
    with pytest.raises(OSError):
        td.cleanup()


@pytest.mark.clause("temporarydirectory.errors.from-context-exit")
def test_context_exit_raises_removal_errors(tf, scratch):
    with pytest.raises(OSError):
        with tf.TemporaryDirectory(dir=scratch) as name:
            replace_with_file(name)


@pytest.mark.clause("temporarydirectory.errors.at-finalization")
def test_finalization_reports_errors_as_unraisable(tf, scratch):
    holder = {"td": tf.TemporaryDirectory(dir=scratch)}
    replace_with_file(holder["td"].name)
    with Unraisables() as seen:
        collect(holder)
    assert len(seen) == 1 and isinstance(seen[0], OSError), seen


@pytest.mark.clause("temporarydirectory.ignore-errors.suppresses")
def test_ignore_cleanup_errors_suppresses_everywhere(tf, scratch):
    td = tf.TemporaryDirectory(dir=scratch, ignore_cleanup_errors=True)
    replace_with_file(td.name)
    td.cleanup()
    with tf.TemporaryDirectory(dir=scratch, ignore_cleanup_errors=True) as name:
        replace_with_file(name)
    holder = {"td": tf.TemporaryDirectory(dir=scratch, ignore_cleanup_errors=True)}
    replace_with_file(holder["td"].name)
    with Unraisables() as seen:
        collect(holder)
    assert seen == []


@pytest.mark.clause("temporarydirectory.ignore-errors.best-effort")
@pytest.mark.host("subprocess", "privilege-drop")
def test_ignore_cleanup_errors_is_best_effort(tf, scratch, target_spec, unprivileged):
    child = run_in_child(target_spec, "conformance.tests.in_child.cleanup:clean_with_stuck_directory",
                         {"where": scratch}, unprivileged=True)
    assert child.returncode == 0, child.stderr
    assert child.value == [None, ["stuck"]], child.how


# --- delete=False (3.12) --------------------------------------------------------------------


@pytest.mark.clause("temporarydirectory.delete-false.exit-keeps")
def test_delete_false_keeps_tree_at_exit(tf, scratch):
    td = tf.TemporaryDirectory(dir=scratch, delete=False)
    with td as name:
        build_tree(name, outside_file(scratch))
    assert os.path.isfile(os.path.join(name, "a", "b", "deep.txt"))
    td.cleanup()


@pytest.mark.clause("temporarydirectory.delete-false.cleanup-removes")
def test_delete_false_cleanup_still_removes(tf, scratch):
    td = tf.TemporaryDirectory(dir=scratch, delete=False)
    build_tree(td.name, outside_file(scratch))
    td.cleanup()
    assert not os.path.lexists(td.name)


@pytest.mark.clause("temporarydirectory.delete-false.finalize-keeps")
def test_delete_false_survives_finalization(tf, scratch):
    holder = {"td": tf.TemporaryDirectory(dir=scratch, delete=False)}
    name = holder["td"].name
    caught = collect(holder)
    assert os.path.isdir(name)
    assert [w for w in caught if issubclass(w.category, ResourceWarning)] == []


@pytest.mark.clause("temporarydirectory.not-path-like")
def test_not_path_like(tf, scratch):
    td = tf.TemporaryDirectory(dir=scratch)
    try:
        assert not isinstance(td, os.PathLike)
        with pytest.raises(TypeError):
            os.fspath(td)
    finally:
        td.cleanup()
