"""Which file a descriptor leads to, seen through the same ``os`` the tests use.

These live beside the tests, not in :mod:`conformance.harness`, on purpose:
a target on a fake file system (pyfakefs) patches the tests' ``os`` so that
``fstat`` sees its files, while the harness's own modules keep the real one.
"""

from __future__ import annotations

import os
from typing import Tuple

from conformance.harness.descriptors import kernel_identity, open_fds


def identity(fd: int) -> Tuple[int, int]:
    """The (device, inode) pair behind a descriptor."""
    st = os.fstat(fd)
    return st.st_dev, st.st_ino


def held_open(ident: Tuple[int, int]) -> bool:
    """Does any descriptor of this process still lead to the file ``ident`` names?"""
    for fd in open_fds():
        try:
            if identity(fd) == ident:
                return True
        except OSError:
            continue
    return False


def is_kernel_descriptor(fd: int) -> bool:
    """Is ``fd`` a descriptor the kernel holds for the file the tests' ``os`` sees behind it?

    A fake file system's descriptor numbers are its own: the kernel has nothing
    under such a number, or something else entirely.
    """
    try:
        seen = identity(fd)
    except OSError:
        return False
    return kernel_identity(fd) == seen
