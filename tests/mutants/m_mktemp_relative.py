"""Mutant: mktemp returns a path relative to the working directory.

Must go red: mktemp.returns.absolute-default-dir, mktemp.returns.absolute-relative-dir.
"""

import os

import reference
from reference import creation

from . import _mutant

BREAKS = (
    "mktemp.returns.absolute-default-dir",
    "mktemp.returns.absolute-relative-dir",
)

_original = creation.mktemp


def mktemp(suffix="", prefix="tmp", dir=None):
    return os.path.relpath(_original(suffix, prefix, dir))


reference.mktemp = mktemp

_mutant.expose(__name__)
