"""Mutant: TemporaryFile's O_TMPFILE path raises no audit event.

Must go red: audit.temporaryfile.event.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import files  # noqa: E402

BREAKS = (
    "audit.temporaryfile.event",
)

def _anonymous_opener(directory, prefix, suffix):
    flags = (files.BINARY_FLAGS | os.O_TMPFILE) & ~os.O_CREAT
    return lambda _where, _flags: os.open(directory, flags, files.FILE_MODE)


files._anonymous_opener = _anonymous_opener

_mutant.expose(__name__)
