"""Mutant: TemporaryFile ignores its newline argument.

Must go red: temporaryfile.params.open-like.
"""


import reference
from reference import temporaryfile

from . import _mutant

BREAKS = (
    "temporaryfile.params.open-like",
)

def _drop_newline(arguments):
    arguments["newline"] = None


reference.TemporaryFile = _mutant.rewrap(temporaryfile.TemporaryFile, before=_drop_newline)

_mutant.expose(__name__)
