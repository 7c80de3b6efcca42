"""Mutant: mkdtemp names come from a per-process counter and an existing directory is reused.

Must go red: load.mkdtemp.unique.
"""

import itertools
import os

from reference import creation, names

from . import _mutant

BREAKS = (
    "load.mkdtemp.unique",
)

# It reuses, follows or creates entries it did not make: run it only on the clauses above,
# never on badinput (fuzzed directories may lie outside the scratch tree).
REUSES_EXISTING = True

_counter = itertools.count()


def random_part():
    return f"{next(_counter):08d}"


def _make_directory(path):
    try:
        os.mkdir(path, creation.DIR_MODE)
    except FileExistsError:
        if not os.path.isdir(path):
            raise


names.random_part = random_part
creation._make_directory = _make_directory

_mutant.expose(__name__)
