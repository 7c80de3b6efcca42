"""Mutant: Files are opened without O_EXCL and O_NOFOLLOW: a planted symlink is followed.

Must go red: security.symlink.never-followed, security.planted-entry.never-reused.
"""

import os

from reference import creation, named, temporaryfile

from . import _mutant

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
temporaryfile.BINARY_FLAGS &= _FOLLOW
named._NAMED_FLAGS = {k: v & _FOLLOW for k, v in named._NAMED_FLAGS.items()}

_mutant.expose(__name__)
