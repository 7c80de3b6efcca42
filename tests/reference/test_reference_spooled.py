"""White-box tests of reference.spooled: rollover triggers, failure, and the io surface."""

from __future__ import annotations

import errno
import gc
import inspect
import io
import sys
from typing import Any, Iterator

import pytest

import reference
from reference import spooled


def test_failed_rollover_keeps_the_data_in_memory(ref, tmp_path):
    with ref.SpooledTemporaryFile(4, dir=tmp_path / "missing") as f:
        with pytest.raises(FileNotFoundError):
            f.write(b"12345")
        assert f._rolled is False and isinstance(f._file, io.BytesIO)
        f.seek(0)
        assert f.read() == b"12345"
        assert f.mode == "w+b"


class FailingDisk(io.BytesIO):
    """A stand-in disk file whose writes fail like a file past RLIMIT_FSIZE."""

    closed_by_rollover = False

    def write(self, data: bytes) -> int:
        raise OSError(errno.EFBIG, "File too large")

    def close(self) -> None:
        FailingDisk.closed_by_rollover = True
        super().close()
        raise OSError(errno.EFBIG, "File too large (again, from close)")


@pytest.mark.parametrize("mode", ["w+b", "w+"])
def test_failed_copy_closes_the_disk_file_and_keeps_memory(ref, monkeypatch, mode):
    def failing_temporary_file(**kwargs: Any) -> Any:
        return FailingDisk() if "b" in kwargs["mode"] else io.TextIOWrapper(FailingDisk())

    monkeypatch.setattr(reference, "TemporaryFile", failing_temporary_file)
    FailingDisk.closed_by_rollover = False
    data = b"abcdef" if "b" in mode else "abcdef"
    with ref.SpooledTemporaryFile(4, mode=mode) as f:
        with pytest.raises(OSError) as caught:
            f.write(data)
        assert caught.value.errno == errno.EFBIG and "again" not in str(caught.value)
        assert FailingDisk.closed_by_rollover and not f._rolled
        f.seek(0)
        assert f.read() == data


def test_writelines_rolls_over_at_the_line_that_crosses(ref):
    with ref.SpooledTemporaryFile(3) as f:
        seen = []

        def lines() -> Iterator[bytes]:
            for chunk in (b"ab", b"cd", b"ef"):
                seen.append(f._rolled)
                yield chunk

        f.writelines(lines())
        assert seen == [False, False, True]  # on disk before the third line is written
        f.seek(0)
        assert f.read() == b"abcdef"


@pytest.mark.parametrize("mode", ["w+b", "w+"])
@pytest.mark.parametrize("rolled", [False, True])
def test_detach_is_refused_in_both_modes(ref, mode, rolled):
    with ref.SpooledTemporaryFile(mode=mode) as f:
        if rolled:
            f.rollover()
        with pytest.raises(io.UnsupportedOperation):
            f.detach()
        f.write(b"x" if "b" in mode else "x")


def test_mode_and_name_before_and_after(ref):
    with ref.SpooledTemporaryFile() as f:
        assert (f.mode, f.name) == ("w+b", None)
        assert f.fileno() == f.name
        assert f.mode == "rb+"
    with ref.SpooledTemporaryFile(mode="w+") as f:
        assert (f.mode, f.name) == ("w+", None)
        f.rollover()
        f.rollover()
        assert f.mode == "w+" and f.name == f.fileno()


def test_text_rollover_keeps_content_position_and_attributes(ref):
    with ref.SpooledTemporaryFile(5, mode="w+", encoding="utf-8", errors="replace", newline="") as f:
        f.write("h\u00e9\r\n")  # exactly 5 bytes encoded: still in memory
        assert not f._rolled
        f.seek(0)
        assert f.read(2) == "h\u00e9"
        before = (f.tell(), f.encoding, f.errors, f.newlines)
        f.rollover()
        assert (f.tell(), f.encoding, f.errors, f.newlines) == before
        assert f.read() == "\r\n"
        f.seek(0)
        assert f._file.buffer.read() == "h\u00e9\r\n".encode()


def test_truncate_rolls_over_only_past_max_size(ref):
    with ref.SpooledTemporaryFile(10) as f:
        f.write(b"0123456789")
        assert f.truncate(10) == 10 and not f._rolled
        assert f.truncate() == 10 and not f._rolled
        assert f.truncate(11) == 11 and f._rolled
        f.seek(0)
        assert f.read() == b"0123456789\0"


def test_unclosed_object_warns_and_closes(ref):
    f = ref.SpooledTemporaryFile()
    f.rollover()
    with pytest.warns(ResourceWarning, match="Unclosed file"):
        del f
        gc.collect()


def test_failed_construction_leaves_nothing_to_finalize(ref):
    reports = []
    saved_hook = sys.unraisablehook
    sys.unraisablehook = reports.append
    try:
        with pytest.raises(LookupError):
            ref.SpooledTemporaryFile(mode="w+", encoding="no-such-codec")
        gc.collect()
    finally:
        sys.unraisablehook = saved_hook
    assert reports == []


def test_closed_object_cannot_be_entered(ref):
    f = ref.SpooledTemporaryFile()
    f.close()
    with pytest.raises(ValueError):
        f.__enter__()


def test_binary_surface_delegates(ref):
    with ref.SpooledTemporaryFile() as f:
        f.write(b"line1\nline2\n")
        f.flush()
        assert (f.readable(), f.writable(), f.seekable(), f.isatty()) == (True, True, True, False)
        f.seek(0)
        assert f.read1(2) == b"li" and f.readline() == b"ne1\n"
        buffer = bytearray(2)
        assert f.readinto(buffer) == 2 and f.readinto1(buffer) == 2 and bytes(buffer) == b"ne"
        f.seek(0)
        assert f.readlines() == [b"line1\n", b"line2\n"]
        f.seek(0)
        assert list(f) == [b"line1\n", b"line2\n"]


def test_flavours_and_signature():
    with spooled.BinarySpooledTemporaryFile() as binary:
        assert isinstance(binary, io.BufferedIOBase)
    text = reference.SpooledTemporaryFile(mode="w")
    assert isinstance(text, io.TextIOBase) and isinstance(text, reference.SpooledTemporaryFile)
    text.close()
    params = list(inspect.signature(reference.SpooledTemporaryFile).parameters)
    assert params[:2] == ["max_size", "mode"] and params[-1] == "errors"
    assert reference.SpooledTemporaryFile[bytes].__origin__ is reference.SpooledTemporaryFile
