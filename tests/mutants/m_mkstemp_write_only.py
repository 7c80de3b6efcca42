"""Mutant: mkstemp's descriptor is opened write-only.

Must go red: mkstemp.fd.read-write-at-start.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import creation  # noqa: E402

BREAKS = (
    "mkstemp.fd.read-write-at-start",
)

creation.BINARY_FLAGS = (creation.BINARY_FLAGS & ~os.O_RDWR) | os.O_WRONLY
creation.TEXT_FLAGS = (creation.TEXT_FLAGS & ~os.O_RDWR) | os.O_WRONLY

_mutant.expose(__name__)
