"""Mutant: SpooledTemporaryFile's read ignores its size argument.

Must go red: spooled.io.text-surface.
"""


from reference import spooled

from . import _mutant

BREAKS = (
    "spooled.io.text-surface",
)

def read(self, *args):
    return self._file.read()


spooled.SpooledTemporaryFile.read = read

_mutant.expose(__name__)
