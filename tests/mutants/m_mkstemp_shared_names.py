"""Mutant: mkstemp names come from a per-process counter and O_EXCL is dropped: processes share files.

Must go red: load.mkstemp.unique.
"""

import itertools
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import creation, names  # noqa: E402

BREAKS = (
    "load.mkstemp.unique",
)

_counter = itertools.count()
creation.BINARY_FLAGS &= ~os.O_EXCL
creation.TEXT_FLAGS &= ~os.O_EXCL


def random_part():
    return f"{next(_counter):08d}"


names.random_part = random_part

_mutant.expose(__name__)
