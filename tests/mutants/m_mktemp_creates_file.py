"""Mutant: mktemp creates the file whose name it returns.

Must go red: mktemp.returns.free-name.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402
from reference import creation  # noqa: E402

BREAKS = (
    "mktemp.returns.free-name",
)

_original = creation.mktemp


def mktemp(suffix="", prefix="tmp", dir=None):
    path = _original(suffix, prefix, dir)
    open(path, "x").close()
    return path


reference.mktemp = mktemp

_mutant.expose(__name__)
