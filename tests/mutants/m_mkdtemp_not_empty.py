"""Mutant: mkdtemp's new directory already holds a file.

Must go red: mkdtemp.returns.new-directory.
"""

import os

import reference
from reference import creation

from . import _mutant

BREAKS = (
    "mkdtemp.returns.new-directory",
)

_original = creation.mkdtemp


def mkdtemp(suffix=None, prefix=None, dir=None):
    path = _original(suffix, prefix, dir)
    open(os.path.join(path, b"x" if isinstance(path, bytes) else "x"), "w").close()
    return path


reference.mkdtemp = mkdtemp

_mutant.expose(__name__)
