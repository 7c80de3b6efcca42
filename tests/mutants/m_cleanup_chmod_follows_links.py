"""Mutant: Cleanup's permission repair chmods through symlinks (CVE-2023-6597).

Must go red: cleanup.symlink.target-untouched.
"""

import os

from reference import directory

from . import _mutant

BREAKS = (
    "cleanup.symlink.target-untouched",
)

# It reuses, follows or creates entries it did not make: run it only on the clauses above,
# never on badinput (fuzzed directories may lie outside the scratch tree).
REUSES_EXISTING = True

def grant_owner_access(path):
    os.chmod(path, directory.DIR_MODE)


directory.grant_owner_access = grant_owner_access

_mutant.expose(__name__)
