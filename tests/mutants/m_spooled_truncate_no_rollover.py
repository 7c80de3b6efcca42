"""Mutant: truncate() past max_size keeps the data in memory.

Must go red: spooled.truncate.beyond-max-size.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import spooled  # noqa: E402

BREAKS = (
    "spooled.truncate.beyond-max-size",
)

def truncate(self, size=None):
    return self._file.truncate(size)


spooled.SpooledTemporaryFile.truncate = truncate

_mutant.expose(__name__)
