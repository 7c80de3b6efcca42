"""Mutant: max_size 0 means 'roll over at the first write'.

Must go red: spooled.max-size.zero-means-unbounded.
"""


from reference import spooled

from . import _mutant

BREAKS = (
    "spooled.max-size.zero-means-unbounded",
)

def _check_size(self):
    if not self._rolled and self._file.tell() > self._limit:
        self.rollover()


spooled.SpooledTemporaryFile._check_size = _check_size

_mutant.expose(__name__)
