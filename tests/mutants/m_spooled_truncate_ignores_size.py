"""Mutant: truncate(size) ignores size and truncates at the position.

Must go red: spooled.truncate.size.
"""


from reference import spooled

from . import _mutant

BREAKS = (
    "spooled.truncate.size",
)

def truncate(self, size=None):
    if size is not None and size > self._limit:
        self.rollover()
    return self._file.truncate()


spooled.SpooledTemporaryFile.truncate = truncate

_mutant.expose(__name__)
