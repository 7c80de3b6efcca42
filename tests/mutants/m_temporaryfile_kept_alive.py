"""Mutant: TemporaryFile keeps a duplicate descriptor, so close does not destroy the file.

Must go red: temporaryfile.close.destroys, temporaryfile.gc.destroys.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402
from reference import files  # noqa: E402

BREAKS = (
    "temporaryfile.close.destroys",
    "temporaryfile.gc.destroys",
)

_kept = []


def _keep_duplicate(stream):
    _kept.append(os.dup(stream.fileno()))
    return stream


reference.TemporaryFile = _mutant.rewrap(files.TemporaryFile, after=_keep_duplicate)

_mutant.expose(__name__)
