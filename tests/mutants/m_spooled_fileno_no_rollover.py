"""Mutant: fileno() does not roll over: it fails in memory.

Must go red: spooled.rollover.fileno.
"""


from reference import spooled

from . import _mutant

BREAKS = (
    "spooled.rollover.fileno",
)

def fileno(self):
    return self._file.fileno()


spooled.SpooledTemporaryFile.fileno = fileno

_mutant.expose(__name__)
