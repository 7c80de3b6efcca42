"""Mutant: Collection of a TemporaryDirectory leaves the tree behind.

Must go red: temporarydirectory.finalize.removes-tree.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import directory  # noqa: E402

BREAKS = (
    "temporarydirectory.finalize.removes-tree",
)

directory._implicit_cleanup = lambda name, warning, ignore_errors, delete: None

_mutant.expose(__name__)
