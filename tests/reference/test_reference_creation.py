"""White-box tests of reference.names and reference.creation: names, retries, exhaustion."""

from __future__ import annotations

import errno
import os
import pathlib
import re
from typing import Iterator

import pytest

from conformance.harness.audit import AuditRecorder
from reference import creation, names


def open_fds() -> set:
    """Descriptor numbers open in this process (listdir's own fd is in both snapshots)."""
    return set(os.listdir("/proc/self/fd"))




class Veto(AuditRecorder):
    """An audit listener that refuses every tempfile.* event."""

    def __call__(self, event: str, args: tuple) -> None:
        if event.startswith("tempfile."):
            raise PermissionError("vetoed by audit hook")


# ---------------------------------------------------------------------------
# names
# ---------------------------------------------------------------------------


def test_random_part_shape():
    for _ in range(200):
        assert re.fullmatch(r"[a-z0-9_]{8}", names.random_part())


def test_rejected_bytes_are_dropped_not_folded():
    draws = iter([b"\xff" * 16, bytes(16)])
    # Bytes 222..255 must be discarded (folding them would bias the alphabet's start).
    assert names.random_part(lambda n: next(draws)) == "aaaaaaaa"


def test_each_kept_byte_picks_one_character_modulo_37():
    kept_and_dropped = bytes([0, 1, 36, 37, 221, 222, 255, 2, 3]) + bytes([4]) * 7
    assert names.random_part(lambda n: kept_and_dropped) == "ab_a_cde"


def test_every_character_is_reachable_equally():
    # Over one full cycle of byte values, each character is produced exactly 6 times.
    produced = bytes(range(222)).translate(names._TO_CHAR, names._REJECTED).decode()
    assert sorted(set(produced)) == sorted(names.ALPHABET)
    assert all(produced.count(c) == 6 for c in names.ALPHABET)


def test_injection_nests_and_falls_back_to_random_when_exhausted():
    with names.inject_names(["outer1", "outer2"]):
        assert names.next_candidate() == "outer1"
        with names.inject_names(["inner"]):
            assert names.next_candidate() == "inner"
            assert re.fullmatch(r"[a-z0-9_]{8}", names.next_candidate())
        assert names.next_candidate() == "outer2"
    assert re.fullmatch(r"[a-z0-9_]{8}", names.next_candidate())


def test_forked_child_draws_other_names():
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child, which coverage does not follow
        os.close(read_end)
        os.write(write_end, " ".join(names.random_part() for _ in range(50)).encode())
        os._exit(0)
    os.close(write_end)
    parent = {names.random_part() for _ in range(50)}
    with os.fdopen(read_end, "rb") as pipe:
        child = set(pipe.read().decode().split())
    os.waitpid(pid, 0)
    assert len(child) == 50 and not parent & child


# ---------------------------------------------------------------------------
# the retry loop
# ---------------------------------------------------------------------------


def test_collision_is_retried_and_the_planted_file_untouched(ref, tmp_path):
    planted = tmp_path / "preaaaa.x"
    planted.write_bytes(b"mine")
    planted.chmod(0o644)
    with AuditRecorder() as audit, names.inject_names(["aaaa", "bbbb"]):
        fd, path = ref.mkstemp(suffix=".x", prefix="pre", dir=str(tmp_path))
    os.close(fd)
    assert path == str(tmp_path / "prebbbb.x")
    assert planted.read_bytes() == b"mine" and planted.stat().st_mode & 0o777 == 0o644
    assert audit.named("tempfile.mkstemp") == [(str(planted),), (path,)]


def test_mkdtemp_skips_a_name_held_by_a_file(ref, tmp_path):
    (tmp_path / "tmpaaaa").write_bytes(b"")
    with names.inject_names(["aaaa", "bbbb"]):
        assert ref.mkdtemp(dir=tmp_path) == str(tmp_path / "tmpbbbb")


@pytest.mark.parametrize("call", ["mkstemp", "mkdtemp", "NamedTemporaryFile", "mktemp"])
def test_exhaustion_after_tmp_max_attempts_leaves_nothing(ref, tmp_path, call):
    (tmp_path / "tmptaken").mkdir()
    ref.TMP_MAX = 7
    drawn = []

    def always_taken() -> Iterator[str]:
        while True:
            drawn.append("taken")
            yield "taken"

    with AuditRecorder() as audit, names.inject_names(always_taken()):
        with pytest.raises(FileExistsError) as caught:
            getattr(ref, call)(dir=str(tmp_path))
    assert caught.value.errno == errno.EEXIST
    assert os.listdir(tmp_path) == ["tmptaken"]
    assert len(drawn) == 7  # exactly TMP_MAX names were tried
    expected_events = 0 if call == "mktemp" else 7
    assert len([e for e in audit.events if e[0].startswith("tempfile.")]) == expected_events


def test_windows_permission_error_on_writable_dir_is_a_collision(tmp_path):
    attempts = []

    def make(path: str) -> str:
        attempts.append(path)
        if len(attempts) == 1:
            raise PermissionError(errno.EACCES, "pending delete", path)
        return "made"

    with names.inject_names(["one", "two"]):
        made, path = creation.create_exclusively(str(tmp_path), "p", "", make, None, os_name="nt")
    assert (made, path) == ("made", str(tmp_path / "ptwo")) and len(attempts) == 2


@pytest.mark.parametrize("os_name, directory", [("posix", "."), ("nt", "/no/such/dir")])
def test_permission_error_is_raised_when_it_is_a_real_refusal(os_name, directory):
    def make(path: str) -> None:
        raise PermissionError(errno.EACCES, "denied", path)

    with pytest.raises(PermissionError):
        creation.create_exclusively(directory, "p", "", make, None, os_name=os_name)


def test_audit_veto_creates_nothing(ref, tmp_path):
    with Veto(), pytest.raises(PermissionError, match="vetoed"):
        ref.mkstemp(dir=tmp_path)
    with Veto(), pytest.raises(PermissionError, match="vetoed"):
        ref.NamedTemporaryFile(dir=tmp_path)
    assert os.listdir(tmp_path) == []


# ---------------------------------------------------------------------------
# results: types and absolute paths
# ---------------------------------------------------------------------------


def test_bytes_parts_give_bytes_with_the_injected_part_encoded(ref, tmp_path):
    with names.inject_names(["zz_9"]), AuditRecorder() as audit:
        fd, path = ref.mkstemp(dir=os.fsencode(tmp_path))
    os.close(fd)
    assert path == os.fsencode(tmp_path / "tmpzz_9")
    assert audit.named("tempfile.mkstemp") == [(path,)]


def test_relative_dir_gives_absolute_results_and_events(ref, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    os.mkdir("sub")
    with AuditRecorder() as audit:
        fd, file_path = ref.mkstemp(dir="sub")
        dir_path = ref.mkdtemp(dir="sub")
        name = ref.mktemp(dir="sub")
    os.close(fd)
    for path in (file_path, dir_path, name):
        assert os.path.isabs(path) and os.path.dirname(path) == str(tmp_path / "sub")
    assert [args[0] for _, args in audit.events if _.startswith("tempfile.")] == [file_path, dir_path]


@pytest.mark.parametrize("kwargs", [
    {"suffix": b"x"}, {"prefix": b"x"}, {"dir": b"/tmp"}, {"dir": pathlib.PurePath("/tmp")},
])
def test_mktemp_refuses_bytes_but_takes_str_pathlike(ref, kwargs):
    if isinstance(kwargs.get("dir"), pathlib.PurePath):
        assert ref.mktemp(**kwargs).startswith("/tmp/tmp")
    else:
        with pytest.raises(TypeError):
            ref.mktemp(**kwargs)


def test_mktemp_refuses_nul_like_every_other_api(ref, tmp_path):
    with pytest.raises(ValueError):
        ref.mktemp(prefix="a\0b", dir=tmp_path)


def test_mktemp_treats_a_dangling_symlink_as_taken(ref, tmp_path):
    os.symlink(tmp_path / "nowhere", tmp_path / "tmpaaaa")
    with names.inject_names(["aaaa", "bbbb"]):
        assert ref.mktemp(dir=tmp_path) == str(tmp_path / "tmpbbbb")
    assert sorted(os.listdir(tmp_path)) == ["tmpaaaa"]


def test_mktemp_default_dir_is_the_searched_one(ref, tmp_path):
    name = ref.mktemp(suffix=".q")
    assert os.path.dirname(name) == str(tmp_path) and name.endswith(".q")
    assert not os.path.lexists(name)
