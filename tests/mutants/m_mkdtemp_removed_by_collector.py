"""Mutant: mkdtemp's directory is removed by the next garbage collection.

Must go red: mkdtemp.cleanup.caller-deletes.
"""

import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402
from reference import creation  # noqa: E402

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
