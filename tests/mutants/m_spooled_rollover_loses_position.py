"""Mutant: Rollover resets the position to the start.

Must go red: spooled.rollover.preserves-content-and-position.
"""


from reference import spooled

from . import _mutant

BREAKS = (
    "spooled.rollover.preserves-content-and-position",
)

_original = spooled.SpooledTemporaryFile._copy_to


def _copy_to(self, disk):
    _original(self, disk)
    disk.seek(0, 0)


spooled.SpooledTemporaryFile._copy_to = _copy_to

_mutant.expose(__name__)
