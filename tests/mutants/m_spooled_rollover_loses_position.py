"""Mutant: Rollover resets the position to the start.

Must go red: spooled.rollover.preserves-content-and-position.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import spooled  # noqa: E402

BREAKS = (
    "spooled.rollover.preserves-content-and-position",
)

_original = spooled.SpooledTemporaryFile._copy_to


def _copy_to(self, disk):
    _original(self, disk)
    disk.seek(0, 0)


spooled.SpooledTemporaryFile._copy_to = _copy_to

_mutant.expose(__name__)
