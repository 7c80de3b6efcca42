"""Mutant: A rollover whose copy fails leaves the half-written disk file open.

Must go red: faults.fsize.nothing-left.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402
from reference import spooled  # noqa: E402

BREAKS = (
    "faults.fsize.nothing-left",
)

_abandoned = []


def rollover(self):
    if self._rolled:
        return
    disk = reference.TemporaryFile(**self._pending)
    # Held here as a slow finaliser (PyPy, a reference cycle) would hold it.
    _abandoned.append(disk)
    self._copy_to(disk)
    self._file, self._pending, self._rolled = disk, None, True


spooled.SpooledTemporaryFile.rollover = rollover

_mutant.expose(__name__)
