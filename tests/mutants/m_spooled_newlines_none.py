"""Mutant: A text SpooledTemporaryFile always reports newlines as None.

Must go red: spooled.text.attributes.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import spooled  # noqa: E402

BREAKS = (
    "spooled.text.attributes",
)

spooled.SpooledTemporaryFile.newlines = property(lambda self: None)

_mutant.expose(__name__)
