"""White-box tests of reference.location: the directory search, its cache, and name types."""

from __future__ import annotations

import errno
import os
import pathlib
import threading
import time
import types
from typing import Any

import pytest

from reference import location


def fake_os(**overrides: Any) -> types.SimpleNamespace:
    """The os module as location.py sees it, with some functions replaced."""
    namespace = types.SimpleNamespace(**vars(os))
    for name, value in overrides.items():
        setattr(namespace, name, value)
    return namespace


# ---------------------------------------------------------------------------
# the search
# ---------------------------------------------------------------------------


def test_search_takes_tmpdir_and_leaves_nothing(ref, tmp_path):
    assert ref.gettempdir() == str(tmp_path)
    assert ref.tempdir == str(tmp_path) and os.listdir(tmp_path) == []


def test_unusable_candidates_are_skipped(ref, tmp_path, monkeypatch):
    (tmp_path / "file").write_bytes(b"")
    monkeypatch.setenv("TMPDIR", str(tmp_path / "missing"))
    monkeypatch.setenv("TEMP", str(tmp_path / "file"))
    monkeypatch.setenv("TMP", str(tmp_path))
    assert ref.gettempdir() == str(tmp_path)


def test_relative_candidate_made_absolute_but_dot_kept(ref, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    os.mkdir("rel")
    monkeypatch.setenv("TMPDIR", "rel")
    assert ref.gettempdir() == str(tmp_path / "rel")
    ref.tempdir = None
    monkeypatch.setenv("TMPDIR", ".")
    assert ref.gettempdir() == "."


def test_probe_retries_a_taken_name(ref, tmp_path, monkeypatch):
    (tmp_path / "taken").write_bytes(b"keep")
    parts = iter(["taken", "free"])
    monkeypatch.setattr(location, "random_part", lambda: next(parts))
    assert location.find_default_tempdir() == str(tmp_path)
    assert os.listdir(tmp_path) == ["taken"] and (tmp_path / "taken").read_bytes() == b"keep"


def test_probe_gives_up_after_its_attempts(ref, tmp_path, monkeypatch):
    (tmp_path / "taken").write_bytes(b"")
    monkeypatch.setattr(location, "random_part", lambda: "taken")
    assert location._directory_accepts_files(str(tmp_path)) is False


def refuse(*args: Any) -> int:
    raise PermissionError(errno.EACCES, "denied")


def test_probe_permission_error_means_unusable_on_posix(ref, tmp_path, monkeypatch):
    monkeypatch.setattr(location, "os", fake_os(open=refuse, name="posix"))
    assert location._directory_accepts_files(str(tmp_path)) is False


def test_probe_permission_error_is_retried_on_windows(ref, tmp_path, monkeypatch):
    calls = []

    def refuse_once(path: str, flags: int, mode: int) -> int:
        calls.append(path)
        if len(calls) == 1:
            refuse()
        return os.open(path, flags, mode)

    monkeypatch.setattr(location, "os", fake_os(open=refuse_once, name="nt"))
    assert location._directory_accepts_files(str(tmp_path)) is True
    assert len(calls) == 2 and os.listdir(tmp_path) == []


def test_probe_write_failure_means_unusable_and_cleans_up(ref, tmp_path, monkeypatch):
    def disk_full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "full")

    monkeypatch.setattr(location, "os", fake_os(write=disk_full))
    assert location._directory_accepts_files(str(tmp_path)) is False
    assert os.listdir(tmp_path) == []


def test_no_usable_directory_is_file_not_found(ref, tmp_path, monkeypatch):
    monkeypatch.setattr(location, "candidate_dirs", lambda *a: [str(tmp_path / "gone")])
    with pytest.raises(FileNotFoundError) as caught:
        ref.gettempdir()
    assert caught.value.errno == errno.ENOENT and ref.tempdir is None


def test_deleted_cwd_still_leaves_a_last_resort(ref, monkeypatch):
    monkeypatch.setattr(location, "os", fake_os(getcwd=lambda: refuse()))
    assert location._current_dir() is None


def test_concurrent_first_calls_search_once(ref, tmp_path, monkeypatch):
    searches = []
    real = location.find_default_tempdir

    def slow_search() -> str:
        searches.append(1)
        time.sleep(0.05)  # widen the window in which an unlocked search would run twice
        return real()

    monkeypatch.setattr(location, "find_default_tempdir", slow_search)
    threads = [threading.Thread(target=ref.gettempdir) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(searches) == 1


# ---------------------------------------------------------------------------
# settings read at call time
# ---------------------------------------------------------------------------


def test_tempdir_assignment_redirects_and_keeps_its_type(ref, tmp_path):
    ref.tempdir = os.fsencode(tmp_path)
    assert ref.gettempdir() == str(tmp_path) and ref.gettempdirb() == os.fsencode(tmp_path)
    fd, path = ref.mkstemp()
    os.close(fd)
    assert isinstance(path, bytes) and os.path.dirname(path) == os.fsencode(tmp_path)
    fd, path = ref.mkstemp(prefix="s")
    os.close(fd)
    assert isinstance(path, str)


def test_pathlike_tempdir_counts_as_bytes_like_cpython(ref, tmp_path):
    ref.tempdir = tmp_path
    path = ref.mkdtemp()
    assert isinstance(path, bytes) and os.path.isdir(path)
    assert ref.gettempdir() == str(tmp_path)


def test_template_assignment_changes_the_default_prefix(ref, tmp_path):
    ref.template = b"zz"
    assert ref.gettempprefix() == "zz" and ref.gettempprefixb() == b"zz"
    assert os.path.basename(ref.mkdtemp(dir=tmp_path)).startswith("zz")


def test_mixing_types_is_a_type_error_before_any_search(ref):
    with pytest.raises(TypeError, match="mix"):
        location.name_type("a", b"b", None)
    with pytest.raises(TypeError):
        location.name_type(None, "a", pathlib.Path("/x").__fspath__().encode())
    assert ref.tempdir is None
