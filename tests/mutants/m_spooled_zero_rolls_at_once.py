"""Mutant: max_size 0 means 'roll over at the first write'.

Must go red: spooled.max-size.zero-means-unbounded.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import spooled  # noqa: E402

BREAKS = (
    "spooled.max-size.zero-means-unbounded",
)

def _check_size(self):
    if not self._rolled and self._file.tell() > self._limit:
        self.rollover()


spooled.SpooledTemporaryFile._check_size = _check_size

_mutant.expose(__name__)
