"""Mutant: with TemporaryDirectory() binds the object, not its name.

Must go red: temporarydirectory.enter.returns-name.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import directory  # noqa: E402

BREAKS = (
    "temporarydirectory.enter.returns-name",
)

directory.TemporaryDirectory.__enter__ = lambda self: self

_mutant.expose(__name__)
