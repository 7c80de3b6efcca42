"""Mutant: mkdtemp takes prefix before suffix.

Must go red: module.signature.mkdtemp.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402
from reference import creation  # noqa: E402

BREAKS = (
    "module.signature.mkdtemp",
)

_original = creation.mkdtemp


def mkdtemp(prefix=None, suffix=None, dir=None):
    return _original(suffix, prefix, dir)


reference.mkdtemp = mkdtemp

_mutant.expose(__name__)
