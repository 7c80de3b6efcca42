"""Mutant: SpooledTemporaryFile is only an io.IOBase, not the BufferedIOBase/TextIOBase of its mode.

Must go red: spooled.io.abc-instance.
"""

import io

from reference import spooled

from . import _mutant

BREAKS = (
    "spooled.io.abc-instance",
)

spooled.SpooledTemporaryFile.__new__ = lambda cls, *args, **kwargs: io.IOBase.__new__(cls)

_mutant.expose(__name__)
