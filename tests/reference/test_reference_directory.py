"""White-box tests of reference.directory: permission repair, symlinks, shims."""

from __future__ import annotations

import errno
import gc
import os
import pathlib
import shutil
import stat
import types
import warnings
from typing import Any, Callable, List

import pytest

import reference
from reference import compat, directory


def tree(root: pathlib.Path) -> pathlib.Path:
    """A small tree: root/sub/file and root/top."""
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "file").write_bytes(b"x")
    (root / "top").write_bytes(b"y")
    return root


def inject_errors(monkeypatch: pytest.MonkeyPatch, errors: List[Any]) -> None:
    """Make the next remove_tree call report ``errors`` (path, exception) first, then work."""
    real = directory.rmtree_with_onexc

    def fake(path: Any, onexc: Callable[..., None]) -> None:
        while errors:
            where, exc = errors.pop(0)
            onexc(os.unlink, where, exc)
        real(path, onexc)

    monkeypatch.setattr(directory, "rmtree_with_onexc", fake)


def denied() -> PermissionError:
    return PermissionError(errno.EACCES, "denied")


# ---------------------------------------------------------------------------
# Shims
# ---------------------------------------------------------------------------


def test_rmtree_shim_speaks_onexc_and_onerror():
    calls = []

    def new_style(path: str, onexc: Callable[..., None]) -> None:
        onexc(os.rmdir, path, OSError("a"))

    def old_style(path: str, onerror: Callable[..., None]) -> None:
        try:
            raise OSError("b")
        except OSError as exc:
            onerror(os.rmdir, path, (type(exc), exc, exc.__traceback__))

    def record(func: Any, path: str, exc: BaseException) -> None:
        calls.append((func, path, str(exc)))

    compat.rmtree_with_onexc("p", record, rmtree=new_style, has_onexc=True)
    compat.rmtree_with_onexc("q", record, rmtree=old_style, has_onexc=False)
    assert calls == [(os.rmdir, "p", "a"), (os.rmdir, "q", "b")]


def test_platform_stand_ins(monkeypatch):
    assert compat._no_file_flags("/", 0) is None
    assert compat._junction_by_reparse_tag("/") is False  # no reparse tags off Windows

    def windows_lstat(path: str) -> Any:
        tag = 0xA0000003 if path == "junction" else 0
        return types.SimpleNamespace(st_reparse_tag=tag)

    monkeypatch.setattr(compat, "os", fake_os(lstat=windows_lstat))
    assert compat._junction_by_reparse_tag("junction") is True
    assert compat._junction_by_reparse_tag("plain") is False


# ---------------------------------------------------------------------------
# Permission repair never acts through a symlink
# ---------------------------------------------------------------------------


def test_grant_owner_access_skips_symlinks(tmp_path):
    target = tmp_path / "target"
    target.write_bytes(b"")
    target.chmod(0o400)
    (tmp_path / "link").symlink_to(target)
    directory.grant_owner_access(str(tmp_path / "link"))
    assert stat.S_IMODE(target.stat().st_mode) == 0o400
    directory.grant_owner_access(str(target))
    assert stat.S_IMODE(target.stat().st_mode) == 0o700


# ---------------------------------------------------------------------------
# remove_tree's error handling, driven by injected errors
# ---------------------------------------------------------------------------


def test_vanished_entries_are_fine(tmp_path, monkeypatch):
    root = tree(tmp_path / "t")
    inject_errors(monkeypatch, [(str(root / "gone"), FileNotFoundError(errno.ENOENT, "gone"))])
    directory.remove_tree(str(root))
    assert not root.exists()


@pytest.mark.parametrize("ignore", [False, True])
def test_other_errors_raise_unless_ignored(tmp_path, monkeypatch, ignore):
    root = tree(tmp_path / "t")
    inject_errors(monkeypatch, [(str(root / "top"), OSError(errno.EIO, "io"))])
    if ignore:
        directory.remove_tree(str(root), ignore_errors=True)
        assert not root.exists()
    else:
        with pytest.raises(OSError, match="io"):
            directory.remove_tree(str(root))


def test_permission_error_on_a_file_repairs_parent_and_unlinks(tmp_path, monkeypatch):
    root = tree(tmp_path / "t")
    (root / "sub").chmod(0o500)
    inject_errors(monkeypatch, [(str(root / "sub" / "file"), denied())])
    directory.remove_tree(str(root))
    assert not root.exists()


def test_permission_error_on_a_directory_removes_it_as_a_tree(tmp_path, monkeypatch):
    root = tree(tmp_path / "t")
    (root / "sub").chmod(0o000)
    inject_errors(monkeypatch, [(str(root / "sub"), denied())])
    directory.remove_tree(str(root))
    assert not root.exists()


def test_permission_error_on_an_entry_already_gone_is_fine(tmp_path, monkeypatch):
    root = tree(tmp_path / "t")
    inject_errors(monkeypatch, [(str(root / "never-there"), denied())])
    directory.remove_tree(str(root))
    assert not root.exists()


def bsd_unlink(path: Any) -> None:
    """unlink as BSD does it: EPERM (not EISDIR) for a directory, and always for 'stuck'."""
    if os.path.isdir(path) or os.path.basename(path) == "stuck":
        raise PermissionError(errno.EPERM, "not permitted", path)
    os.unlink(path)


def fake_os(**overrides: Any) -> types.SimpleNamespace:
    namespace = types.SimpleNamespace(**vars(os))
    for name, value in overrides.items():
        setattr(namespace, name, value)
    return namespace


def test_bsd_style_eperm_on_a_directory_still_removes_it(tmp_path, monkeypatch):
    root = tree(tmp_path / "t")
    monkeypatch.setattr(directory, "os", fake_os(unlink=bsd_unlink))
    inject_errors(monkeypatch, [(str(root / "sub"), denied())])
    directory.remove_tree(str(root))
    assert not root.exists()


@pytest.mark.parametrize("ignore", [False, True])
def test_a_file_that_stays_unremovable_is_reported_or_skipped(tmp_path, monkeypatch, ignore):
    root = tree(tmp_path / "t")
    (root / "stuck").write_bytes(b"")
    monkeypatch.setattr(directory, "os", fake_os(unlink=bsd_unlink))
    inject_errors(monkeypatch, [(str(root / "stuck"), denied())])
    if ignore:
        directory.remove_tree(str(root), ignore_errors=True)
    else:
        with pytest.raises(PermissionError):
            directory.remove_tree(str(root))
    shutil.rmtree(root, ignore_errors=True)


@pytest.mark.parametrize("ignore", [False, True])
def test_the_top_refusing_twice_stops_the_loop(tmp_path, monkeypatch, ignore):
    root = tree(tmp_path / "t")
    inject_errors(monkeypatch, [(str(root), denied())])
    if ignore:
        directory.remove_tree(str(root), ignore, second_try=True)
    else:
        with pytest.raises(PermissionError):
            directory.remove_tree(str(root), ignore, second_try=True)
    shutil.rmtree(root, ignore_errors=True)


@pytest.mark.parametrize("ignore", [False, True])
def test_failed_repair_is_swallowed_in_best_effort_mode(tmp_path, monkeypatch, ignore):
    root = tree(tmp_path / "t")

    def chmod_refused(path: Any, mode: int) -> None:
        raise PermissionError(errno.EPERM, "owned by someone else", path)

    monkeypatch.setattr(directory, "os", fake_os(chmod=chmod_refused))
    inject_errors(monkeypatch, [(str(root / "sub"), denied())])
    if ignore:
        directory.remove_tree(str(root), ignore_errors=True)
        assert not root.exists()  # the rest went, since the repair failure was not fatal
    else:
        with pytest.raises(PermissionError, match="someone else"):
            directory.remove_tree(str(root))
        shutil.rmtree(root)


# ---------------------------------------------------------------------------
# TemporaryDirectory
# ---------------------------------------------------------------------------


def test_implicit_cleanup_warns_and_delete_false_keeps(ref, tmp_path):
    kept = ref.TemporaryDirectory(dir=tmp_path, delete=False)
    kept_name = kept.name
    gone = ref.TemporaryDirectory(dir=tmp_path)
    gone_name = gone.name
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        del kept, gone
        gc.collect()
    assert os.path.isdir(kept_name) and not os.path.exists(gone_name)
    assert [str(w.message) for w in caught] == [f"Implicitly cleaning up <TemporaryDirectory {gone_name!r}>"]


def test_cleanup_twice_and_after_removal(ref, tmp_path):
    d = ref.TemporaryDirectory(dir=tmp_path)
    d.cleanup()
    d.cleanup()
    os.mkdir(d.name)  # recreated under the same name: a later cleanup removes it again
    d.cleanup()
    assert not os.path.exists(d.name)
    assert reference.TemporaryDirectory[str].__origin__ is reference.TemporaryDirectory


def test_context_manager_binds_the_name_and_honours_delete(ref, tmp_path):
    with ref.TemporaryDirectory() as name:
        assert os.path.dirname(name) == str(tmp_path)
    assert not os.path.exists(name)
    with ref.TemporaryDirectory(delete=False) as kept:
        pass
    assert os.path.isdir(kept)
    os.rmdir(kept)


def test_permission_error_on_the_top_itself_is_repaired_once(tmp_path, monkeypatch):
    root = tree(tmp_path / "t")
    root.chmod(0o500)
    inject_errors(monkeypatch, [(str(root), denied())])
    directory.remove_tree(str(root))
    assert not root.exists()
