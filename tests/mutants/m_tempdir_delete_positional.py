"""Mutant: TemporaryDirectory takes delete by position (it is keyword-only).

Must go red: module.signature.temporarydirectory-delete.
"""

import inspect

import reference
from reference import directory

from . import _mutant

BREAKS = (
    "module.signature.temporarydirectory-delete",
)

_POSITIONAL = {"kind": inspect.Parameter.POSITIONAL_OR_KEYWORD}
reference.TemporaryDirectory = _mutant.rewrap(directory.TemporaryDirectory, delete=_POSITIONAL)

_mutant.expose(__name__)
