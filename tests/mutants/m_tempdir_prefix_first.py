"""Mutant: TemporaryDirectory takes prefix before suffix.

Must go red: module.signature.temporarydirectory.
"""


import reference
from reference import directory

from . import _mutant

BREAKS = (
    "module.signature.temporarydirectory",
)

reference.TemporaryDirectory = _mutant.rewrap(directory.TemporaryDirectory, first=("prefix", "suffix"))

_mutant.expose(__name__)
