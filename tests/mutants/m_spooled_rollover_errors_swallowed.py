"""Mutant: A failing rollover is silent: the data stays in memory, no error.

Must go red: faults.fsize.error-surfaces.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import spooled  # noqa: E402

BREAKS = (
    "faults.fsize.error-surfaces",
)

_original = spooled.SpooledTemporaryFile.rollover


def rollover(self):
    try:
        _original(self)
    except OSError:
        pass


spooled.SpooledTemporaryFile.rollover = rollover

_mutant.expose(__name__)
