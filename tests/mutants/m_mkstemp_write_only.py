"""Mutant: mkstemp's descriptor is opened write-only.

Must go red: mkstemp.fd.read-write-at-start.
"""

import os

from reference import creation

from . import _mutant

BREAKS = (
    "mkstemp.fd.read-write-at-start",
)

creation.BINARY_FLAGS = (creation.BINARY_FLAGS & ~os.O_RDWR) | os.O_WRONLY
creation.TEXT_FLAGS = (creation.TEXT_FLAGS & ~os.O_RDWR) | os.O_WRONLY

_mutant.expose(__name__)
