"""Mutant: mkstemp returns (path, descriptor): the order is swapped.

Must go red: mkstemp.returns.fd-and-abspath.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402
from reference import creation  # noqa: E402

BREAKS = (
    "mkstemp.returns.fd-and-abspath",
)

_original = creation.mkstemp


def mkstemp(suffix=None, prefix=None, dir=None, text=False):
    fd, path = _original(suffix, prefix, dir, text)
    return path, fd


reference.mkstemp = mkstemp

_mutant.expose(__name__)
