"""Mutant: mktemp's default prefix is 'tmp_' instead of 'tmp'.

Must go red: module.signature.mktemp, mktemp.args.defaults.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402
from reference import creation  # noqa: E402

BREAKS = (
    "module.signature.mktemp",
    "mktemp.args.defaults",
)

_original = creation.mktemp


def mktemp(suffix="", prefix="tmp_", dir=None):
    return _original(suffix, prefix, dir)


reference.mktemp = mktemp

_mutant.expose(__name__)
