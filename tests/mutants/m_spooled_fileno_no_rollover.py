"""Mutant: fileno() does not roll over: it fails in memory.

Must go red: spooled.rollover.fileno.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import spooled  # noqa: E402

BREAKS = (
    "spooled.rollover.fileno",
)

def fileno(self):
    return self._file.fileno()


spooled.SpooledTemporaryFile.fileno = fileno

_mutant.expose(__name__)
