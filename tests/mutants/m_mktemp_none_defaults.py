"""Mutant: mktemp treats None prefix and suffix as the defaults.

Must go red: mktemp.args.no-none.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402
from reference import creation  # noqa: E402

BREAKS = (
    "mktemp.args.no-none",
)

_original = creation.mktemp


def mktemp(suffix="", prefix="tmp", dir=None):
    return _original("" if suffix is None else suffix, "tmp" if prefix is None else prefix, dir)


reference.mktemp = mktemp

_mutant.expose(__name__)
