"""White-box tests of reference.named and reference.temporaryfile: O_TMPFILE and its fallback, the wrapper,
removal."""

from __future__ import annotations

import errno
import gc
import os
import pathlib
import stat
import sys
import types
from typing import Any

import pytest

import reference
from conformance.harness.audit import AuditRecorder
from reference import compat, named, names, temporaryfile


def fake_os(**overrides: Any) -> types.SimpleNamespace:
    """The os module as temporaryfile.py sees it, with some functions replaced."""
    namespace = types.SimpleNamespace(**vars(os))
    for name, value in overrides.items():
        setattr(namespace, name, value)
    return namespace


def fail_with(exc_type: type, code: int) -> Any:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise exc_type(code, os.strerror(code))
    return fail


def assert_anonymous(file: Any, directory: pathlib.Path) -> None:
    assert file.name == file.fileno()
    assert os.fstat(file.fileno()).st_nlink == 0
    assert os.listdir(directory) == []


# ---------------------------------------------------------------------------
# TemporaryFile: O_TMPFILE, and the fallback
# ---------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "O_TMPFILE"), reason="needs O_TMPFILE")
def test_o_tmpfile_path_audits_a_name_in_dir_and_creates_no_entry(ref, tmp_path):
    with AuditRecorder() as audit, ref.TemporaryFile(dir=tmp_path, prefix="p", suffix=".s") as f:
        assert_anonymous(f, tmp_path)
        assert os.readlink(f"/proc/self/fd/{f.fileno()}").startswith(f"{tmp_path}/#")
    [(event_path,)] = audit.named("tempfile.mkstemp")
    assert event_path == str(tmp_path / "p########.s")


def test_old_kernel_turns_o_tmpfile_off_for_good(ref, tmp_path, monkeypatch):
    monkeypatch.setattr(temporaryfile, "o_tmpfile_works", True)
    monkeypatch.setattr(temporaryfile, "os", fake_os(open=fail_with(IsADirectoryError, errno.EISDIR),
                                             O_TMPFILE=getattr(os, "O_TMPFILE", 0o20000000)))
    with AuditRecorder() as audit, ref.TemporaryFile(dir=tmp_path) as f:
        assert_anonymous(f, tmp_path)
    assert temporaryfile.o_tmpfile_works is False
    assert len(audit.named("tempfile.mkstemp")) == 2  # the refused anonymous try, then mkstemp's


def test_file_system_refusal_falls_back_but_keeps_trying_later(ref, tmp_path, monkeypatch):
    monkeypatch.setattr(temporaryfile, "o_tmpfile_works", True)
    monkeypatch.setattr(temporaryfile, "os", fake_os(open=fail_with(OSError, errno.EOPNOTSUPP),
                                             O_TMPFILE=getattr(os, "O_TMPFILE", 0o20000000)))
    with ref.TemporaryFile(dir=tmp_path, mode="w+") as f:
        f.write("text")
        f.seek(0)
        assert f.read() == "text"
        assert_anonymous(f, tmp_path)
    assert temporaryfile.o_tmpfile_works is True


def test_fallback_failure_to_unlink_closes_the_descriptor(ref, tmp_path, monkeypatch):
    monkeypatch.setattr(temporaryfile, "o_tmpfile_works", False)
    monkeypatch.setattr(temporaryfile, "os", fake_os(unlink=fail_with(PermissionError, errno.EPERM)))
    with pytest.raises(PermissionError):
        ref.TemporaryFile(dir=tmp_path)
    # The name stays (unlink failed) but no descriptor does: the fixture checks that.
    assert len(os.listdir(tmp_path)) == 1


def test_the_package_exports_the_platform_choice_of_temporary_file():
    # The choice itself, per platform, is tested in test_reference_platform_rules.py.
    assert reference.TemporaryFile is temporaryfile.TemporaryFile
    assert (temporaryfile.TemporaryFile is named.NamedTemporaryFile) is temporaryfile.temporaryfile_is_alias(
        os.name, sys.platform)


def test_encoding_stand_in_for_3_9_passes_the_value_through():
    assert compat._keep_encoding(None) is None and compat._keep_encoding("utf-8", 3) == "utf-8"


# ---------------------------------------------------------------------------
# NamedTemporaryFile: nothing left behind on failure
# ---------------------------------------------------------------------------


def test_bad_encoding_removes_the_file_already_created(ref, tmp_path):
    with pytest.raises(LookupError):
        ref.NamedTemporaryFile("w+", encoding="no-such-codec", dir=tmp_path)
    assert os.listdir(tmp_path) == []


def test_failed_wrap_leaves_removal_to_the_os_when_it_deletes_on_close(ref, tmp_path, monkeypatch):
    # Windows with delete and delete_on_close: O_TEMPORARY removes the file when
    # io.open closes the descriptor, so we must not unlink it (the name could be
    # someone else's by then).  Simulated here by claiming the OS deletes.
    monkeypatch.setattr(named, "os_deletes_on_close", lambda *args: True)
    with pytest.raises(LookupError):
        ref.NamedTemporaryFile("w+", encoding="no-such-codec", dir=tmp_path)
    assert len(os.listdir(tmp_path)) == 1  # Linux has no O_TEMPORARY: still there


def test_bad_mode_is_refused_before_anything_is_created(ref, tmp_path):
    with AuditRecorder() as audit, pytest.raises(ValueError):
        ref.NamedTemporaryFile("w+bt", dir=tmp_path)
    assert os.listdir(tmp_path) == [] and audit.named("tempfile.mkstemp") == []


# ---------------------------------------------------------------------------
# The wrapper
# ---------------------------------------------------------------------------


def test_method_borrowed_from_a_dropped_wrapper_still_works(ref, tmp_path):
    write = ref.NamedTemporaryFile(dir=tmp_path).write
    gc.collect()
    assert write(b"abc") == 3  # the wrapper is gone, but the method kept the file open
    del write
    gc.collect()
    assert os.listdir(tmp_path) == []


def test_methods_are_cached_but_data_attributes_read_fresh(ref, tmp_path):
    with ref.NamedTemporaryFile("w+", dir=tmp_path, newline=None) as f:
        assert f.write is f.write
        assert f.closed is False and "closed" not in vars(f)
        f.write("a\r\nb\n")
        f.seek(0)
        assert list(f) == ["a\n", "b\n"]
        assert set(f.newlines) == {"\r\n", "\n"}
    assert f.closed is True


def test_exit_passes_the_file_result_and_close_is_idempotent(ref, tmp_path):
    f = ref.NamedTemporaryFile(dir=tmp_path)
    assert f.__enter__() is f
    assert f.__exit__(None, None, None) is None
    f.close()
    f.close()
    assert os.listdir(tmp_path) == []


def test_removal_tolerates_a_name_already_removed(ref, tmp_path):
    with ref.NamedTemporaryFile(dir=tmp_path, delete_on_close=False) as f:
        os.unlink(f.name)
    f2 = ref.NamedTemporaryFile(dir=tmp_path)
    os.unlink(f2.name)
    f2.close()


def test_name_reused_after_close_is_not_removed_at_exit(ref, tmp_path):
    with ref.NamedTemporaryFile(dir=tmp_path) as f:
        f.close()
        # Someone else now creates a file under the freed name; exit must not delete it.
        pathlib.Path(f.name).write_bytes(b"theirs")
    assert pathlib.Path(f.name).read_bytes() == b"theirs"


def test_os_side_deletion_is_left_to_the_os(ref, tmp_path):
    fd, path = ref.mkstemp(dir=tmp_path)
    wrapper = named._TemporaryFileWrapper(open(fd, "w+b"), path, True, True, os_deletes=True)
    wrapper.close()
    # On Windows O_TEMPORARY would have removed it; we must not unlink it ourselves.
    assert os.path.exists(path)
    del wrapper
    gc.collect()
    assert os.path.exists(path)


@pytest.mark.parametrize("delete, delete_on_close, after_close, after_gc", [
    (True, True, False, False), (True, False, True, False),
    (False, True, True, True), (False, False, True, True),
])
def test_deletion_matrix_on_this_platform(ref, tmp_path, delete, delete_on_close, after_close, after_gc):
    f = ref.NamedTemporaryFile(dir=tmp_path, delete=delete, delete_on_close=delete_on_close)
    name = f.name
    assert stat.S_IMODE(os.stat(name).st_mode) & 0o077 == 0
    f.close()
    assert os.path.exists(name) is after_close
    del f
    gc.collect()
    assert os.path.exists(name) is after_gc
    if after_gc:
        os.unlink(name)


def test_generic_alias():
    assert named._TemporaryFileWrapper[int].__origin__ is named._TemporaryFileWrapper


def test_names_injected_reach_the_named_file(ref, tmp_path):
    with names.inject_names(["given"]), ref.NamedTemporaryFile(dir=tmp_path, suffix=".z") as f:
        assert f.name == str(tmp_path / "tmpgiven.z")
