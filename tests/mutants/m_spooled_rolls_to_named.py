"""Mutant: Rollover moves the data to a NamedTemporaryFile with a visible name.

Must go red: spooled.file.on-disk-type, spooled.rollover.like-temporaryfile.
"""


from reference import named, spooled

from . import _mutant

BREAKS = (
    "spooled.file.on-disk-type",
    "spooled.rollover.like-temporaryfile",
)

def rollover(self):
    if self._rolled:
        return
    disk = named.NamedTemporaryFile(**self._pending)
    self._copy_to(disk)
    self._file, self._pending, self._rolled = disk, None, True


spooled.SpooledTemporaryFile.rollover = rollover

_mutant.expose(__name__)
