"""Mutant: Cleanup does not repair permissions: protected contents stop it.

Must go red: cleanup.removes.protected-contents.
"""

import shutil

from reference import directory

from . import _mutant

BREAKS = (
    "cleanup.removes.protected-contents",
)

def remove_tree(top, ignore_errors=False, second_try=False):
    shutil.rmtree(top, ignore_errors=ignore_errors)


directory.remove_tree = remove_tree

_mutant.expose(__name__)
