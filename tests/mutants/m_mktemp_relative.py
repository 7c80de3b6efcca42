"""Mutant: mktemp returns a path relative to the working directory.

Must go red: mktemp.returns.absolute-default-dir, mktemp.returns.absolute-relative-dir.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402
from reference import creation  # noqa: E402

BREAKS = (
    "mktemp.returns.absolute-default-dir",
    "mktemp.returns.absolute-relative-dir",
)

_original = creation.mktemp


def mktemp(suffix="", prefix="tmp", dir=None):
    return os.path.relpath(_original(suffix, prefix, dir))


reference.mktemp = mktemp

_mutant.expose(__name__)
