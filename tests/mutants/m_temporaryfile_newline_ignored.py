"""Mutant: TemporaryFile ignores its newline argument.

Must go red: temporaryfile.params.open-like.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402
from reference import files  # noqa: E402

BREAKS = (
    "temporaryfile.params.open-like",
)

def _drop_newline(arguments):
    arguments["newline"] = None


reference.TemporaryFile = _mutant.rewrap(files.TemporaryFile, before=_drop_newline)

_mutant.expose(__name__)
