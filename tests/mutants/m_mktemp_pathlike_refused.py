"""Mutant: mktemp refuses a path-like dir.

Must go red: mktemp.args.pathlike-dir.
"""

import os

import reference
from reference import creation

from . import _mutant

BREAKS = (
    "mktemp.args.pathlike-dir",
)

_original = creation.mktemp


def mktemp(suffix="", prefix="tmp", dir=None):
    if isinstance(dir, os.PathLike):
        raise TypeError("dir must be a str")
    return _original(suffix, prefix, dir)


reference.mktemp = mktemp

_mutant.expose(__name__)
