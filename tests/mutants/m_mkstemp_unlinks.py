"""Mutant: mkstemp removes the file's name before returning.

Must go red: mkstemp.cleanup.caller-deletes.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402
from reference import creation  # noqa: E402

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
