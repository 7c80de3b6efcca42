"""Mutant: TemporaryDirectory takes prefix before suffix.

Must go red: module.signature.temporarydirectory.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402
from reference import directory  # noqa: E402

BREAKS = (
    "module.signature.temporarydirectory",
)

reference.TemporaryDirectory = _mutant.rewrap(directory.TemporaryDirectory, first=("prefix", "suffix"))

_mutant.expose(__name__)
