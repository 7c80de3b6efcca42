"""Mutant: TemporaryFile's default mode is 'wb': the file cannot be read back.

Must go red: temporaryfile.mode.default-binary, examples.temporaryfile.write-seek-read.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402
from reference import files  # noqa: E402

BREAKS = (
    "temporaryfile.mode.default-binary",
    "examples.temporaryfile.write-seek-read",
)

reference.TemporaryFile = _mutant.rewrap(files.TemporaryFile, mode={"default": "wb"})

_mutant.expose(__name__)
