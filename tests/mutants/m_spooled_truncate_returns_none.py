"""Mutant: truncate() returns None.

Must go red: spooled.truncate.returns-size.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import spooled  # noqa: E402

BREAKS = (
    "spooled.truncate.returns-size",
)

_original = spooled.SpooledTemporaryFile.truncate


def truncate(self, size=None):
    _original(self, size)


spooled.SpooledTemporaryFile.truncate = truncate

_mutant.expose(__name__)
