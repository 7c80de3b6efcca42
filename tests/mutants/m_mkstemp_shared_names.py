"""Mutant: mkstemp names come from a per-process counter and O_EXCL is dropped: processes share files.

Must go red: load.mkstemp.unique.
"""

import itertools
import os

from reference import creation, names

from . import _mutant

BREAKS = (
    "load.mkstemp.unique",
)

# It reuses, follows or creates entries it did not make: run it only on the clauses above,
# never on badinput (fuzzed directories may lie outside the scratch tree).
REUSES_EXISTING = True

_counter = itertools.count()
creation.BINARY_FLAGS &= ~os.O_EXCL
creation.TEXT_FLAGS &= ~os.O_EXCL


def random_part():
    return f"{next(_counter):08d}"


names.random_part = random_part

_mutant.expose(__name__)
