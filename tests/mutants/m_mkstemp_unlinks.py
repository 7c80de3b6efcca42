"""Mutant: mkstemp removes the file's name before returning.

Must go red: mkstemp.cleanup.caller-deletes.
"""

import os

import reference
from reference import creation

from . import _mutant

BREAKS = (
    "mkstemp.cleanup.caller-deletes",
)

_original = creation.mkstemp


def mkstemp(suffix=None, prefix=None, dir=None, text=False):
    fd, path = _original(suffix, prefix, dir, text)
    os.unlink(path)
    return fd, path


reference.mkstemp = mkstemp

_mutant.expose(__name__)
