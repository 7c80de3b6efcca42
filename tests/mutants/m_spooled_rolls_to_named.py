"""Mutant: Rollover moves the data to a NamedTemporaryFile with a visible name.

Must go red: spooled.file.on-disk-type, spooled.rollover.like-temporaryfile.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import files, spooled  # noqa: E402

BREAKS = (
    "spooled.file.on-disk-type",
    "spooled.rollover.like-temporaryfile",
)

def rollover(self):
    if self._rolled:
        return
    disk = files.NamedTemporaryFile(**self._pending)
    self._copy_to(disk)
    self._file, self._pending, self._rolled = disk, None, True


spooled.SpooledTemporaryFile.rollover = rollover

_mutant.expose(__name__)
