"""remove_untrusted_tree removes whatever the judged code left, and nothing else.

The trees built here are what a broken or hostile target could leave in its
scratch directory: read-only files, directories without permissions, links
to precious things outside.
"""

from __future__ import annotations

import os
import stat

import pytest

from conformance.harness import scratch as scratch_module
from conformance.harness.scratch import ScratchPool, make_scratch, remove_untrusted_tree


@pytest.fixture
def places(tmp_path):
    """A scratch root with a tree to remove, and precious things outside it."""
    root, outside = tmp_path / "root", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (outside / "keep.txt").write_text("precious")
    os.chmod(outside / "keep.txt", 0o400)
    (outside / "dir").mkdir()
    (outside / "dir" / "inner").write_text("inner")
    return str(root), str(outside)


def _state(where: str) -> dict:
    found = {}
    for here, dirs, files in os.walk(where):
        for name in dirs + files:
            path = os.path.join(here, name)
            found[os.path.relpath(path, where)] = stat.S_IMODE(os.lstat(path).st_mode)
    return found


def test_protected_and_linked_entries_are_removed_without_touching_outside(places):
    root, outside = places
    before = _state(outside)
    tree = make_scratch(root)
    os.mkdir(os.path.join(tree, "locked"))
    with open(os.path.join(tree, "locked", "ro.txt"), "w") as handle:
        handle.write("x")
    os.chmod(os.path.join(tree, "locked", "ro.txt"), 0o400)
    os.chmod(os.path.join(tree, "locked"), 0o000)
    os.mkdir(os.path.join(tree, "readonly"))
    os.symlink(os.path.join(outside, "dir"), os.path.join(tree, "readonly", "to-dir"))
    os.symlink(os.path.join(outside, "keep.txt"), os.path.join(tree, "readonly", "to-file"))
    os.symlink(os.path.join(outside, "missing"), os.path.join(tree, "dangling"))
    os.chmod(os.path.join(tree, "readonly"), 0o500)
    remove_untrusted_tree(tree, root)
    assert os.listdir(root) == []
    assert _state(outside) == before
    with open(os.path.join(outside, "keep.txt")) as handle:
        assert handle.read() == "precious"


@pytest.mark.parametrize("escape", ["../outside", "../outside/dir", "."])
def test_a_path_outside_the_root_is_refused(places, escape):
    root, outside = places
    before = _state(outside)
    target = os.path.join(root, escape)
    if escape == ".":  # the root's parent, reached by naming the root's parent directly
        target = os.path.dirname(root)
    with pytest.raises(ValueError):
        remove_untrusted_tree(target, root)
    assert _state(outside) == before


def test_a_linked_parent_leading_outside_is_refused(places):
    root, outside = places
    os.symlink(outside, os.path.join(root, "jump"))
    with pytest.raises(ValueError):
        remove_untrusted_tree(os.path.join(root, "jump", "dir"), root)
    assert os.path.isdir(os.path.join(outside, "dir"))


def test_a_link_given_as_the_tree_is_removed_not_followed(places):
    root, outside = places
    link = os.path.join(root, "link")
    os.symlink(os.path.join(outside, "dir"), link)
    remove_untrusted_tree(link, root)
    assert not os.path.lexists(link)
    assert os.listdir(os.path.join(outside, "dir")) == ["inner"]


def test_a_missing_tree_is_nothing_to_do(places):
    root, _outside = places
    remove_untrusted_tree(os.path.join(root, "absent"), root)
    assert os.listdir(root) == []


def test_the_pool_hands_an_untouched_directory_on_and_removes_the_rest(places):
    root, _outside = places
    pool = ScratchPool(root)
    first = pool.take()
    pool.give_back(first)
    assert pool.take() == first  # empty, 0o700, ours: handed on
    os.chmod(first, 0o755)
    pool.give_back(first)
    second = pool.take()
    assert second != first and not os.path.exists(first)  # its mode was changed: removed
    with open(os.path.join(second, "left"), "w"):
        pass
    pool.give_back(second)
    third = pool.take()
    assert third not in (first, second) and not os.path.exists(second)  # not empty: removed
    pool.give_back(third, reusable=False)
    assert not os.path.exists(third)
    pool.give_back(pool.take())
    pool.close()
    assert os.listdir(root) == []


# --- where a session's scratch goes ------------------------------------------------------


def test_the_scratch_variable_decides_first(tmp_path, monkeypatch):
    monkeypatch.setenv("CONFORMANCE_SCRATCH", str(tmp_path))
    assert scratch_module.session_tmp_root() == str(tmp_path)


@pytest.mark.skipif(not os.path.exists("/proc/self/mountinfo"), reason="needs Linux's mount table")
def test_file_system_types_come_from_the_mount_table():
    assert scratch_module.file_system_type("/proc/self") == "proc"
    assert scratch_module.file_system_type("/") not in (None, "proc")


@pytest.mark.skipif(not os.path.exists("/proc/self/mountinfo"), reason="needs Linux's mount table")
def test_memory_is_chosen_only_where_it_is_memory_with_room(tmp_path, monkeypatch):
    monkeypatch.delenv("CONFORMANCE_SCRATCH", raising=False)
    monkeypatch.setattr(scratch_module, "_SHARED_MEMORY", str(tmp_path))
    kinds = {"/tmp": "ext4", str(tmp_path): "tmpfs"}
    monkeypatch.setattr(scratch_module, "file_system_type", lambda path: kinds.get(path))
    assert scratch_module.session_tmp_root() == str(tmp_path)
    kinds[str(tmp_path)] = "ext4"  # a /dev/shm that is not memory: /tmp as before
    assert scratch_module.session_tmp_root() == "/tmp"
    kinds["/tmp"] = "tmpfs"  # /tmp already in memory (inside bwrap): keep it
    assert scratch_module.session_tmp_root() == "/tmp"
    kinds["/tmp"], kinds[str(tmp_path)] = "ext4", "tmpfs"
    monkeypatch.setattr(scratch_module, "_ENOUGH_ROOM", 1 << 62)  # no room: /tmp
    assert scratch_module.session_tmp_root() == "/tmp"
