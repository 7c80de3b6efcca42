"""Mutant: writelines never checks max_size.

Must go red: spooled.memory.writelines-counts.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import spooled  # noqa: E402

BREAKS = (
    "spooled.memory.writelines-counts",
)

def writelines(self, lines):
    self._file.writelines(lines)


spooled.SpooledTemporaryFile.writelines = writelines

_mutant.expose(__name__)
