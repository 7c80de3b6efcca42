"""Mutant: TemporaryFile opens in text mode by default.

Must go red: temporaryfile.mode.default-binary.
"""


import reference
from reference import temporaryfile

from . import _mutant

BREAKS = (
    "temporaryfile.mode.default-binary",
)

reference.TemporaryFile = _mutant.rewrap(temporaryfile.TemporaryFile, mode={"default": "w+"})

_mutant.expose(__name__)
