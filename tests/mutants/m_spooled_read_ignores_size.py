"""Mutant: SpooledTemporaryFile's read ignores its size argument.

Must go red: spooled.io.text-surface.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import spooled  # noqa: E402

BREAKS = (
    "spooled.io.text-surface",
)

def read(self, *args):
    return self._file.read()


spooled.SpooledTemporaryFile.read = read

_mutant.expose(__name__)
