"""Mutant: Rollover happens at max_size, not only above it.

Must go red: spooled.memory.until-exceeds.
"""


from reference import spooled

from . import _mutant

BREAKS = (
    "spooled.memory.until-exceeds",
)

def _check_size(self):
    if not self._rolled and self._limit and self._file.tell() >= self._limit:
        self.rollover()


spooled.SpooledTemporaryFile._check_size = _check_size

_mutant.expose(__name__)
