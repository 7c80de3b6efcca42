"""Mutant: Leaving a with block does not close a TemporaryFile.

Must go red: temporaryfile.context.closes, examples.temporaryfile.context-manager.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402
from reference import files  # noqa: E402

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


reference.TemporaryFile = _mutant.rewrap(files.TemporaryFile, after=_NoCloseOnExit)

_mutant.expose(__name__)
