"""Mutant: A missing dir is created instead of reported.

Must go red: creation.errors.missing-dir.
"""

import os

from reference import creation, named, temporaryfile

from . import _mutant

BREAKS = (
    "creation.errors.missing-dir",
)

# It reuses, follows or creates entries it did not make: run it only on the clauses above,
# never on badinput (fuzzed directories may lie outside the scratch tree).
REUSES_EXISTING = True

_original = creation.create_exclusively


def create_exclusively(directory, *args, **kwargs):
    os.makedirs(directory, exist_ok=True)
    return _original(directory, *args, **kwargs)


_mutant.replace("create_exclusively", create_exclusively, creation, named, temporaryfile)

_mutant.expose(__name__)
