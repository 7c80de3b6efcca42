"""Mutant: mktemp accepts bytes arguments and returns a bytes name.

Must go red: mktemp.args.no-bytes.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402
from reference import creation  # noqa: E402

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
