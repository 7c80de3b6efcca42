"""Mutant: Cleanup does not repair permissions: protected contents stop it.

Must go red: cleanup.removes.protected-contents.
"""

import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import directory  # noqa: E402

BREAKS = (
    "cleanup.removes.protected-contents",
)

def remove_tree(top, ignore_errors=False, second_try=False):
    shutil.rmtree(top, ignore_errors=ignore_errors)


directory.remove_tree = remove_tree

_mutant.expose(__name__)
