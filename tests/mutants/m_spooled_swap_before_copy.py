"""Mutant: Rollover installs the disk file before copying, so a failed copy loses data.

Must go red: faults.emfile.spooled-data-kept.
"""


from reference import spooled

from . import _mutant

BREAKS = (
    "faults.emfile.spooled-data-kept",
)

_original = spooled.SpooledTemporaryFile.rollover


def rollover(self):
    try:
        _original(self)
    except BaseException:
        # The reference leaves the data in memory untouched; this variant drops it.
        self._file.seek(0)
        self._file.truncate()
        raise


spooled.SpooledTemporaryFile.rollover = rollover

_mutant.expose(__name__)
