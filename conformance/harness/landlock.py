"""Denying this process the removal of files, with Linux Landlock: a refusal no chmod can repair.

An owner may always change the mode of their own file and directory, so on
Linux an unlink that still fails after such a repair takes a security module
or a sandbox.  Landlock (Linux 5.13 and later) is the one a process can apply
to itself without privileges.  The restriction lasts until the process ends
and cannot be lifted, so only a child that exits after its check applies it.

The calls go through libc's ``syscall()``: Python has no binding for them.
System calls added since Linux 5.1 have one number on every architecture
(Alpha excepted), so these numbers hold on x86-64, arm64 and the rest.
"""

from __future__ import annotations

import ctypes
import os
import struct
import sys

_CREATE_RULESET, _RESTRICT_SELF = 444, 446
_ASK_VERSION = 1  # LANDLOCK_CREATE_RULESET_VERSION: return the kernel's ABI version, create nothing
_REMOVE_FILE = 1 << 5  # LANDLOCK_ACCESS_FS_REMOVE_FILE: unlink of anything but a directory
_SET_NO_NEW_PRIVS = 38  # prctl option, required before an unprivileged process restricts itself


def _syscall(number: int, *args: object) -> int:
    libc = ctypes.CDLL(None, use_errno=True)
    result = libc.syscall(ctypes.c_long(number), *args)
    if result < 0:
        error = ctypes.get_errno()
        raise OSError(error, os.strerror(error))
    return int(result)


def available() -> bool:
    """Does this kernel offer Landlock to this process?"""
    if not sys.platform.startswith("linux"):
        return False
    try:
        return _syscall(_CREATE_RULESET, None, ctypes.c_size_t(0), ctypes.c_uint32(_ASK_VERSION)) >= 1
    except (OSError, AttributeError):  # ENOSYS, EOPNOTSUPP (disabled at boot); no syscall() in libc
        return False


def forbid_file_removal() -> None:
    """From now on this process may remove no file anywhere (directories it still may).

    A refused unlink fails with EACCES, i.e. PermissionError.  Raises OSError
    when the kernel refuses to apply the restriction.
    """
    # struct landlock_ruleset_attr holds one 64-bit mask of the rights the ruleset handles;
    # a right handled and granted by no rule is denied everywhere.
    attributes = ctypes.create_string_buffer(struct.pack("=Q", _REMOVE_FILE))
    ruleset = _syscall(_CREATE_RULESET, attributes, ctypes.c_size_t(8), ctypes.c_uint32(0))
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_SET_NO_NEW_PRIVS, ctypes.c_ulong(1), ctypes.c_ulong(0), ctypes.c_ulong(0),
                      ctypes.c_ulong(0)) != 0:
            error = ctypes.get_errno()
            raise OSError(error, os.strerror(error))
        _syscall(_RESTRICT_SELF, ctypes.c_int(ruleset), ctypes.c_uint32(0))
    finally:
        os.close(ruleset)
