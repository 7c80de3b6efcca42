"""Mutant: TemporaryFile accepts errors by position (it is keyword-only).

Must go red: module.signature.temporaryfile, temporaryfile.params.errors-keyword-only.
"""

import inspect
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402
from reference import files  # noqa: E402

BREAKS = (
    "module.signature.temporaryfile",
    "temporaryfile.params.errors-keyword-only",
)

_POSITIONAL = {"kind": inspect.Parameter.POSITIONAL_OR_KEYWORD}
reference.TemporaryFile = _mutant.rewrap(files.TemporaryFile, errors=_POSITIONAL)

_mutant.expose(__name__)
