"""Mutant: cleanup() removes only an empty directory (os.rmdir), not its contents.

Must go red: temporarydirectory.cleanup.removes-tree, temporarydirectory.exit.removes-tree.
"""

import os

from reference import directory

from . import _mutant

BREAKS = (
    "temporarydirectory.cleanup.removes-tree",
    "temporarydirectory.exit.removes-tree",
)

def remove_tree(top, ignore_errors=False, second_try=False):
    try:
        os.rmdir(top)
    except OSError:
        if not ignore_errors:
            raise


directory.remove_tree = remove_tree

_mutant.expose(__name__)
