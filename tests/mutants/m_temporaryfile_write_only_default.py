"""Mutant: TemporaryFile's default mode is 'wb': the file cannot be read back.

Must go red: temporaryfile.mode.default-binary, examples.temporaryfile.write-seek-read.
"""


import reference
from reference import temporaryfile

from . import _mutant

BREAKS = (
    "temporaryfile.mode.default-binary",
    "examples.temporaryfile.write-seek-read",
)

reference.TemporaryFile = _mutant.rewrap(temporaryfile.TemporaryFile, mode={"default": "wb"})

_mutant.expose(__name__)
