"""Mutant: writelines never checks max_size.

Must go red: spooled.memory.writelines-counts.
"""


from reference import spooled

from . import _mutant

BREAKS = (
    "spooled.memory.writelines-counts",
)

def writelines(self, lines):
    self._file.writelines(lines)


spooled.SpooledTemporaryFile.writelines = writelines

_mutant.expose(__name__)
