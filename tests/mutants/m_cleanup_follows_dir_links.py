"""Mutant: Cleanup descends into symlinked directories and empties them.

Must go red: cleanup.nothing-outside-removed.
"""

import os

from reference import directory

from . import _mutant

BREAKS = (
    "cleanup.nothing-outside-removed",
)

# It reuses, follows or creates entries it did not make: run it only on the clauses above,
# never on badinput (fuzzed directories may lie outside the scratch tree).
REUSES_EXISTING = True

_original = directory.remove_tree


def remove_tree(top, ignore_errors=False, second_try=False):
    for entry in os.scandir(top):
        if entry.is_symlink() and entry.is_dir():
            for inner in os.scandir(entry.path):
                if inner.is_file(follow_symlinks=False):
                    os.unlink(inner.path)
    _original(top, ignore_errors, second_try)


directory.remove_tree = remove_tree

_mutant.expose(__name__)
