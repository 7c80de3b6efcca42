"""Mutant: SpooledTemporaryFile is only an io.IOBase, not the BufferedIOBase/TextIOBase of its mode.

Must go red: spooled.io.abc-instance.
"""

import io
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import spooled  # noqa: E402

BREAKS = (
    "spooled.io.abc-instance",
)

spooled.SpooledTemporaryFile.__new__ = lambda cls, *args, **kwargs: io.IOBase.__new__(cls)

_mutant.expose(__name__)
