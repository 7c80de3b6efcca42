"""Mutant: Binary SpooledTemporaryFile lacks readinto.

Must go red: spooled.io.binary-surface.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import spooled  # noqa: E402

BREAKS = (
    "spooled.io.binary-surface",
)

def readinto(self, buffer):
    raise AttributeError("readinto")


spooled.SpooledTemporaryFile.readinto = readinto

_mutant.expose(__name__)
