"""Mutant: Leaving a with block does not close a SpooledTemporaryFile.

Must go red: spooled.context.closes.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import spooled  # noqa: E402

BREAKS = (
    "spooled.context.closes",
)

spooled.SpooledTemporaryFile.__exit__ = lambda self, *exc_info: None

_mutant.expose(__name__)
