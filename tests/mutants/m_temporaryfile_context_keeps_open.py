"""Mutant: Leaving a with block does not close a TemporaryFile.

Must go red: temporaryfile.context.closes, examples.temporaryfile.context-manager.
"""


import reference
from reference import temporaryfile

from . import _mutant

BREAKS = (
    "temporaryfile.context.closes",
    "examples.temporaryfile.context-manager",
)

class _NoCloseOnExit:
    def __init__(self, stream):
        self.__dict__["stream"] = stream

    def __getattr__(self, name):
        return getattr(self.__dict__["stream"], name)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        return None


reference.TemporaryFile = _mutant.rewrap(temporaryfile.TemporaryFile, after=_NoCloseOnExit)

_mutant.expose(__name__)
