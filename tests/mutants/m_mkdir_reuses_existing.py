"""Mutant: mkdtemp takes over whatever entry already stands at the candidate name.

Must go red: creation.exclusive.any-entry-type, security.planted-entry.never-reused.
"""

import os

from reference import creation

from . import _mutant

BREAKS = (
    "creation.exclusive.any-entry-type",
    "security.planted-entry.never-reused",
)

# It reuses, follows or creates entries it did not make: run it only on the clauses above,
# never on badinput (fuzzed directories may lie outside the scratch tree).
REUSES_EXISTING = True

def _make_directory(path):
    try:
        os.mkdir(path, creation.DIR_MODE)
    except FileExistsError:
        pass


creation._make_directory = _make_directory

_mutant.expose(__name__)
