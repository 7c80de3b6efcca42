"""Mutant: TemporaryFile keeps a duplicate descriptor, so close does not destroy the file.

Must go red: temporaryfile.close.destroys, temporaryfile.gc.destroys.
"""

import os

import reference
from reference import temporaryfile

from . import _mutant

BREAKS = (
    "temporaryfile.close.destroys",
    "temporaryfile.gc.destroys",
)

_kept = []


def _keep_duplicate(stream):
    _kept.append(os.dup(stream.fileno()))
    return stream


reference.TemporaryFile = _mutant.rewrap(temporaryfile.TemporaryFile, after=_keep_duplicate)

_mutant.expose(__name__)
