"""Mutant: TemporaryFile ignores dir and always uses the default directory.

Must go red: naming.dir.temporaryfile-location, temporaryfile.create.in-dir, spooled.rollover.uses-
dir.
"""


import reference
from reference import temporaryfile

from . import _mutant

BREAKS = (
    "naming.dir.temporaryfile-location",
    "temporaryfile.create.in-dir",
    "spooled.rollover.uses-dir",
)

def _drop_dir(arguments):
    arguments["dir"] = None


reference.TemporaryFile = _mutant.rewrap(temporaryfile.TemporaryFile, before=_drop_dir)

_mutant.expose(__name__)
