"""Mutant: mktemp refuses a path-like dir.

Must go red: mktemp.args.pathlike-dir.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402
from reference import creation  # noqa: E402

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
