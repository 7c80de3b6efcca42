"""Mutant: TemporaryFile falls back to the default directory when dir is missing.

Must go red: temporaryfile.create.missing-dir.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402
from reference import files  # noqa: E402

BREAKS = (
    "temporaryfile.create.missing-dir",
)

def _default_if_missing(arguments):
    if arguments["dir"] is not None and not os.path.isdir(arguments["dir"]):
        arguments["dir"] = None


reference.TemporaryFile = _mutant.rewrap(files.TemporaryFile, before=_default_if_missing)

_mutant.expose(__name__)
