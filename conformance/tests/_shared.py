"""Checks several tests make the same way, written once.

Asserts here are rewritten by pytest like the tests' own (the conftest
registers this module), so a failure says what was compared.
"""

from __future__ import annotations

import io
import os
from typing import Any, Iterator, List

import pytest

from conformance.tests._creators import created

TAKEN = "TAKEN"  # the random part every injected candidate gets


def names_drawn_until_exhausted(tf: Any, target: Any, api: str, tmp_max: int, *, dir: str,
                                prefix: str = "tmp") -> int:
    """With every candidate name taken and TMP_MAX at ``tmp_max``, ``api`` must raise FileExistsError.

    Plants ``prefix + TAKEN`` in ``dir`` (unless there already) and returns how
    many names the call drew before giving up.  The supply is finite, so a
    search that never gives up ends with StopIteration -- a failure, not a hang.
    """
    taken = os.path.join(dir, prefix + TAKEN)
    if not os.path.lexists(taken):
        open(taken, "w").close()
    drawn: List[str] = []

    def names() -> Iterator[str]:
        for _ in range(50):
            drawn.append(TAKEN)
            yield TAKEN

    saved = tf.TMP_MAX
    tf.TMP_MAX = tmp_max
    try:
        with target.inject_names(names()), pytest.raises(FileExistsError):
            with created(tf, api, prefix=prefix, dir=dir):
                pass
    finally:
        tf.TMP_MAX = saved
    return len(drawn)


def assert_binary_round_trip(handle: Any, data: bytes, *, mode_says_so: bool = True) -> None:
    """A file in binary mode refuses str and gives back exactly the bytes written.

    With ``mode_says_so``, its ``mode`` must also read as binary and updating ("b" and "+").
    """
    if mode_says_so:
        assert "b" in handle.mode and "+" in handle.mode, handle.mode
    with pytest.raises(TypeError):
        handle.write("text")
    handle.write(data)
    handle.seek(0)
    assert handle.read() == data


def on_disk(spooled: Any) -> bool:
    """Does a SpooledTemporaryFile's data live in a real file? (Asks ``_file`` directly, so no rollover.)"""
    try:
        spooled._file.fileno()
    except (io.UnsupportedOperation, OSError, AttributeError):
        return False
    return True
