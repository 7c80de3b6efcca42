"""Mutant: mktemp accepts bytes arguments and returns a bytes name.

Must go red: mktemp.args.no-bytes.
"""

import os

import reference
from reference import creation

from . import _mutant

BREAKS = (
    "mktemp.args.no-bytes",
)

_original = creation.mktemp


def mktemp(suffix="", prefix="tmp", dir=None):
    parts = (suffix, prefix, dir)
    if any(isinstance(p, bytes) for p in parts):
        return os.fsencode(_original(*(None if p is None else os.fsdecode(p) for p in parts)))
    return _original(suffix, prefix, dir)


reference.mktemp = mktemp

_mutant.expose(__name__)
