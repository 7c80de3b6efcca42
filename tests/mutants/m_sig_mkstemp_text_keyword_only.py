"""Mutant: mkstemp takes text only as a keyword.

Must go red: module.signature.mkstemp.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402
from reference import creation  # noqa: E402

BREAKS = (
    "module.signature.mkstemp",
)

_original = creation.mkstemp


def mkstemp(suffix=None, prefix=None, dir=None, *, text=False):
    return _original(suffix, prefix, dir, text)


reference.mkstemp = mkstemp

_mutant.expose(__name__)
