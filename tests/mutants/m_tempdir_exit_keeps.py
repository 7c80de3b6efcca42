"""Mutant: Leaving the with block does not remove the directory.

Must go red: temporarydirectory.exit.removes-tree.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import directory  # noqa: E402

BREAKS = (
    "temporarydirectory.exit.removes-tree",
)

directory.TemporaryDirectory.__exit__ = lambda self, *exc_info: None

_mutant.expose(__name__)
