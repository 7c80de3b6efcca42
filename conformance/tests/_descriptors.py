"""Which file a descriptor leads to, seen through the same ``os`` the tests use.

These live beside the tests, not in the harness's support module, on purpose:
a target on a fake file system (pyfakefs) patches the tests' ``os`` so that
``fstat`` sees its files, while the harness's own modules keep the real one.
"""

from __future__ import annotations

import os
from typing import Tuple

from conformance import support


def identity(fd: int) -> Tuple[int, int]:
    """The (device, inode) pair behind a descriptor."""
    st = os.fstat(fd)
    return st.st_dev, st.st_ino


def held_open(ident: Tuple[int, int]) -> bool:
    """Does any descriptor of this process still lead to the file ``ident`` names?"""
    for fd in support.open_fds():
        try:
            if identity(fd) == ident:
                return True
        except OSError:
            continue
    return False
