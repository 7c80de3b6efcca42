"""Mutant: truncate(size) ignores size and truncates at the position.

Must go red: spooled.truncate.size.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import spooled  # noqa: E402

BREAKS = (
    "spooled.truncate.size",
)

def truncate(self, size=None):
    if size is not None and size > self._limit:
        self.rollover()
    return self._file.truncate()


spooled.SpooledTemporaryFile.truncate = truncate

_mutant.expose(__name__)
