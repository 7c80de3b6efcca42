"""Mutant: mkdtemp's directory is removed by the next garbage collection.

Must go red: mkdtemp.cleanup.caller-deletes.
"""

import shutil

import reference
from reference import creation

from . import _mutant

BREAKS = (
    "mkdtemp.cleanup.caller-deletes",
)

_original = creation.mkdtemp


class _Reaper:
    """Garbage from birth (it refers to itself): the collector runs __del__ on its next pass."""

    def __init__(self, path):
        self.path, self.me = path, self

    def __del__(self):
        shutil.rmtree(self.path, ignore_errors=True)


def mkdtemp(suffix=None, prefix=None, dir=None):
    path = _original(suffix, prefix, dir)
    _Reaper(path)
    return path


reference.mkdtemp = mkdtemp

_mutant.expose(__name__)
