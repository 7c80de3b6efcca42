"""Mutant: mkdtemp takes over whatever entry already stands at the candidate name.

Must go red: creation.exclusive.any-entry-type, security.planted-entry.never-reused.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import creation  # noqa: E402

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
