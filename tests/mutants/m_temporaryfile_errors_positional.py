"""Mutant: TemporaryFile accepts errors by position (it is keyword-only).

Must go red: module.signature.temporaryfile, temporaryfile.params.errors-keyword-only.
"""

import inspect

import reference
from reference import temporaryfile

from . import _mutant

BREAKS = (
    "module.signature.temporaryfile",
    "temporaryfile.params.errors-keyword-only",
)

_POSITIONAL = {"kind": inspect.Parameter.POSITIONAL_OR_KEYWORD}
reference.TemporaryFile = _mutant.rewrap(temporaryfile.TemporaryFile, errors=_POSITIONAL)

_mutant.expose(__name__)
