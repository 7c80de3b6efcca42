"""Mutant: TemporaryFile's O_TMPFILE path raises no audit event.

Must go red: audit.temporaryfile.event.
"""

import os

from reference import temporaryfile

from . import _mutant

BREAKS = (
    "audit.temporaryfile.event",
)

def _anonymous_opener(directory, prefix, suffix):
    flags = (temporaryfile.BINARY_FLAGS | os.O_TMPFILE) & ~os.O_CREAT
    return lambda _where, _flags: os.open(directory, flags, temporaryfile.FILE_MODE)


temporaryfile._anonymous_opener = _anonymous_opener

_mutant.expose(__name__)
