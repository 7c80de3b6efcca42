"""TemporaryFile(): arguments, where and how the file is made, and how it disappears."""

from __future__ import annotations

import gc
import io
import os
import stat
import warnings

import pytest

from conformance.tests._descriptors import held_open, identity
from conformance.tests._shared import assert_binary_round_trip
from conformance.vocabulary import SKIP_NOT_APPLICABLE as NOT_APPLICABLE


def fd_link(fd: int) -> str:
    """What the kernel shows for a descriptor (Linux): the path, or DIR/#INODE (deleted)."""
    return os.readlink(f"/proc/self/fd/{fd}")


def open_probe_type(scratch: str, mode: str, buffering: int = -1) -> type:
    """The class the built-in open() gives for ``mode``, measured on a throwaway file."""
    probe_dir = os.path.join(scratch, "probe")
    os.makedirs(probe_dir, exist_ok=True)
    with open(os.path.join(probe_dir, "f"), mode, buffering=buffering) as handle:
        return type(handle)


# --- arguments --------------------------------------------------------------


@pytest.mark.clause("temporaryfile.params.open-like")
def test_text_arguments_behave_as_for_open(tf, scratch):
    with tf.TemporaryFile("w+", encoding="ascii", errors="replace", newline="\r\n", dir=scratch) as f:
        assert f.encoding == "ascii" and f.errors == "replace"
        f.write("a\nb\u00e9")
        f.flush()
        # The bytes on disk show both the encoder's error handler and newline translation.
        assert os.pread(f.fileno(), 100, 0) == b"a\r\nb?"
        f.seek(0)
        assert f.readline() == "a\r\n"  # newline="\r\n": the only line ending, kept on read


@pytest.mark.clause("temporaryfile.params.open-like")
def test_unbuffered_binary_is_a_raw_stream(tf, scratch):
    with tf.TemporaryFile(buffering=0, dir=scratch) as f:
        assert isinstance(f, io.RawIOBase)
        f.write(b"xyz")
        # Unbuffered: the data is in the file before any flush.
        assert os.pread(f.fileno(), 10, 0) == b"xyz"


@pytest.mark.clause("temporaryfile.params.errors-keyword-only")
def test_errors_is_keyword_only(tf, scratch):
    with pytest.raises(TypeError):
        tf.TemporaryFile("w+", -1, None, None, None, None, scratch, "strict")
    with tf.TemporaryFile("w+", dir=scratch, errors="ignore", encoding="ascii") as f:
        f.write("a\u00e9b")
        f.seek(0)
        assert f.read() == "ab"


@pytest.mark.clause("temporaryfile.params.rejected-like-open")
@pytest.mark.parametrize("mode, extra", [("w+", {"buffering": 0}), ("q", {}), ("w+b", {"encoding": "utf-8"})])
def test_arguments_open_refuses_are_refused_the_same_way(tf, scratch, mode, extra):
    probe = os.path.join(scratch, "probe")
    os.mkdir(probe)
    with pytest.raises(Exception) as by_open:
        open(os.path.join(probe, "f"), mode, **extra)
    where = os.path.join(scratch, "here")
    os.mkdir(where)
    with pytest.raises(Exception) as by_target:
        tf.TemporaryFile(mode, dir=where, **extra)
    assert type(by_target.value) is type(by_open.value), by_target.value
    assert os.listdir(where) == []


@pytest.mark.clause("temporaryfile.mode.default-binary")
def test_default_mode_is_binary_read_write(tf, scratch):
    with tf.TemporaryFile(dir=scratch) as f:
        assert_binary_round_trip(f, b"\x00\r\n\xff")


# --- creation ---------------------------------------------------------------


@pytest.mark.clause("temporaryfile.create.owner-only")
@pytest.mark.parametrize("umask", [0, 0o077])
def test_permission_bits_are_owner_only(tf, scratch, umask):
    os.umask(umask)
    with tf.TemporaryFile(dir=scratch) as f:
        assert stat.S_IMODE(os.fstat(f.fileno()).st_mode) == 0o600 & ~umask


@pytest.mark.clause("temporaryfile.create.in-dir")
def test_file_is_made_in_dir_or_default(tf, scratch):
    chosen = os.path.join(scratch, "chosen")
    os.mkdir(chosen)
    with tf.TemporaryFile(dir=chosen) as f:
        assert os.path.dirname(fd_link(f.fileno())) == chosen
    with tf.TemporaryFile() as f:  # default directory: the fixture points TMPDIR at scratch
        assert os.path.dirname(fd_link(f.fileno())) == scratch


@pytest.mark.clause("temporaryfile.create.missing-dir")
def test_missing_dir_raises_file_not_found(tf, scratch):
    with pytest.raises(FileNotFoundError):
        tf.TemporaryFile(dir=os.path.join(scratch, "absent"))
    assert os.listdir(scratch) == []


# --- what the object is ------------------------------------------------------


@pytest.mark.clause("temporaryfile.posix.true-file-object")
@pytest.mark.parametrize("mode, buffering", [("w+b", -1), ("w+", -1), ("w+b", 0)])
def test_result_is_the_stream_open_would_give(tf, scratch, mode, buffering):
    expected = open_probe_type(scratch, mode, buffering)
    with tf.TemporaryFile(mode, buffering, dir=scratch) as f:
        assert type(f) is expected
        assert not hasattr(f, "file")


@pytest.mark.clause("temporaryfile.posix.name-is-descriptor")
def test_name_is_the_descriptor(tf, scratch):
    with tf.TemporaryFile(dir=scratch) as f:
        assert isinstance(f.name, int) and f.name == f.fileno()


@pytest.mark.clause("temporaryfile.unix.no-directory-entry")
@pytest.mark.parametrize("kwargs", [{"prefix": "p-", "suffix": ".s"}, {"mode": "w+"}])
def test_no_directory_entry_and_no_links(tf, scratch, kwargs):
    with tf.TemporaryFile(dir=scratch, **kwargs) as f:
        assert os.listdir(scratch) == []
        assert os.fstat(f.fileno()).st_nlink == 0


def _o_tmpfile_works(directory: str) -> bool:
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None:
        return False
    try:
        fd = os.open(directory, flag | os.O_RDWR, 0o600)
    except OSError:
        return False
    os.close(fd)
    return True


@pytest.mark.clause("temporaryfile.linux.o-tmpfile")
def test_o_tmpfile_is_used_when_it_works(tf, scratch):
    if not _o_tmpfile_works(scratch):
        pytest.skip(f"{NOT_APPLICABLE}os.O_TMPFILE is missing or refused in {scratch}")
    with tf.TemporaryFile(dir=scratch, prefix="visible-", suffix=".x") as f:
        ino = os.fstat(f.fileno()).st_ino
        # An O_TMPFILE inode never had a name: the kernel labels it '#<inode>'.
        assert fd_link(f.fileno()) == f"{scratch}/#{ino} (deleted)"


@pytest.mark.clause("temporaryfile.linux.linkable")
def test_o_tmpfile_file_can_be_named_later(tf, scratch):
    if not _o_tmpfile_works(scratch):
        pytest.skip(f"{NOT_APPLICABLE}os.O_TMPFILE is missing or refused in {scratch}")
    published = os.path.join(scratch, "published")
    with tf.TemporaryFile(dir=scratch) as f:
        f.write(b"built unseen")
        f.flush()
        if not fd_link(f.fileno()).startswith(f"{scratch}/#"):
            pytest.skip(f"{NOT_APPLICABLE}this TemporaryFile took the named-then-unlinked path")
        os.link(f"/proc/self/fd/{f.fileno()}", published, follow_symlinks=True)
    with open(published, "rb") as named:
        assert named.read() == b"built unseen"


@pytest.mark.clause("temporaryfile.linux.o-tmpfile-fallback")
def test_either_creation_path_leaves_no_name(tf, scratch):
    with tf.TemporaryFile(dir=scratch, prefix="pfx-", suffix=".sfx") as f:
        link = fd_link(f.fileno())
        ino = os.fstat(f.fileno()).st_ino
        assert link.endswith(" (deleted)"), link
        base = os.path.basename(link[: -len(" (deleted)")])
        anonymous = base == f"#{ino}"
        named_then_unlinked = base.startswith("pfx-") and base.endswith(".sfx")
        assert anonymous or named_then_unlinked, link
        assert os.listdir(scratch) == []
        assert os.fstat(f.fileno()).st_nlink == 0


# --- destruction ------------------------------------------------------------


@pytest.mark.clause("temporaryfile.close.destroys")
def test_close_releases_the_only_handle(tf, scratch):
    f = tf.TemporaryFile(dir=scratch)
    f.write(b"payload")
    fd = f.fileno()
    ident = identity(fd)
    assert os.fstat(fd).st_nlink == 0  # no name: the descriptor is the only way in
    f.close()
    assert f.closed
    assert not held_open(ident)
    assert os.listdir(scratch) == []


@pytest.mark.clause("temporaryfile.gc.destroys")
def test_garbage_collection_closes_the_file(tf, scratch):
    f = tf.TemporaryFile(dir=scratch)
    fd = f.fileno()
    ident = identity(fd)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)  # io reports the unclosed file
        del f
        gc.collect()
    assert not held_open(ident)
    assert os.listdir(scratch) == []


@pytest.mark.clause("temporaryfile.context.closes")
def test_context_manager_returns_itself_and_closes(tf, scratch):
    f = tf.TemporaryFile(dir=scratch)
    fd = f.fileno()
    ident = identity(fd)
    with f as entered:
        assert entered is f
    assert f.closed
    assert not held_open(ident)


@pytest.mark.clause("temporaryfile.windows.alias")
def test_windows_alias_of_named_temporary_file(tf, scratch):
    assert tf.TemporaryFile is tf.NamedTemporaryFile
    with tf.TemporaryFile(dir=scratch) as f:
        assert hasattr(f, "file") and os.path.exists(f.name)
