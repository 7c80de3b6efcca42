"""Mutant: A rollover whose copy fails leaves the half-written disk file open.

Must go red: faults.fsize.nothing-left.
"""


import reference
from reference import spooled

from . import _mutant

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
