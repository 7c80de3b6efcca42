"""Mutant: Only an explicit cleanup() removes the tree: neither the with block nor collection does.

Must go red: temporarydirectory.exit.removes-tree, temporarydirectory.finalize.removes-tree,
examples.temporarydirectory.context-manager.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import directory  # noqa: E402

BREAKS = (
    "temporarydirectory.exit.removes-tree",
    "temporarydirectory.finalize.removes-tree",
    "examples.temporarydirectory.context-manager",
)

directory.TemporaryDirectory.__exit__ = lambda self, *exc_info: None
directory._implicit_cleanup = lambda name, warning, ignore_errors, delete: None

_mutant.expose(__name__)
