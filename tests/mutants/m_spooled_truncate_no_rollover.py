"""Mutant: truncate() past max_size keeps the data in memory.

Must go red: spooled.truncate.beyond-max-size.
"""


from reference import spooled

from . import _mutant

BREAKS = (
    "spooled.truncate.beyond-max-size",
)

def truncate(self, size=None):
    return self._file.truncate(size)


spooled.SpooledTemporaryFile.truncate = truncate

_mutant.expose(__name__)
