"""Mutant: TemporaryFile ignores dir and always uses the default directory.

Must go red: naming.dir.temporaryfile-location, temporaryfile.create.in-dir, spooled.rollover.uses-
dir.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402
from reference import files  # noqa: E402

BREAKS = (
    "naming.dir.temporaryfile-location",
    "temporaryfile.create.in-dir",
    "spooled.rollover.uses-dir",
)

def _drop_dir(arguments):
    arguments["dir"] = None


reference.TemporaryFile = _mutant.rewrap(files.TemporaryFile, before=_drop_dir)

_mutant.expose(__name__)
