"""Mutant: mkdtemp's new directory already holds a file.

Must go red: mkdtemp.returns.new-directory.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402
from reference import creation  # noqa: E402

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
