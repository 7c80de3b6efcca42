"""Security: the flags of the creating open, and the modes files and directories get under any umask."""

from __future__ import annotations

import os
import stat
from typing import Dict, List, Tuple

import pytest

from conformance.expect import expect_modes
from conformance.tests._security_helpers import CREATORS

# ---------------------------------------------------------------------------
# Flags of the open that creates the entry
# ---------------------------------------------------------------------------


def _creating_opens(audit) -> List[int]:
    """Flags of every os-level open (mode None) that can create an entry."""
    creating = os.O_CREAT | getattr(os, "O_TMPFILE", 0)
    return [args[2] for args in audit.named("open")
            if len(args) >= 3 and args[1] is None and isinstance(args[2], int) and args[2] & creating]


FILE_APIS = ("mkstemp", "NamedTemporaryFile", "TemporaryFile")


def _flags_of_creating_opens(tf, scratch: str, audit, api: str) -> Tuple[List[int], int]:
    """Create with ``api``; the flags its creating opens used, and this host's O_TMPFILE (0 if none)."""
    _path, close = CREATORS[api](tf, scratch, "x-")
    close()
    flags = _creating_opens(audit)
    if not flags:
        pytest.skip("missing capability: the target raises no 'open' audit event when it creates")
    return flags, getattr(os, "O_TMPFILE", 0)


@pytest.mark.clause("security.open.exclusive-create")
@pytest.mark.parametrize("api", FILE_APIS)
def test_creating_open_is_exclusive(tf, scratch, audit, api):
    flags, tmpfile = _flags_of_creating_opens(tf, scratch, audit, api)
    for value in flags:
        assert value & os.O_EXCL, f"creating open without O_EXCL: flags={value:#o}"
        assert value & os.O_CREAT or (tmpfile and value & tmpfile == tmpfile), f"flags={value:#o}"


@pytest.mark.clause("security.open.exclusive-create-named")
@pytest.mark.parametrize("api", FILE_APIS)
def test_naming_open_is_exclusive(tf, scratch, audit, api):
    flags, tmpfile = _flags_of_creating_opens(tf, scratch, audit, api)
    for value in flags:
        if tmpfile and value & tmpfile == tmpfile:
            # No name is made, so nothing to make exclusive; O_EXCL would forbid linkat().
            assert not value & (os.O_CREAT | os.O_EXCL), f"O_TMPFILE open: flags={value:#o}"
        else:
            assert value & os.O_CREAT and value & os.O_EXCL, f"naming open: flags={value:#o}"


@pytest.mark.clause("security.open.nofollow")
@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="not applicable: no O_NOFOLLOW here")
@pytest.mark.parametrize("api", ("mkstemp", "NamedTemporaryFile"))
def test_creating_open_has_nofollow(tf, scratch, audit, api):
    path, close = CREATORS[api](tf, scratch, "x-")
    close()
    flags = [f for f in _creating_opens(audit) if f & os.O_CREAT]
    if not flags:
        pytest.skip("missing capability: the target raises no 'open' audit event when it creates")
    assert all(f & os.O_NOFOLLOW for f in flags), [oct(f) for f in flags]


# ---------------------------------------------------------------------------
# Permissions under any umask
# ---------------------------------------------------------------------------


def _file_modes(tf, scratch: str) -> Dict[str, int]:
    """Mode of the file behind every file-creating API."""
    modes: Dict[str, int] = {}
    fd, path = tf.mkstemp(dir=scratch)
    modes["mkstemp"] = stat.S_IMODE(os.fstat(fd).st_mode)
    os.close(fd)
    with tf.NamedTemporaryFile(dir=scratch) as handle:
        modes["NamedTemporaryFile"] = stat.S_IMODE(os.stat(handle.name).st_mode)
    with tf.TemporaryFile(dir=scratch) as handle:
        modes["TemporaryFile"] = stat.S_IMODE(os.fstat(handle.fileno()).st_mode)
    with tf.SpooledTemporaryFile(max_size=4, dir=scratch) as handle:
        handle.write(b"more than four bytes")
        modes["SpooledTemporaryFile"] = stat.S_IMODE(os.fstat(handle.fileno()).st_mode)
    return modes


@pytest.mark.clause("security.mode.files-owner-only")
@pytest.mark.parametrize("umask", [0, 0o022, 0o077])
def test_file_modes_under_umask(tf, scratch, umask):
    os.umask(umask)
    modes = _file_modes(tf, scratch)
    expect_modes(modes, 0o600 & ~umask, umask=umask)


@pytest.mark.clause("security.mode.dirs-owner-only")
@pytest.mark.parametrize("umask", [0, 0o022, 0o077])
def test_dir_modes_under_umask(tf, scratch, umask):
    os.umask(umask)
    made = tf.mkdtemp(dir=scratch)
    with tf.TemporaryDirectory(dir=scratch) as held:
        modes = {"mkdtemp": stat.S_IMODE(os.stat(made).st_mode),
                 "TemporaryDirectory": stat.S_IMODE(os.stat(held).st_mode)}
    expect_modes(modes, 0o700 & ~umask, umask=umask)
