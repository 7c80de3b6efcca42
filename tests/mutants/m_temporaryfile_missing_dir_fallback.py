"""Mutant: TemporaryFile falls back to the default directory when dir is missing.

Must go red: temporaryfile.create.missing-dir.
"""

import os

import reference
from reference import temporaryfile

from . import _mutant

BREAKS = (
    "temporaryfile.create.missing-dir",
)

def _default_if_missing(arguments):
    if arguments["dir"] is not None and not os.path.isdir(arguments["dir"]):
        arguments["dir"] = None


reference.TemporaryFile = _mutant.rewrap(temporaryfile.TemporaryFile, before=_default_if_missing)

_mutant.expose(__name__)
