"""Mutant: TemporaryDirectory takes delete by position (it is keyword-only).

Must go red: module.signature.temporarydirectory-delete.
"""

import inspect
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402
from reference import directory  # noqa: E402

BREAKS = (
    "module.signature.temporarydirectory-delete",
)

_POSITIONAL = {"kind": inspect.Parameter.POSITIONAL_OR_KEYWORD}
reference.TemporaryDirectory = _mutant.rewrap(directory.TemporaryDirectory, delete=_POSITIONAL)

_mutant.expose(__name__)
