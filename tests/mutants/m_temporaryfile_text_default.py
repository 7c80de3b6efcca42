"""Mutant: TemporaryFile opens in text mode by default.

Must go red: temporaryfile.mode.default-binary.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402
from reference import files  # noqa: E402

BREAKS = (
    "temporaryfile.mode.default-binary",
)

reference.TemporaryFile = _mutant.rewrap(files.TemporaryFile, mode={"default": "w+"})

_mutant.expose(__name__)
