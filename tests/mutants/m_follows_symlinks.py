"""Mutant: Files are opened without O_EXCL and O_NOFOLLOW: a planted symlink is followed.

Must go red: security.symlink.never-followed, security.planted-entry.never-reused.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import creation, files  # noqa: E402

BREAKS = (
    "security.symlink.never-followed",
    "security.planted-entry.never-reused",
)

# It reuses, follows or creates entries it did not make: run it only on the clauses above,
# never on badinput (fuzzed directories may lie outside the scratch tree).
REUSES_EXISTING = True

_FOLLOW = ~(os.O_EXCL | os.O_NOFOLLOW)
creation.BINARY_FLAGS &= _FOLLOW
creation.TEXT_FLAGS &= _FOLLOW
files.BINARY_FLAGS &= _FOLLOW
files._NAMED_FLAGS = {k: v & _FOLLOW for k, v in files._NAMED_FLAGS.items()}

_mutant.expose(__name__)
