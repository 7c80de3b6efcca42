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


def is_fake_descriptor(fd: int) -> bool:
    """Does the tests' ``os`` see a file behind ``fd`` that the kernel does not hold there?

    A fake file system's descriptor numbers are its own: the kernel has nothing
    under such a number, or something else entirely.  A number no one sees a file
    behind is not fake, just not open: the test judges that as usual.
    """
    try:
        seen = identity(fd)
    except OSError:
        return False
    return kernel_identity(fd) != seen
