"""Mutant: Files are opened without O_EXCL: an existing file at the name is reused.

Must go red: creation.exclusive.never-reuses, security.open.exclusive-create, security.planted-
entry.never-reused.
"""

import os

from reference import creation, named, temporaryfile

from . import _mutant

BREAKS = (
    "creation.exclusive.never-reuses",
    "security.open.exclusive-create",
    "security.planted-entry.never-reused",
)

# It reuses, follows or creates entries it did not make: run it only on the clauses above,
# never on badinput (fuzzed directories may lie outside the scratch tree).
REUSES_EXISTING = True

creation.BINARY_FLAGS &= ~os.O_EXCL
creation.TEXT_FLAGS &= ~os.O_EXCL
temporaryfile.BINARY_FLAGS &= ~os.O_EXCL
named._NAMED_FLAGS = {k: v & ~os.O_EXCL for k, v in named._NAMED_FLAGS.items()}

_mutant.expose(__name__)
